"""One view of a Doc's tokens as plain Python lists, shared by the components that read them.

Rule-based components look at every token several times; each `doc[i]` or `for token in doc`
builds a spaCy Token object, and that costs more than the rule itself. `token_view(doc)` reads
the Doc's token columns with one `Doc.to_array` call and gives each attribute as a list indexed
by token position, made when a component first asks for it. The entities component
(pipeline/entities.py, places.py) and the quotes component (quote_view.py, quotes.py, speakers.py)
read the same view of a Doc, so its columns are read once per Doc, not once per component.

The view lives exactly as long as its Doc: it is kept in a dict by the Doc's id (not in
doc.user_data, which DocBin and Doc.to_bytes serialise), holds no reference to the Doc, and a
`weakref.finalize` of the Doc takes it out when the Doc goes (before its id can be reused), so a
stream of Docs leaves no views behind. A WeakKeyDictionary would do the same at twice the cost
of a look-up, and a Doc extension's getter at more still (`doc._` makes an object each time):
the finders ask for the view at almost every token. The view shows the tokens and sentence
starts as they were when it was made: components that change them (berita_word_split,
berita_sentences) run before the first one that reads it, and a Doc whose number of tokens has
changed gets a new view.
"""

from __future__ import annotations

import weakref
from functools import cached_property

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LIKE_NUM, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

MAX_KNOWN_TEXTS = 50_000  # texts of token hashes kept between Docs (then forgotten: a few MB)
_known_texts: dict[int, str] = {}
COLUMNS = [ORTH, SPACY, SENT_START, IS_PUNCT, IS_ALPHA, IS_SPACE, LIKE_NUM, IDX]
_views: dict[int, TokenView] = {}  # by id(doc), while the Doc lives


def _flag_column(row: int) -> cached_property:
    """A TokenView attribute: the bools of one flag of COLUMNS (its row), made on first use."""
    def column(self: TokenView) -> list[bool]:
        return self._columns[row].astype(bool).tolist()

    return cached_property(column)


class TokenView:
    """Columns of a Doc's tokens: column[i] is the attribute of doc[i], each list made on first use."""

    def __init__(self, doc: Doc):
        self.length = len(doc)
        self._strings = doc.vocab.strings
        self._columns = doc.to_array(COLUMNS).T  # uint64 rows, in the order of COLUMNS

    def __len__(self) -> int:
        return self.length

    @cached_property
    def text(self) -> list[str]:
        """token.text of each token."""
        return _texts(self._columns[0].tolist(), self._strings)

    @cached_property
    def lower(self) -> list[str]:
        """token.lower_ of each token (spaCy's LOWER is str.lower of the text)."""
        return [word.lower() for word in self.text]

    @cached_property
    def whitespace(self) -> list[str]:
        """token.whitespace_ of each token: " " or ""."""
        return [" " if space else "" for space in self._columns[1].tolist()]

    @cached_property
    def sent_start(self) -> list[bool]:
        """token.is_sent_start is True."""
        return (self._columns[2] == 1).tolist()  # 1 start, -1 (as uint64) inside, 0 unknown

    is_punct = _flag_column(COLUMNS.index(IS_PUNCT))
    is_alpha = _flag_column(COLUMNS.index(IS_ALPHA))
    is_space = _flag_column(COLUMNS.index(IS_SPACE))
    like_num = _flag_column(COLUMNS.index(LIKE_NUM))

    @cached_property
    def idx(self) -> list[int]:
        """token.idx: the character offset of each token into doc.text."""
        return self._columns[7].tolist()

    @cached_property
    def doc_text(self) -> str:
        """doc.text, made once from the columns (spaCy's builds a Token per token each time):
        texts and whitespace interleaved in one list and joined, with no string made per token."""
        parts = self.text + self.whitespace
        parts[::2], parts[1::2] = self.text, self.whitespace
        return "".join(parts)

    @cached_property
    def text_positions(self) -> dict[str, list[int]]:
        """Where each token text occurs: {text: positions}."""
        positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.text):
            positions.setdefault(word, []).append(i)
        return positions

    def positions(self, words, lower: bool = False) -> list[int]:
        """Positions of the tokens whose text (lower: lower-case text) is one of `words` (a set
        or dict), in order."""
        return [i for i, word in enumerate(self.lower if lower else self.text) if word in words]

    def end_char(self, end: int) -> int:
        """doc[:end].end_char: the character offset after token end - 1 (0 when end is 0)."""
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


def token_view(doc: Doc) -> TokenView:
    """The Doc's TokenView, made on first use and forgotten with the Doc."""
    view = _views.get(id(doc))
    if view is None or view.length != len(doc):
        if view is None:
            weakref.finalize(doc, _views.pop, id(doc), None)
        view = _views[id(doc)] = TokenView(doc)
    return view
