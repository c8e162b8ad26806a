"""What the two quote modules share: quote-mark and punctuation sets, the cue vocabulary of
data/quote_cues.txt, and DocView, the per-document tables (paragraphs, sentences, the entity
mention at each token) that quote detection (quotes.py) and speaker attribution (speakers.py) read.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from pipeline.resources import data_sections
from pipeline.token_view import token_view

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
    """Per-document tables the finders share: the Doc's tokens (`tokens`, the TokenView of
    pipeline/token_view.py that the entities component read before; `text`, `lower` and
    `is_space` are its columns), paragraphs, sentences, and the entity mention at each token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        self.tokens = tokens = token_view(doc)
        self.text, self.lower, self.is_space = tokens.text, tokens.lower, tokens.is_space
        self.breaks = [space and "\n" in word for word, space in zip(self.text, self.is_space)]
        self.paragraph = [0] * n
        self.sentence = [0] * n
        has_sents, sent_start = doc.has_annotation("SENT_START"), tokens.sent_start
        paragraph = sentence = 0
        for i in range(1, n):
            if self.breaks[i - 1]:
                paragraph += 1
                sentence += 1
            elif sent_start[i] if has_sents else (self.text[i - 1] in SENTENCE_END):
                sentence += 1
            self.paragraph[i] = paragraph
            self.sentence[i] = sentence
        # (start, end) of each sentence without trailing whitespace, computed once: the finders
        # ask for the sentence of a token tens of times per token.
        self.bounds: list[tuple[int, int]] = []
        for i in range(n):
            if i == 0 or self.sentence[i] != self.sentence[i - 1]:
                self.bounds.append((i, i))
            start, end = self.bounds[-1]
            self.bounds[-1] = (start, i + 1 if not self.is_space[i] else end)
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
