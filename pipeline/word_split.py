"""Words glued around hyperlinks, split into tokens while the text stays as the page wrote it.

Scrapers that turn a page's links into text drop the spaces around them: "peranPolridi",
"MenteriSosial", "membuatnilai tukar rupiahtetap menguat". berita_word_split (first in the
pipeline, before the sentences and the NER) splits such a token into tokens with no whitespace
between them: "MenteriSosial" becomes "Menteri" + "Sosial". The record's `text` and every offset
stay the page's characters (a quote keeps "peranPolridi" as written, as the gold does), while the
NER, the quotes and the persons see two words. Each split is listed in doc._.word_splits (a
Repair of kind "word_split", as a dict), which the record adds to its `repairs`.

A token is split only where the whole is not a known word and every piece is one:
- known: wordfreq's Indonesian list (at least MIN_ZIPF for a piece; any frequency for the whole
  token), spaCy's Indonesian lemma table (for the whole token and for stems), and the article's
  own tokens (a piece seen once, a whole token seen twice);
- a camel-case boundary ("peran|Polri", "ASDP|Heru") is a cut; a piece without one is cut at
  most once more where two frequent words meet ("membuat|nilai"), a capitalised name only before
  a function word or a prefixed verb ("Polri|di", "Trump|mengatakan"), and only when the name
  stands alone in the article or follows a camel-case cut (it is a link's text);
- never a one-word name in camel case (data/word_split.txt: "WhatsApp", "detikJateng"), a piece
  of one letter ("iPhone"), a lower-case piece of three letters or fewer that is not a function
  word ("for" + "mil"), an affix ("di" + "naikan", "ada" + "lah"), a word derived from a known
  stem ("dinaikan": di-naik-kan), a hashtag, a mention, an address or a domain.
"""

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from math import log10

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token
from wordfreq import get_frequency_dict

from pipeline.doc import to_plain
from pipeline.repair import ADDRESS, Repair
from pipeline.resources import data_sections, lemma_table

# Where a camel-case token is cut: lower -> Upper ("peran|Polri"), and before the last capital
# of a run of capitals followed by lower case ("ASDP|Heru").
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Zipf frequency (log10 per billion words) a piece needs to count as a known word.
MIN_ZIPF = 3.0
# Both halves of a cut without a change of case must be at least this frequent.
MIN_GLUE_ZIPF = 4.5
SHORTEST_CANDIDATE = 4
# Tokens the text of a link may run on after its glued start ("bersama|Ikatan Alumni Unpad|di").
LINK_TOKENS = 5
# The prefixes of verbs that follow a subject ("mengatakan", "berada", "diduga", "terlihat").
VERB_PREFIXES = ("me", "ber", "di", "ter")
# The initial a nasal prefix replaces: "menulis" is men-tulis, "memukul" mem-pukul.
NASAL_INITIALS = {"men": "t", "mem": "p", "meng": "k", "meny": "s", "pen": "t", "pem": "p", "peng": "k", "peny": "s"}


@lru_cache(maxsize=1)
def zipf_table() -> dict[str, float]:
    """wordfreq's Indonesian words (shipped in its wheel, nothing downloaded) with Zipf frequencies."""
    return {word: log10(frequency * 1e9) for word, frequency in get_frequency_dict("id", "small").items()}


@lru_cache(maxsize=1)
def lemma_words() -> frozenset[str]:
    """The word forms and lemmas of spaCy's Indonesian lemma table (spacy-lookups-data): 37,000
    derived forms ("menunggak" -> "tunggak") that wordfreq's list of common words lacks."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The lower-case words a whole token is known as (is_word's first test), in one set: a
    token with a frequency in zipf_table or a word of lemma_words."""
    return frozenset(word for word, zipf in zipf_table().items() if zipf > 0) | lemma_words()


# Article-independent and asked of every token: a bounded cache, hit by most tokens of a stream.
@lru_cache(maxsize=65_536)
def stays_whole(token: str) -> bool:
    """A token split_word leaves whole whatever the article: short, not all letters, or known.
    Most tokens are, so this cheap test comes before the article's vocabulary is asked."""
    return len(token) < SHORTEST_CANDIDATE or not token.isalpha() or token.lower() in known_words()


