"""NLP stage: the spaCy Language berita runs, with Indonesian tokenizer rules and sentences.

`build_nlp()` returns `spacy.blank("id")` with:
- tokenizer rules so that 3.178, 28/9/2020, Covid-19, ke-79, RADARSEMARANG.ID and Jl. stay one
  token, and "(19/8)" splits into "(", "19/8", ")";
- `berita_word_split` (pipeline/word_split.py): words glued around links split into tokens;
- `berita_sentences`: sentences never cross a paragraph (a whitespace token holding a newline)
  and never end after an abbreviation;
- the statistical NER shipped in models/ner-id (installed as the package `pipeline.models`);
- optionally `berita_stanza` (pipeline/stanza_backend.py): POS, lemmas and dependencies from stanza.
"""

import ctypes
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController

import pipeline.doc  # noqa: F401  (registers the Doc extensions)
import pipeline.word_split  # noqa: F401  (registers berita_word_split)
from pipeline.affix_search import PrefixSearch, SuffixSearch
from pipeline.io.readers import SURROGATE
from pipeline.resources import data_lines



class ModelNotFoundError(FileNotFoundError):
    """A statistical model folder that is not there: a broken install or a wrong --ner-model."""


def shipped_models_dir() -> Path:
    """The folder of the shipped models: the package `pipeline.models`, which pyproject.toml maps
    to the top-level models/ folder, so that a wheel carries its own copy. A source tree used
    without installing it (or an editable install older than that mapping) has models/ beside
    pipeline/ instead."""
    try:
        return Path(str(resources.files("pipeline.models")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "models"


MODELS_DIR = shipped_models_dir()
DEFAULT_NER_MODEL = MODELS_DIR / "ner-id"
# Components that change the tokens: skipped where a corpus gives the tokens (evaluation on gold tokens).
TOKEN_CHANGING = ("berita_word_split",)
# berita's tokenizer for spacy.blank and as an override of spacy.load: in dot notation down to the
# function's name, which every confection reads (spaCy 3.8.7's confection 0.1 ignores a whole
# {"@tokenizers": ...} block in spacy.load's overrides).
BERITA_TOKENIZER = {"nlp.tokenizer.@tokenizers": "berita.Tokenizer.v1"}
SENTENCE_END = frozenset(".!?")
SENTENCE_END_IDS = numpy.array([get_string_id(mark) for mark in SENTENCE_END], dtype="uint64")
NOT_START = numpy.uint64(2**64 - 1)  # -1 in spaCy's SENT_START column
CLOSING = frozenset("”\"’')]")
# Infixes of spaCy's Indonesian tokenizer that break units berita keeps whole:
# "/" between digits (28/9/2020) and "-" between a letter and a digit (Covid-19, ke-79).
DROPPED_INFIXES = (r"(?<=[0-9])[\\/](?=[0-9%-])", r"-(?=[0-9])")
# An opening bracket glued to the word before it ("Lestari(SSL)"), which spaCy keeps in the word.
GLUED_BRACKET = r"(?<=[A-Za-z])\((?=[A-Za-z])"


@lru_cache(maxsize=1)
def abbreviations() -> tuple[str, ...]:
    """The abbreviations of data/abbreviations.txt (whitespace separated)."""
    return tuple(word for line in data_lines("abbreviations.txt") for word in line.split())


def word_trie(words: list[str]) -> str:
    """A regex for exactly these words, written as a trie ("ab(?:c|d)" for "abc", "abd"): matching
    one string tries a branch per character, not every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(char) + render(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


class WholeWords(frozenset):
    """Words the tokenizer keeps whole, looked up in a set by `token_match=words.__contains__`.

    A set lookup gives what the equivalent regex gives (exactly these words) without compiling a
    180,000-character regex at every start (1.5 s). spaCy saves a token_match by the `pattern` of
    the object it is bound to, so `pattern` is that regex, rendered only when a Tokenizer is saved
    (and compiled again by spaCy only when one is loaded from disk).
    """

    @property
    def pattern(self) -> str:
        return rf"(?:{word_trie(sorted(self))})\Z"


# spaCy's tokenizer takes time quadratic in the length of a run without whitespace (it strips
# one prefix or suffix at a time and copies the rest): a run longer than LONG_RUN characters
# (no word or URL is; a page of "((((" or "“”“”" is) is tokenized in pieces of RUN_PIECE.
LONG_RUN = 300
RUN_PIECE = 64
LONG_RUN_PATTERN = re.compile(rf"\S{{{LONG_RUN + 1},}}")


class RunSplittingTokenizer(Tokenizer):
    """spaCy's Tokenizer, in linear time on texts with very long runs without whitespace, and on
    any str: a lone surrogate (which spaCy cannot encode) becomes U+FFFD, so offsets still hold."""

    def __call__(self, text: str) -> Doc:
        text = SURROGATE.sub("\ufffd", text)
        if LONG_RUN_PATTERN.search(text) is None:
            return super().__call__(text)
        words: list[str] = []
        spaces: list[bool] = []
        for piece in run_pieces(text):
            for token in super().__call__(piece):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        return Doc(self.vocab, words=words, spaces=spaces)


def run_pieces(text: str) -> list[str]:
    """The text cut into pieces that join back to it: the runs longer than LONG_RUN in pieces of
    RUN_PIECE characters, the text between them whole."""
    pieces, position = [], 0
    for run in LONG_RUN_PATTERN.finditer(text):
        pieces.append(text[position:run.start()])
        pieces += [text[k:min(k + RUN_PIECE, run.end())] for k in range(run.start(), run.end(), RUN_PIECE)]
        position = run.end()
    pieces.append(text[position:])
    return [piece for piece in pieces if piece]


@spacy.registry.tokenizers("berita.Tokenizer.v1")
def create_tokenizer():
    """spaCy's Indonesian tokenizer with berita's rules, built once (rebuilding costs seconds)."""

    def make_tokenizer(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        infixes = [p for p in defaults.infixes if not any(p.endswith(d) for d in DROPPED_INFIXES)] + [GLUED_BRACKET]
        # Emoticon exceptions such as "8)" would glue a closing bracket to a number: "ayat (8)".
        # The special case "\n" (a newline is one token anyway) made spaCy skip its cache of
        # tokenized words on every line of an article: 10.5 us a word instead of 5.4.
        rules = {
            k: v for k, v in defaults.tokenizer_exceptions.items() if not re.match(r"^[0-9].*\)$", k) and k != "\n"
        }
        # spaCy's ~16,000 Indonesian exceptions are hyphenated words kept whole ("anak-anak"); as
        # special cases they cost 4 us a word, as a set lookup (token_match keeps a match whole)
        # well under 1.
        whole = WholeWords(k for k, v in rules.items() if v == [{ORTH: k}] and "-" in k)
        for word in whole:
            del rules[word]
        rules.update({abbreviation: [{ORTH: abbreviation}] for abbreviation in abbreviations()})
        assert defaults.token_match is None  # else it would have to be tried too
        return RunSplittingTokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=PrefixSearch(defaults.prefixes).search,
            suffix_search=SuffixSearch(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=whole.__contains__,
            url_match=defaults.url_match,
        )

    return make_tokenizer


def is_paragraph_break(token) -> bool:
    return token.is_space and "\n" in token.text


@Language.component("berita_sentences", assigns=["token.is_sent_start"])
def berita_sentences(doc: Doc) -> Doc:
    """Sentence starts: after a paragraph break, and after . ! ? (with closing quotes or brackets)
    when the next word does not start in lower case. Abbreviations are single tokens ("Jl."), so a
    full stop inside them never counts."""
    if not len(doc):
        return doc
    starts = numpy.full(len(doc), NOT_START, dtype="uint64")
    starts[0] = 1
    starts[sentence_starts(doc)] = 1
    # One array write instead of a Python attribute write per token: this runs on every token.
    return doc.from_array([SENT_START], starts.reshape(-1, 1))


def sentence_starts(doc: Doc) -> list[int]:
    """The tokens that start a sentence after the first: the token after a whitespace token
    holding a newline, and the first token after . ! ? and the whitespace, closing quotes and
    brackets after it, unless it starts in lower case. Found on the ORTH and IS_SPACE columns, so
    that only the tokens around a break or a sentence end are read as text (this runs on every
    token)."""
    strings = doc.vocab.strings
    orths, spaces = doc.to_array([ORTH, IS_SPACE]).T
    found = [i + 1 for i in numpy.flatnonzero(spaces[:-1]).tolist() if "\n" in strings[orths[i]]]
    # A comparison with each of the three marks: numpy.isin costs three times as much on a Doc's tokens.
    for end in numpy.flatnonzero((orths[:, None] == SENTENCE_END_IDS).any(axis=1)).tolist():
        i = end + 1
        while i < len(orths) and (spaces[i] or strings[orths[i]][0] in CLOSING):
            i += 1
        if i < len(orths) and not strings[orths[i]][0].islower():
            found.append(i)
    return found


def build_nlp(ner_model: str | Path | None = DEFAULT_NER_MODEL, stanza_dir: str | Path | None = None) -> Language:
    """The base berita Language: tokenizer rules, sentences, stanza (optional) and the statistical NER.

    ner_model: folder of a trained spaCy NER pipeline (default: the shipped models/ner-id), or
        None for a Language without statistical NER (rule-based entities only); raises
        ModelNotFoundError when the folder is missing.
    stanza_dir: folder of stanza models built by `berita train stanza`; when given, berita_stanza
        runs after the sentences (raises StanzaModelError when the folder or a model is missing,
        ImportError without stanza).
    Returns a spaCy Language; `pipeline.extraction.build_pipeline` adds the extractors after it.
    """
    nlp = load_ner(ner_model) if ner_model is not None else spacy.blank("id", config=BERITA_TOKENIZER)
    nlp.add_pipe("berita_sentences", first=True)
    nlp.add_pipe("berita_word_split", first=True)
    if stanza_dir is not None:
        import pipeline.stanza_backend  # noqa: F401  (registers berita_stanza; stanza itself loads lazily)

        tagger = nlp.add_pipe("berita_stanza", after="berita_sentences", config={"model_dir": str(stanza_dir)})
        nlp.meta["stanza_model"] = tagger.description
    return nlp


def load_ner(ner_model: str | Path) -> Language:
    """The trained NER pipeline with berita's tokenizer in place of its own.

    Its own tokenizer (spaCy's 16,000 Indonesian special cases, built from the defaults and then
    loaded again from disk: about 3 s) would only be thrown away, so it is neither built nor read.
    Raises ModelNotFoundError when the folder is missing.
    """
    path = Path(ner_model)
    if not (path / "config.cfg").is_file():
        raise ModelNotFoundError(
            f"no NER model at {path} (reinstall berita, give --ner-model DIR, or --no-ner for rules only)"
        )
    # thinc multiplies its matrices with blis, whose wheel runs its generic reference kernel on a
    # CPU it does not recognise (this project's AMD EPYC machines); numpy's BLAS (OpenBLAS) picks
    # an optimised kernel at run time: the two model stages twice as fast, the same records.
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(path, config=BERITA_TOKENIZER, exclude=["tokenizer"])
    nlp.meta["ner_model"] = f"{nlp.meta.get('name', 'ner')}-{nlp.meta.get('version', '0')}"
    return nlp


# glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
KEPT_MMAP_THRESHOLD = 32 * 1024 * 1024
KEPT_TRIM_THRESHOLD = 128 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Have glibc keep the memory the models free for their next batch instead of giving it
    back to the system: each batch's arrays (tok2vec's are several MB) otherwise come from fresh
    pages that the kernel must map and zero, about 540,000 page faults on 1,500 articles
    (100,000 with this; system time 1.5 -> 0.4 s; peak RSS about 20 MB more). False where the C
    library has no mallopt (not glibc) or its symbols cannot be read (Windows)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, KEPT_MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, KEPT_TRIM_THRESHOLD))


@lru_cache(maxsize=1)
def blas_threads() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS (the NER's matrix products, see load_ner) on one thread while berita runs:
    berita runs in parallel by processes (--workers, Dask), and BLAS threads on the same cores
    would only compete with them."""
    with blas_threads().limit(limits=1, user_api="blas"):
        yield
