"""Evaluation of berita_quotes on PFSA-ID (token-per-line statement attribution corpus).

PFSA-ID gives Kompas articles one token per line (TAB token, BILOU tag), a blank line between
sentences and no article marker: each article starts "<PLACE> , KOMPAS —". Its STATEMENT spans are
direct quotes *with* their quote marks (the opening mark is often ” and stands at the end of the
previous sentence); indirect speech is not annotated as STATEMENT. CUE / CUECOREF mark the cue
("kata", "katanya") and PERSON / PERSONCOREF the speaker's mention.

The evaluation builds each article Doc from the given tokens (no re-tokenisation) with the
corpus sentence breaks as sentence starts, runs the pipeline components, maps each predicted
direct quote back to tokens and widens it over its quote marks (the corpus convention; the
extractor's `text` stays without marks), then scores:
- STATEMENT: exact span and overlap (one-to-one, greedy by shared tokens) P/R/F1;
- CUE: the cue tokens of the predicted direct quotes against CUE + CUECOREF spans;
- PERSON: the speaker mention each predicted direct quote points to against PERSON + PERSONCOREF.
Scores are micro-averaged over all articles.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.evaluation.ner import Sentence, read_conll, tags_to_spans
from pipeline.nlp import TOKEN_CHANGING
from pipeline.quotes import CUES, QUOTE_MARKS, SPEAKERS

Span = tuple[int, int]  # token offsets in an article, end exclusive
GOLD_LABELS = {"statement": ("STATEMENT",), "cue": ("CUE", "CUECOREF"), "person": ("PERSON", "PERSONCOREF")}
# Tokens written without a space before them when the text is rebuilt.
NO_SPACE_BEFORE = frozenset(",.;:!?)%")
SKIPPED_COMPONENTS = ("berita_sentences", *TOKEN_CHANGING)  # the corpus gives the sentences and tokens


def split_articles(sentences: list[Sentence]) -> list[list[Sentence]]:
    """Group a PFSA-ID sentence stream into articles, each opening "<PLACE> , KOMPAS —".

    sentences: the (token, tag) sentences of the file. Returns a list of articles (lists of
    sentences); sentences before the first dateline form an article of their own.
    """
    articles: list[list[Sentence]] = []
    for sentence in sentences:
        words = [token for token, _ in sentence[:8]]
        opens = any(
            words[k] == "KOMPAS" and words[k - 1] == "," and k + 1 < len(words) and words[k + 1] in ("—", "-", "–")
            for k in range(1, len(words))
        )
        if opens or not articles:
            articles.append([])
        articles[-1].append(sentence)
    return articles


def article_doc(nlp: Language, article: list[Sentence]) -> tuple[Doc, list[str]]:
    """The Doc of one article built from its gold tokens, with the corpus sentence starts.

    Returns the Doc and the tags, one per token.
    """
    words = [token for sentence in article for token, _ in sentence]
    tags = [tag for sentence in article for _, tag in sentence]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))]
    starts = []
    for sentence in article:
        starts += [True] + [False] * (len(sentence) - 1)
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts), tags


def gold_spans(tags: list[str]) -> dict[str, set[Span]]:
    """Gold spans of the scored kinds (statement, cue, person) from BILOU tags."""
    spans = tags_to_spans(tags)
    return {kind: {(s, e) for s, e, label in spans if label in labels} for kind, labels in GOLD_LABELS.items()}


def _token_span(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def predicted_spans(doc: Doc) -> dict[str, set[Span]]:
    """Statement (widened over its quote marks), cue and speaker token spans of the direct
    quotes in doc._.quotes (the cues and speakers from their span groups)."""
    found: dict[str, set[Span]] = {kind: set() for kind in GOLD_LABELS}
    direct = [quote for quote in doc._.quotes or [] if quote["type"] == "direct"]
    for quote in direct:
        start, end = _token_span(doc, quote["start"], quote["end"])
        if start > 0 and doc[start - 1].text in QUOTE_MARKS:
            start -= 1
        if end < len(doc) and doc[end].text in QUOTE_MARKS:
            end += 1
        found["statement"].add((start, end))
    ids = {quote["id"] for quote in direct}
    for kind, group in (("cue", CUES), ("person", SPEAKERS)):
        found[kind] = {(span.start, span.end) for span in doc.spans.get(group, []) if span.id_ in ids}
    return found


def overlap_matches(gold: set[Span], pred: set[Span]) -> int:
    """Number of one-to-one gold/predicted pairs sharing at least one token (most shared first)."""
    pairs = []
    for g in gold:
        for p in pred:
            shared = min(g[1], p[1]) - max(g[0], p[0])
            if shared > 0:
                pairs.append((shared, g, p))
    pairs.sort(reverse=True)
    used_gold, used_pred = set(), set()
    for _, g, p in pairs:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
    return len(used_gold)


def _prf(tp: int, pred: int, gold: int) -> dict:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": pred, "gold": gold}


def evaluate_pfsa(nlp: Language, path: Path | str) -> dict:
    """Score the quotes of `nlp` on a PFSA-ID file.

    nlp: the berita Language (components after the tokenizer are run, except the sentence
        splitter: the corpus gives the sentences).
    path: a PFSA-ID token-per-line file (e.g. dev.txt).
    Returns {"articles": n, "statement": {"exact": prf, "overlap": prf}, "cue": {...},
    "person": {...}, "indirect_quotes": n}, each prf a dict of p, r, f, tp, pred, gold.
    """
    counts = {kind: {"exact": [0, 0, 0], "overlap": [0, 0, 0]} for kind in GOLD_LABELS}
    articles = split_articles(read_conll(path))
    indirect = 0
    for article in articles:
        doc, tags = article_doc(nlp, article)
        for name, component in nlp.pipeline:
            if name not in SKIPPED_COMPONENTS:
                doc = component(doc)
        gold, pred = gold_spans(tags), predicted_spans(doc)
        indirect += sum(q["type"] == "indirect" for q in doc._.quotes or [])
        for kind in GOLD_LABELS:
            for mode, tp in (("exact", len(gold[kind] & pred[kind])), ("overlap", overlap_matches(gold[kind], pred[kind]))):
                c = counts[kind][mode]
                c[0] += tp
                c[1] += len(pred[kind])
                c[2] += len(gold[kind])
    result: dict = {"articles": len(articles), "indirect_quotes": indirect}
    for kind, modes in counts.items():
        result[kind] = {mode: _prf(*c) for mode, c in modes.items()}
    return result


def format_quote_report(result: dict) -> str:
    """A plain-text table of an `evaluate_pfsa` result."""
    lines = [
        f"PFSA-ID quotes: {result['articles']} articles "
        f"(direct quotes scored; {result['indirect_quotes']} indirect quotes not in the corpus labels)",
        f"{'':28}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}",
    ]
    names = {"statement": "STATEMENT", "cue": "CUE+CUECOREF", "person": "PERSON+PERSONCOREF"}
    for kind, label in names.items():
        for mode in ("exact", "overlap"):
            m = result[kind][mode]
            lines.append(
                f"{label + ' ' + mode:28}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp']:>7}{m['pred']:>7}{m['gold']:>7}"
            )
    return "\n".join(lines)