@dataclass(frozen=True)
class SplitVocabulary:
    """What the split knows: data/word_split.txt's sections, wordfreq, and how often each token
    occurs in the article (`seen`): a piece seen once is a word, a whole token seen twice is."""

    names: frozenset[str]
    name_prefixes: tuple[str, ...]  # none a prefix of another
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    function_words: frozenset[str]
    seen: Mapping[str, int] = field(default_factory=dict)

    def zipf(self, word: str) -> float:
        return zipf_table().get(word.lower(), 0.0)

    def is_piece(self, piece: str, min_zipf: float = MIN_ZIPF) -> bool:
        """A piece a split may leave: a known word (in lower case, of four letters or more, or a
        function word: "ini", "di"), or an acronym of two letters or more ("RS", "PT")."""
        if piece.islower() and len(piece) <= 3:
            return piece in self.function_words
        if len(piece) < 2 or (len(piece) == 2 and not piece.isupper()):
            return False
        return self.zipf(piece) >= min_zipf or self.seen.get(piece, 0) > 0 or self.is_name(piece)

    def is_name(self, word: str) -> bool:
        """A one-word name in camel case: listed ("WhatsApp") or a name prefix and a capitalised
        rest ("detikJateng")."""
        if word in self.names:
            return True
        if not word.startswith(self.name_prefixes):
            return False  # most words: one test instead of one per prefix
        prefix = next(p for p in self.name_prefixes if word.startswith(p))
        return word[len(prefix):][:1].isupper()

    def is_name_then_word(self, head: str, tail: str, after_link: bool) -> bool:
        """A capitalised head glued to a word that follows names: the tail is a function word or
        a prefixed verb ("Trump|mengatakan"), and the head occurs on its own in the article, or
        is a known word that a camel-case cut has shown to be a link's text ("peran|Polri|di")."""
        verb = len(tail) >= 6 and tail.startswith(VERB_PREFIXES)
        head_known = self.seen.get(head, 0) > 0 or (after_link and self.zipf(head) >= MIN_ZIPF)
        return head_known and (tail in self.function_words or verb)

    def is_derived(self, word: str) -> bool:
        """A prefixed or suffixed form of a known stem ("dinaikan", "mengangsur", "pemukulan")."""
        return is_derived(word.lower(), self.prefixes, self.suffixes)

    def is_word(self, token: str) -> bool:
        """A whole token that stays whole: known, seen as a word, a name, or derived."""
        known = token.lower() in known_words()
        return known or self.seen.get(token, 0) > 1 or self.is_name(token) or self.is_derived(token)


