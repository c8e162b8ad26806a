"""What the two quote modules share: quote-mark and punctuation sets, the cue vocabulary of
data/quote_cues.txt, and DocView, the per-document tables (paragraphs, sentences, the entity
mention at each token) that quote detection (quotes.py) and speaker attribution (speakers.py) read.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.strings import StringStore, get_string_id
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



def string_ids(words) -> frozenset[int]:
    """The StringStore ids of these strings, to look for them in a Doc's ORTH or LOWER column."""
    return frozenset(get_string_id(word) for word in words)


QUOTE_MARK_IDS = string_ids(QUOTE_MARKS)


class TokenStrings(Sequence):
    """A string column of a Doc (the token texts, or their lower case) read token by token from
    its ids: the finders read a few tokens of each Doc, and a list of them all would cost a
    StringStore lookup per token."""

    def __init__(self, strings: StringStore, ids: list[int]):
        self.strings = strings
        self.ids = ids

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.strings[string_id] for string_id in self.ids[i]]
        return self.strings[self.ids[i]]

    def __len__(self) -> int:
        return len(self.ids)


class DocView:
    """Per-document tables the finders share: the text, lower-case text and is_space of each
    token (read from the Doc's columns: a spaCy Token object per look costs more than the
    finders' own work), paragraphs, sentences, and the entity mention at each token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        orths, lowers, spaces, sent_starts, self.spaces, self.idx = doc.to_array(
            [ORTH, LOWER, IS_SPACE, SENT_START, SPACY, IDX]).T.tolist()
        self.text = TokenStrings(doc.vocab.strings, orths)
        self.lower = TokenStrings(doc.vocab.strings, lowers)
        self.is_space = [bool(space) for space in spaces]
        self.breaks = [space and "\n" in self.text[i] for i, space in enumerate(self.is_space)]
        self.paragraph = [0] * n
        self.sentence = [0] * n
        has_sents = doc.has_annotation("SENT_START")
        paragraph = sentence = 0
        for i in range(1, n):
            if self.breaks[i - 1]:
                paragraph += 1
                sentence += 1
            elif (sent_starts[i] == 1) if has_sents else (self.text[i - 1] in SENTENCE_END):
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

    def matches(self, ids: frozenset[int], lower: bool = False) -> list[bool]:
        """For each token, True when its text (lower: its lower-case text) has one of these
        string ids (string_ids): a scan of every token without reading its text."""
        return [string_id in ids for string_id in (self.lower if lower else self.text).ids]

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text (trailing whitespace left out) without a spaCy Token per token."""
        if end <= start:
            return ""
        words = self.text[start:end]
        return "".join([word + " " if space else word for word, space in zip(words, self.spaces[start:end - 1])]) + words[-1]

    def end_char(self, end: int) -> int:
        """doc[:end].end_char: the character offset after token end - 1."""
        return self.idx[end - 1] + len(self.text[end - 1])

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Token range (start, end) of the sentence of token i, without surrounding whitespace."""
        return self.bounds[self.sentence[i]]

    def is_break(self, i: int) -> bool:
        """True when token i is a paragraph break."""
        return self.breaks[i]
