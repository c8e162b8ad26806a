"""A Doc's token attributes as plain Python lists, read once per Doc.

Rule-based components look at every token several times; each `doc[i]` or `for token in doc`
builds a spaCy Token object, and that costs more than the rule itself. `token_table(doc)` reads
the columns once with `Doc.to_array` and gives lists indexed by token position. Today the
entities component uses it; any component that reads the same columns can share it.

The table is kept in `doc.user_data` while a component runs: the component calls
`drop_token_table(doc)` when it is done (the table must not outlive a change of tokenisation,
and user_data is serialised with the Doc).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

TABLE_KEY = "berita_token_table"
MAX_KNOWN_TEXTS = 50_000  # texts of token hashes kept between Docs (then forgotten: a few MB)
_known_texts: dict[int, str] = {}
COLUMNS = [ORTH, SPACY, SENT_START, IS_PUNCT, IS_ALPHA, IS_SPACE, LIKE_NUM, IDX]


@dataclass
class TokenTable:
    """Columns of a Doc's tokens: column[i] is the attribute of doc[i]."""

    doc: Doc
    text: list[str]  # token.text
    lower: list[str]  # token.lower_
    whitespace: list[str]  # token.whitespace_: " " or ""
    sent_start: list[bool]  # token.is_sent_start is True
    is_punct: list[bool]
    is_alpha: list[bool]
    is_space: list[bool]
    like_num: list[bool]
    idx: list[int]  # token.idx: character offset into doc.text

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """The table of a Doc, read with one `Doc.to_array` call."""
        columns = doc.to_array(COLUMNS).T  # numpy does the conversions: one Python list per column
        flags = columns[3:7].astype(bool).tolist()
        text = _texts(columns[0].tolist(), doc.vocab.strings)
        return cls(
            doc=doc,
            text=text,
            lower=[word.lower() for word in text],  # spaCy's LOWER is str.lower of the text
            whitespace=[" " if s else "" for s in columns[1].tolist()],
            sent_start=(columns[2] == 1).tolist(),  # 1 start, -1 (as uint64) inside, 0 unknown
            is_punct=flags[0],
            is_alpha=flags[1],
            is_space=flags[2],
            like_num=flags[3],
            idx=columns[7].tolist(),
        )

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def doc_text(self) -> str:
        """doc.text, made once from the columns (spaCy's builds a Token per token each time)."""
        return "".join(map(str.__add__, self.text, self.whitespace))

    @cached_property
    def text_positions(self) -> dict[str, list[int]]:
        """Where each token text occurs: {text: positions}."""
        positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.text):
            positions.setdefault(word, []).append(i)
        return positions

    def end_char(self, end: int) -> int:
        """Character offset just after the tokens before token `end`, trailing space left out."""
        return self.idx[end - 1] + len(self.text[end - 1]) if end > 0 else 0

    def span_text(self, start: int, end: int) -> str:
        """doc[start:end].text without building a Span ("" when end <= start)."""
        if end <= start:
            return ""
        return self.doc_text[self.idx[start]:self.end_char(end)]


def _texts(orths: list[int], strings) -> list[str]:
    """The texts of token hashes: most words recur, and a dict look-up costs less than the
    StringStore's (which decodes the text anew each time)."""
    if len(_known_texts) > MAX_KNOWN_TEXTS:
        _known_texts.clear()
    texts = [_known_texts.get(h) for h in orths]
    for i, text in enumerate(texts):
        if text is None:
            texts[i] = _known_texts[orths[i]] = strings[orths[i]]
    return texts


def token_table(doc: Doc) -> TokenTable:
    """The Doc's TokenTable, made on first use and kept until `drop_token_table(doc)`."""
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        table = doc.user_data[TABLE_KEY] = TokenTable.of(doc)
    return table


def drop_token_table(doc: Doc) -> None:
    """Forget the Doc's table: call when the component that used it is done."""
    doc.user_data.pop(TABLE_KEY, None)