# The derived forms looked up (an article's unknown words): a bounded cache, since a stream of
# articles repeats them and each lookup tries every prefix with every suffix.
@lru_cache(maxsize=65_536)
def is_derived(word: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> bool:
    """A lower-case word that is a prefixed or suffixed form of a known stem (with a nasal
    prefix's lost initial restored: "menulis" is men-tulis); it does not depend on the article."""
    for prefix in ("",) + prefixes:
        if word.startswith(prefix):
            rest = word[len(prefix):]
            for stem in stems(rest, suffixes):
                restored = NASAL_INITIALS.get(prefix, "") + stem
                if len(stem) >= 3 and (is_stem(stem) or is_stem(restored)):
                    return True
    return False


def is_stem(word: str) -> bool:
    return zipf_table().get(word.lower(), 0.0) >= MIN_ZIPF or word in lemma_words()


def stems(word: str, suffixes: tuple[str, ...]) -> list[str]:
    """The word without up to two suffixes ("dinaikannya" -> "dinaikan", "dinaik")."""
    found = [word]
    for _ in range(2):
        found += [s[: -len(x)] for s in found for x in suffixes if s.endswith(x) and len(s) > len(x)]
    return found


@lru_cache(maxsize=1)
def shipped_vocabulary() -> SplitVocabulary:
    """The vocabulary of data/word_split.txt, without any article's words."""
    sections = {key: " ".join(lines).split() for key, lines in data_sections("word_split.txt").items()}
    return SplitVocabulary(
        names=frozenset(sections["one-word names"]),
        name_prefixes=tuple(sections["name prefixes"]),
        prefixes=tuple(sections["prefixes"]),
        suffixes=tuple(sections["suffixes"]),
        function_words=frozenset(sections["function words"]),
    )


def glue_cut(piece: str, vocabulary: SplitVocabulary, after_link: bool = False) -> list[str]:
    """A piece without a change of case cut once where two frequent words meet ("Polri|di"),
    choosing the cut whose rarer half is most frequent; [piece] when there is none.
    after_link: the piece follows a camel-case cut in its token."""
    if vocabulary.is_word(piece):
        return [piece]
    best, best_zipf = None, 0.0
    for cut in range(3, len(piece) - 1):
        head, tail = piece[:cut], piece[cut:]
        if head.lower() in vocabulary.prefixes or tail in vocabulary.suffixes:
            continue
        if head[0].isupper():
            head_ok = vocabulary.is_name_then_word(head, tail, after_link)
        else:
            head_ok = vocabulary.is_piece(head, MIN_GLUE_ZIPF)
        if head_ok and vocabulary.is_piece(tail, MIN_GLUE_ZIPF):
            rarer = min(vocabulary.zipf(head), vocabulary.zipf(tail))
            if rarer > best_zipf:
                best, best_zipf = cut, rarer
    return [piece] if best is None else [piece[:best], piece[best:]]


def camel_cut(token: str, vocabulary: SplitVocabulary) -> list[str]:
    """The token cut at its camel-case boundaries; the last capital of a run stays in the run when
    a function word follows it ("SMA|dan|SMK", not "SM|Adan|SMK")."""
    pieces = CAMEL.split(token)
    for i in range(1, len(pieces)):
        if pieces[i - 1].isupper() and pieces[i][1:] in vocabulary.function_words:
            pieces[i - 1], pieces[i] = pieces[i - 1] + pieces[i][0], pieces[i][1:]
    return pieces


def merge_names(pieces: list[str], vocabulary: SplitVocabulary) -> list[str]:
    """The pieces with the cuts inside a one-word name undone ("What" + "sApp" never, but
    "detik" + "Jateng" -> "detikJateng", "Jawa" + "Pos" -> "JawaPos")."""
    merged: list[str] = []
    for piece in pieces:
        if merged and (merged[-1] + piece in vocabulary.names or
                       (merged[-1] in vocabulary.name_prefixes and piece[:1].isupper())):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def split_word(token: str, vocabulary: SplitVocabulary, in_link: bool = False) -> list[str]:
    """The words glued in one token (its pieces, joined they give the token), or [token].
    in_link: the token is in the text of a link whose glued start was found before it."""
    if stays_whole(token) or vocabulary.is_word(token):
        return [token]
    camels = camel_cut(token, vocabulary)
    pieces = [part for i, camel in enumerate(camels)
              for part in glue_cut(camel, vocabulary, after_link=in_link or i > 0)]
    pieces = merge_names(pieces, vocabulary)
    if len(pieces) == 1 or not all(vocabulary.is_piece(p) for p in pieces):
        return [token]
    return pieces


def link_tokens_left(left: int, pieces: list[str]) -> int:
    """How many more tokens a link's text may run on after these pieces: a split that ends in a
    capitalised piece opens it ("bersama|Ikatan" in "bersamaIkatan Alumni Unpaddi Jakarta"), a
    capitalised word continues it, anything else closes it."""
    if len(pieces) > 1 and pieces[-1][:1].isupper():
        return LINK_TOKENS
    if left and len(pieces) == 1 and pieces[0][:1].isupper():
        return left - 1
    return 0


def is_address(token: Token, text: str) -> bool:
    """A token inside a hashtag, a mention, a URL, an e-mail address or a domain; text: its Doc's
    text (which spaCy builds anew at every doc.text)."""
    start = text.rfind(" ", 0, token.idx) + 1
    end = text.find(" ", token.idx)
    chunk = text[start:] if end < 0 else text[start:end]
    return "#" in chunk or bool(ADDRESS.search(chunk))


def token_texts(doc: Doc) -> list[str]:
    """The text of each token, read from the Doc's ORTH column: cheaper than a spaCy Token
    object per token."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array(ORTH).tolist()]


def joined_text(doc: Doc, words: list[str]) -> str:
    """doc.text from the token texts and the SPACY column, without a Token object per token."""
    return "".join([word + " " if space else word for word, space in zip(words, doc.to_array(SPACY).tolist())])


def article_vocabulary(words: list[str]) -> SplitVocabulary:
    """The shipped vocabulary with the article's own words (its token texts) and their counts."""
    return replace(shipped_vocabulary(), seen=Counter(filter(str.isalpha, words)))


class WordSplitter:
    """spaCy component: glued words split into tokens (match finds them, set_annotations splits)."""

    def __init__(self, nlp: Language, name: str = "berita_word_split"):
        self.name = name

    def match(self, doc: Doc) -> list[tuple[Token, list[str]]]:
        """The tokens to split, each with its pieces."""
        words = token_texts(doc)
        vocabulary = article_vocabulary(words)
        # Most tokens stay whole: a token is visited only when it may not (stays_whole, cached
        # across articles), or when the text of a link runs on to it.
        candidates = [i for i, whole in enumerate(map(stays_whole, words)) if not whole]
        found, text, done_until = [], None, 0
        for start in candidates:
            if start < done_until:
                continue  # visited as a link's text
            i, link_left = start, 0
            while True:
                word = words[i]
                pieces = split_word(word, vocabulary, in_link=link_left > 0)
                if len(pieces) > 1:
                    text = joined_text(doc, words) if text is None else text  # only in a Doc with a split
                    if is_address(doc[i], text):
                        pieces = [word]
                    else:
                        found.append((doc[i], pieces))
                link_left = link_tokens_left(link_left, pieces)
                i += 1
                if link_left == 0 or i == len(doc):
                    break
            done_until = i
        return found

    def set_annotations(self, doc: Doc, splits: list[tuple[Token, list[str]]]) -> None:
        """Split the tokens and note each split in doc._.word_splits (as plain dicts)."""
        doc._.word_splits = [to_plain(Repair("word_split", token.text, " ".join(pieces))) for token, pieces in splits]
        with doc.retokenize() as retokenizer:
            for token, pieces in splits:
                retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("berita_word_split", assigns=["doc._.word_splits"])
def make_word_splitter(nlp: Language, name: str) -> WordSplitter:
    return WordSplitter(nlp, name)
