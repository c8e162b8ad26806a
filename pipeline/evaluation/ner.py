"""Exact-span evaluation of a spaCy NER pipeline on token-per-line (CoNLL) files.

Gold tokens are used as given (no re-tokenisation), so scores are comparable
with the published token-level benchmarks (conlleval-style exact spans).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import TOKEN_CHANGING

TYPES = ("PERSON", "ORG", "LOC")

# Dataset-specific entity type names folded onto the three types we score.
# AGENCY / ESTATE are labels of other predictors that we count as ORG / LOC.
# IDCrossNER politics: politicians are persons, parties organisations and countries
# places, as idner-news-2k and NER-UI tag them ("Golkar" ORG, "Indonesia" LOC);
# its election/event/misc have no berita type.
LABEL_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "PPL": "PERSON", "POLITICIAN": "PERSON",
    "ORG": "ORG", "ORGANISATION": "ORG", "ORGANIZATION": "ORG", "IND": "ORG",
    "AGENCY": "ORG", "POLITICALPARTY": "ORG",
    "LOC": "LOC", "PLACE": "LOC", "PLC": "LOC", "LOCATION": "LOC", "GPE": "LOC",
    "ESTATE": "LOC", "COUNTRY": "LOC",
}

Sentence = list[tuple[str, str]]
Span = tuple[int, int, int, str]  # (sentence index, start, end exclusive, type)


def read_conll(path: Path | str) -> list[Sentence]:
    """Read a token-per-line file into sentences.

    Args:
        path: file with one token per line, columns separated by spaces or
            tabs, the tag in the last column; blank lines separate sentences;
            CRLF line endings and ``-DOCSTART-`` lines are tolerated.
    Returns:
        A list of sentences, each a list of ``(token, tag)`` pairs.
    """
    sentences: list[Sentence] = []
    current: Sentence = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                continue
            cols = line.split()
            if cols[0] == "-DOCSTART-":
                continue
            # A single column means the tag is missing; treat it as outside.
            tag = cols[-1] if len(cols) > 1 else "O"
            current.append((cols[0], tag))
    if current:
        sentences.append(current)
    return sentences


def map_label(label: str) -> str | None:
    """Map a dataset or model entity label to PERSON/ORG/LOC.

    Args:
        label: entity type without the B-/I- prefix (case-insensitive).
    Returns:
        The scored type, or None for types that are ignored.
    """
    return LABEL_MAP.get(label.upper())


def tags_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Decode BIO/IOB2/BILOU/IOBES tags into entity spans.

    An I-/L-/E- tag that does not continue an open entity of the same type
    starts a new entity (conlleval behaviour), so IOB1 input also decodes.

    Args:
        tags: one tag per token, e.g. ``["B-PER", "I-PER", "O"]``.
    Returns:
        ``(start, end_exclusive, raw_type)`` tuples in order.
    """
    spans: list[tuple[int, int, str]] = []
    start, kind = None, None

    def close(end: int) -> None:
        nonlocal start, kind
        if start is not None:
            spans.append((start, end, kind))
        start, kind = None, None

    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if tag == "O" or not label:
            close(i)
            continue
        prefix = prefix.upper()
        continues = start is not None and kind == label and prefix in ("I", "L", "E")
        if not continues:
            close(i)
            start, kind = i, label
        if prefix in ("L", "E", "U", "S"):
            close(i + 1)
    close(len(tags))
    return spans


def _gold_spans(sentences: list[Sentence]) -> set[Span]:
    """Collect mapped gold spans of all sentences (types outside TYPES dropped)."""
    gold: set[Span] = set()
    for index, sentence in enumerate(sentences):
        for start, end, raw in tags_to_spans([tag for _, tag in sentence]):
            kind = map_label(raw)
            if kind:
                gold.add((index, start, end, kind))
    return gold


def _predicted_spans(nlp: Language, sentences: list[Sentence], batch_size: int) -> set[Span]:
    """Run the components of ``nlp`` on Docs built from the gold tokens (not those that change
    the tokens)."""
    docs = (Doc(nlp.vocab, words=[tok for tok, _ in s]) for s in sentences)
    pred: set[Span] = set()
    kept_tokens = [name for name in TOKEN_CHANGING if name in nlp.pipe_names]
    for index, doc in enumerate(nlp.pipe(docs, batch_size=batch_size, disable=kept_tokens)):
        for ent in doc.ents:
            kind = map_label(ent.label_)
            if kind:
                pred.add((index, ent.start, ent.end, kind))
    return pred


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    """Precision, recall and F1 (0.0 when undefined) with the counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def score_spans(gold: Iterable[Span], pred: Iterable[Span]) -> dict:
    """Exact-span scores per type, micro and macro.

    Args:
        gold: gold spans as ``(sentence, start, end, type)``.
        pred: predicted spans in the same form.
    Returns:
        ``{"per_type": {type: prf}, "micro": prf, "macro": {"p","r","f"}}``
        where macro averages per-type figures over types present in gold.
    """
    gold, pred = set(gold), set(pred)
    per_type = {}
    for kind in TYPES:
        g = {s for s in gold if s[3] == kind}
        p = {s for s in pred if s[3] == kind}
        per_type[kind] = _prf(len(g & p), len(p), len(g))
    present = [kind for kind in TYPES if per_type[kind]["gold"]]
    macro = {
        key: (sum(per_type[k][key] for k in present) / len(present) if present else 0.0)
        for key in ("p", "r", "f")
    }
    return {
        "per_type": per_type,
        "micro": _prf(len(gold & pred), len(pred), len(gold)),
        "macro": macro,
    }


def evaluate_ner(nlp: Language, path: Path | str, *, batch_size: int = 256) -> dict:
    """Score ``nlp``'s entities against a CoNLL file with exact-span matching.

    Args:
        nlp: a loaded spaCy pipeline; all its components run on gold tokens.
        path: CoNLL file readable by :func:`read_conll`.
        batch_size: ``nlp.pipe`` batch size.
    Returns:
        The :func:`score_spans` dict plus ``"file"``, ``"sentences"`` and
        ``"tokens"``.
    """
    sentences = read_conll(path)
    result = score_spans(_gold_spans(sentences), _predicted_spans(nlp, sentences, batch_size))
    result["file"] = str(path)
    result["sentences"] = len(sentences)
    result["tokens"] = sum(len(s) for s in sentences)
    return result


def format_ner_report(result: dict) -> str:
    """Render an :func:`evaluate_ner` result as a plain-text table.

    Args:
        result: dict returned by :func:`evaluate_ner` or :func:`score_spans`.
    Returns:
        A multi-line string with P/R/F1 and counts per type, micro and macro.
    """
    lines = []
    if "file" in result:
        lines.append(f"{result['file']}: {result['sentences']} sentences, {result['tokens']} tokens")
    lines.append(f"{'type':<8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}")
    rows = list(result["per_type"].items()) + [("micro", result["micro"])]
    for name, s in rows:
        lines.append(
            f"{name:<8} {s['p']*100:6.2f} {s['r']*100:6.2f} {s['f']*100:6.2f}"
            f" {s['tp']:6d} {s['pred']:6d} {s['gold']:6d}"
        )
    m = result["macro"]
    lines.append(f"{'macro':<8} {m['p']*100:6.2f} {m['r']*100:6.2f} {m['f']*100:6.2f}")
    return "\n".join(lines)
