"""Optional NLP stage: stanza's POS tagger, lemmatizer and (when trained) parser on berita's tokens.

`load_stanza(model_dir)` loads a stanza Pipeline for Indonesian from local model files only (built
by `berita train stanza`); the `berita_stanza` spaCy component runs it on each Doc's sentences and
writes token.pos_, token.tag_, token.lemma_ and, with a parser model, token.head and token.dep_.
The extractors do not read these attributes: the component is for users who want them on the Doc.

stanza and torch are imported only when a model is loaded, so berita works without them.
"""

import tempfile
from pathlib import Path

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span

POS_MODEL = "pos.pt"
LEMMA_MODEL = "lemma.pt"
DEPPARSE_MODEL = "depparse.pt"
DEFAULT_STANZA_MODEL = Path(__file__).resolve().parent.parent / "models" / "stanza-id"
BUILD_HINT = "build it with `berita train stanza --output DIR` (README: 'Optional stanza backend')"
INSTALL_HINT = "pip install -e '.[stanza]'"
# Whitespace tokens (paragraph breaks) are not sent to stanza; with a parser they attach to the
# sentence root with this label so that each sentence stays one tree.
SPACE_DEP = "dep"
# spaCy's name for the root label (its Indonesian noun_chunks look for it); UD and stanza say "root".
ROOT_DEP = "ROOT"


class StanzaModelError(FileNotFoundError):
    """The stanza model folder, or a model file in it, is missing."""


def model_paths(model_dir: str | Path) -> dict[str, Path]:
    """The model file of each stanza processor in `model_dir`: pos and lemma, depparse if present.

    Raises StanzaModelError naming the missing folder or file and how to build it.
    """
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise StanzaModelError(f"no stanza model folder at {model_dir}; {BUILD_HINT}")
    paths = {"pos": model_dir / POS_MODEL, "lemma": model_dir / LEMMA_MODEL}
    for path in paths.values():
        if not path.is_file():
            raise StanzaModelError(f"stanza model file {path} is missing; {BUILD_HINT}")
    if (model_dir / DEPPARSE_MODEL).is_file():
        paths["depparse"] = model_dir / DEPPARSE_MODEL
    return paths


def import_stanza():
    """The stanza module, or an ImportError that says how to install it."""
    try:
        import stanza
    except ImportError as error:
        raise ImportError(f"the stanza backend needs stanza and torch: {INSTALL_HINT}") from error
    return stanza


def load_stanza(model_dir: str | Path, threads: int = 1):
    """A stanza Pipeline for Indonesian from the models in `model_dir`, on pre-tokenized input.

    Nothing is downloaded: the model files are given by path, the resources file stanza insists
    on reading is an empty one in a temporary folder, and the word-vector files are turned off
    (the models are trained without them).
    threads: torch threads of this process. One by default: berita runs in parallel with processes
        (--workers), and on a busy 2-core machine torch's default of one thread per core made
        tagging 60 times slower (49 words/s instead of 2,951).
    Returns a `stanza.Pipeline` taking a list of sentences, each a list of words.
    Raises ImportError without stanza, StanzaModelError without the model files.
    """
    stanza = import_stanza()
    paths = model_paths(model_dir)
    import torch  # installed with stanza

    torch.set_num_threads(threads)
    options = {f"{processor}_model_path": str(path) for processor, path in paths.items()}
    options.update({f"{processor}_pretrain_path": None for processor in ("pos", "depparse") if processor in paths})
    with tempfile.TemporaryDirectory(prefix="berita-stanza-") as resources:
        Path(resources, "resources.json").write_text("{}", encoding="utf-8")
        return stanza.Pipeline(
            "id",
            dir=resources,
            processors=",".join(["tokenize", *paths]),
            download_method=None,
            allow_unknown_language=True,
            tokenize_pretokenized=True,
            use_gpu=False,
            logging_level="ERROR",  # not its warning that "id" is not in the (empty) resources
            **options,
        )


