"""What the two quote modules share: quote-mark and punctuation sets, the cue vocabulary of
data/quote_cues.txt, and DocView, the per-document tables (paragraphs, sentences, the entity
mention at each token) that quote detection (quotes.py) and speaker attribution (speakers.py) read.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from pipeline.resources import data_sections

QUOTE_MARKS = frozenset({"“", "”", '"', "„", "«", "»"})
OPENING_ONLY = frozenset({"“", "„", "«"})
SENTENCE_END = frozenset({".", "!", "?"})
CLAUSE_PUNCT = frozenset({",", ":"})
# Punctuation that may end the content just before a closing mark ("...,” kata X").
INNER_END = frozenset({",", ".", "!", "?", "…", "-", "—"})
CLITIC = "nya"
PERSON = "PERSON"
ORGANISATIONS = frozenset({"AGENCY", "ORG"})


@lru_cache(maxsize=1)
def vocabulary_lines() -> dict[str, tuple[str, ...]]:
    """The sections of data/quote_cues.txt as {section: lines}, in lower case."""
    return {
        name: tuple(" ".join(line.split()).lower() for line in lines)
        for name, lines in data_sections("quote_cues.txt").items()
    }


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, frozenset[str]]:
    """The sections of data/quote_cues.txt as {section: words}."""
    return {name: frozenset(w for line in lines for w in line.split()) for name, lines in vocabulary_lines().items()}



class DocView:
    """Per-document tables the finders share: paragraphs, sentences, entity of each token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        self.paragraph = [0] * n
        self.sentence = [0] * n
        self.breaks = [token.is_space and "\n" in token.text for token in doc]
        has_sents = doc.has_annotation("SENT_START")
        paragraph = sentence = 0
        previous = None
        for i, token in enumerate(doc):
            if previous is not None and self.breaks[i - 1]:
                paragraph += 1
                sentence += 1
            elif i and (token.is_sent_start if has_sents else previous.text in SENTENCE_END):
                sentence += 1
            self.paragraph[i] = paragraph
            self.sentence[i] = sentence
            previous = token
        # (start, end) of each sentence without trailing whitespace, computed once: the finders
        # ask for the sentence of a token tens of times per token.
        self.bounds: list[tuple[int, int]] = []
        for i in range(n):
            if i == 0 or self.sentence[i] != self.sentence[i - 1]:
                self.bounds.append((i, i))
            start, end = self.bounds[-1]
            self.bounds[-1] = (start, i + 1 if not doc[i].is_space else end)
        self.entities = {e["id"]: e for e in (doc._.entities or [])}
        self.mention_at: list[tuple[int, int, str, str | None] | None] = [None] * n
        for span in doc.ents:
            mention = (span.start, span.end, span.label_, span.kb_id_ or None)
            for i in range(span.start, span.end):
                self.mention_at[i] = mention

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token range (start, end) of the sentence of token i, without surrounding whitespace."""
        return self.bounds[self.sentence[i]]

    def is_break(self, i: int) -> bool:
        """True when token i is a paragraph break."""
        return self.breaks[i]