def sentence_words(doc: Doc) -> list[tuple[Span, list[int]]]:
    """Each sentence of `doc` with the indices of its non-whitespace tokens (the words stanza
    sees); sentences without words are left out."""
    sentences = []
    for sentence in doc.sents:
        words = [token.i for token in sentence if not token.is_space]
        if words:
            sentences.append((sentence, words))
    return sentences


class StanzaTagger:
    """berita_stanza: POS, lemmas and (with a parser model) dependencies from stanza.

    Runs after the sentence component, on its sentences: one stanza call per Doc (all its sentences
    in one stanza Document) is much faster than one per sentence.
    """

    def __init__(self, nlp: Language, name: str, *, model_dir: str, threads: int = 1):
        self.name = name
        self.stanza = load_stanza(model_dir, threads)
        self.parses = "depparse" in self.stanza.processors
        processors = "+".join(processor for processor in self.stanza.processors if processor != "tokenize")
        self.description = f"{Path(model_dir).name} ({processors})"

    def __call__(self, doc: Doc) -> Doc:
        sentences = sentence_words(doc)
        self.set_annotations(doc, sentences, self.analyse(doc, sentences) if sentences else [])
        return doc

    def analyse(self, doc: Doc, sentences: list[tuple[Span, list[int]]]) -> list:
        """stanza's sentences (with .words) for the given words of `doc`, in the same order."""
        return self.stanza([[doc[i].text for i in words] for _, words in sentences]).sentences

    def set_annotations(self, doc: Doc, sentences: list[tuple[Span, list[int]]], analysed: list) -> None:
        """Write stanza's results back to the tokens they came from (word k of a sentence is token
        words[k]); whitespace tokens keep their own POS, SPACE, and lemma."""
        for (_, words), result in zip(sentences, analysed):
            for i, word in zip(words, result.words):
                token = doc[i]
                token.pos_ = word.upos or ""
                token.tag_ = word.xpos or ""
                token.lemma_ = word.lemma or token.text
        for token in doc:
            if token.is_space:
                token.pos_, token.lemma_ = "SPACE", token.text
        if self.parses:
            doc.from_array([HEAD, DEP], dependency_array(doc, sentences, analysed))


def dependency_array(doc: Doc, sentences: list[tuple[Span, list[int]]], analysed: list) -> numpy.ndarray:
    """HEAD (relative offsets) and DEP columns for Doc.from_array, one tree per sentence.

    stanza's heads count words from 1 within the sentence (0 is the root); they are mapped back to
    token indices. Every whitespace token, and every token of a sentence without words, hangs from
    its sentence's root, so that the trees, and with them doc.sents, keep the sentence boundaries.
    """
    heads = numpy.arange(len(doc), dtype="int64")
    labels = numpy.full(len(doc), doc.vocab.strings.add(SPACE_DEP), dtype="uint64")
    roots = {}
    for (sentence, words), result in zip(sentences, analysed):
        for i, word in zip(words, result.words):
            heads[i] = words[word.head - 1] if word.head else i
            labels[i] = doc.vocab.strings.add(ROOT_DEP if not word.head else word.deprel or SPACE_DEP)
            if not word.head:
                roots[sentence.start] = i
    for sentence in doc.sents:
        root = roots.get(sentence.start, sentence.start)
        if sentence.start not in roots:
            labels[root] = doc.vocab.strings.add(ROOT_DEP)
        for token in sentence:
            if token.is_space or sentence.start not in roots:
                heads[token.i] = root
    relative = (heads - numpy.arange(len(doc), dtype="int64")).astype("uint64")
    return numpy.stack([relative, labels], axis=1)


@Language.factory(
    "berita_stanza",
    default_config={"model_dir": str(DEFAULT_STANZA_MODEL), "threads": 1},
    requires=["token.is_sent_start"],
    assigns=["token.pos", "token.tag", "token.lemma", "token.dep", "token.head"],
)
def make_stanza_tagger(nlp: Language, name: str, model_dir: str, threads: int) -> StanzaTagger:
    """The berita_stanza component; model_dir is a folder built by `berita train stanza`, threads
    the torch threads (see load_stanza)."""
    return StanzaTagger(nlp, name, model_dir=model_dir, threads=threads)
