"""Train the berita Indonesian NER model (PERSON, ORG, LOC) with spaCy.

The corpora in ``shared/data`` are converted to DocBin files in a temporary
work folder, spaCy's training loop runs with ``pipeline/training/ner.cfg``
(with ``gazetteer_features``, ner_gazetteer.cfg's embedding replaces its own),
and only the best checkpoint is copied to ``output_dir``.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin, Span
from spacy.training.pretrain import pretrain as spacy_pretrain
from thinc.api import Config

import pipeline.gazetteer_features  # noqa: F401  (registers berita.GazetteerEmbed.v1)
from pipeline.evaluation.ner import evaluate_ner, map_label, read_conll, tags_to_spans

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
# The gazetteer-feature variant: its tok2vec embedding replaces ner.cfg's.
GAZETTEER_CONFIG_PATH = Path(__file__).with_name("ner_gazetteer.cfg")
MODEL_VERSION = "0.2.0"

# Training files relative to ``data_dir``, per corpus; pfsa-id is never used
# (licence) and no test split is read. IDCrossNER's dev split is training data
# too: berita tunes on the news dev sets, never on IDCrossNER's.
TRAIN_FILES = {
    "idner": ("idner-news-2k/train.txt",),
    "nergrit": ("indonlu-nergrit/train_preprocess.txt",),
    "nerui": ("indolem-nerui/train.tsv",),
    "idcrossner": ("idcrossner-politics/train.txt", "idcrossner-politics/dev.txt"),
    "nerp": ("indonlu-nerp/train_preprocess.txt",),
}
# NERP is lower-cased: its text is re-cased for pretraining; its labels are not used.
CASED = ("idner", "nergrit", "nerui", "idcrossner")
LABELLED = CASED
DEV_FILES = {
    "idner": "idner-news-2k/dev.txt",
    "nergrit": "indonlu-nergrit/valid_preprocess.txt",
    "nerui": "indolem-nerui/dev.tsv",
}
SOURCES = {
    "idner": {"name": "idner-news-2k", "url": "https://github.com/khairunnisaor/idner-news-2k",
              "license": "MIT", "used": "train.txt"},
    "nergrit": {"name": "IndoNLU NERGrit", "url": "https://github.com/IndoNLP/indonlu",
                "license": "Apache-2.0", "used": "nergrit_ner-grit/train_preprocess.txt"},
    "nerui": {"name": "IndoLEM NER-UI", "url": "https://github.com/indolem/indolem",
              "license": "CC BY-4.0 (per NusaCrowd); Koto et al. 2020, COLING", "used": "ner/data/nerui/train.01.tsv"},
    "idcrossner": {"name": "IDCrossNER politics", "url": "https://github.com/khairunnisaor/idcrossner",
                   "license": "MIT", "used": "politics/train.txt, politics/dev.txt"},
    "nerp": {"name": "IndoNLU NERP (Prosa)", "url": "https://github.com/IndoNLP/indonlu",
             "license": "Apache-2.0 (repository); CC BY-SA 4.0 per NusaCrowd",
             "used": "nerp_ner-prosa/train_preprocess.txt"},
}


def sentence_to_doc(vocab, sentence: list[tuple[str, str]]) -> Doc:
    """Build a Doc from gold tokens with PERSON/ORG/LOC entities.

    Args:
        vocab: the vocab to create the Doc in.
        sentence: ``(token, tag)`` pairs as returned by ``read_conll``.
    Returns:
        A Doc whose ``ents`` hold the mapped entities; other types are O.
    """
    words = [tok for tok, _ in sentence]
    doc = Doc(vocab, words=words, spaces=_guess_spaces(words))
    ents = []
    for start, end, raw in tags_to_spans([tag for _, tag in sentence]):
        label = map_label(raw)
        if label:
            ents.append(Span(doc, start, end, label=label))
    doc.ents = ents
    return doc


def _guess_spaces(words: list[str]) -> list[bool]:
    """Whitespace after each token: none before closing punctuation.

    Only cosmetic (``doc.text`` reads naturally); the model never sees it.
    """
    no_space_before = {",", ".", ":", ";", "!", "?", ")", "]", "%", "'s"}
    return [
        i + 1 < len(words) and words[i + 1] not in no_space_before and words[i] not in ("(", "[")
        for i in range(len(words))
    ]


# Lower-case words kept lower-case inside a multi-word name ("Bank of
# America", "Kementerian Dalam Negeri" keeps "Dalam" capitalised).
NAME_FUNCTION_WORDS = {"dan", "di", "ke", "dari", "yang", "untuk", "of", "the", "and", "&", "de", "van", "bin", "binti"}
SENTENCE_END = {".", "!", "?"}


def casing_table(sentences: list[list[tuple[str, str]]], *, inside: bool) -> dict[str, str]:
    """Most frequent surface form of each lower-cased word in cased text.

    Args:
        sentences: sentences of a cased corpus (``read_conll`` output).
        inside: count tokens inside entities (True) or outside them (False),
            since "Toko" in a shop name does not make "toko" a name elsewhere.
    Returns:
        Map from lower-cased word to its most common spelling.
    """
    forms: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        # The first word of a sentence is capitalised by position, not by word.
        for tok, tag in sentence[1:]:
            if (tag != "O") == inside:
                forms[tok.lower()][tok] += 1
    return {low: counts.most_common(1)[0][0] for low, counts in forms.items()}


def truecase(sentence: list[tuple[str, str]], outside: dict[str, str], inside: dict[str, str]) -> list[tuple[str, str]]:
    """Restore plausible capitalisation of a lower-cased NERP unit.

    Entity tokens get their known cased form or a capital initial; other
    tokens get their most common cased form outside names; sentence starts
    are capitalised. Without this, lower-cased names would teach the model
    that names need not be capitalised, which hurts it on cased news.

    Args:
        sentence: ``(token, tag)`` pairs of lower-cased text.
        outside: :func:`casing_table` of tokens outside entities.
        inside: :func:`casing_table` of tokens inside entities.
    Returns:
        The same pairs with re-cased tokens.
    """
    out = []
    for i, (tok, tag) in enumerate(sentence):
        if tag == "O" or (tag.startswith("I-") and tok in NAME_FUNCTION_WORDS):
            cased = outside.get(tok, tok)
        else:
            cased = inside.get(tok, tok[:1].upper() + tok[1:])
        if i == 0 or sentence[i - 1][0] in SENTENCE_END:
            cased = cased[:1].upper() + cased[1:]
        out.append((cased, tag))
    return out


def read_corpus(data_dir: Path, name: str) -> list[list[tuple[str, str]]]:
    """All sentences of the training files of corpus ``name`` (a key of ``TRAIN_FILES``)."""
    return [s for rel in TRAIN_FILES[name] for s in read_conll(data_dir / rel)]


def load_training_sentences(data_dir: Path, corpora: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """Read the chosen training corpora; NERP is true-cased from the cased ones.

    Args:
        data_dir: shared data folder.
        corpora: keys of ``TRAIN_FILES``.
    Returns:
        All training sentences as ``(token, tag)`` pairs.
    """
    by_name = {name: read_corpus(data_dir, name) for name in corpora}
    if "nerp" in by_name:
        cased = [s for name in CASED for s in read_corpus(data_dir, name)]
        outside = casing_table(cased, inside=False)
        inside = casing_table(cased, inside=True)
        by_name["nerp"] = [truecase(s, outside, inside) for s in by_name["nerp"]]
    return [s for name in corpora for s in by_name[name]]


def write_docbin(sentences: list[list[tuple[str, str]]], out_path: Path) -> int:
    """Convert sentences into one DocBin file.

    Args:
        sentences: ``(token, tag)`` pairs per sentence.
        out_path: ``.spacy`` file to write.
    Returns:
        Number of docs written.
    """
    nlp = spacy.blank("id")
    docbin = DocBin(store_user_data=False)
    for sentence in sentences:
        docbin.add(sentence_to_doc(nlp.vocab, sentence))
    docbin.to_disk(out_path)
    return len(docbin)


def write_raw_text(sentences: list[list[tuple[str, str]]], out_path: Path) -> None:
    """Write sentences as JSONL ``{"text": ...}`` lines for ``spacy pretrain``."""
    with open(out_path, "w", encoding="utf-8") as handle:
        for sentence in sentences:
            words = [tok for tok, _ in sentence]
            text = "".join(w + (" " if space else "") for w, space in zip(words, _guess_spaces(words)))
            handle.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")


def training_config(gazetteer_features: bool = False) -> Config:
    """The training config (not interpolated): ner.cfg, or with ``gazetteer_features`` ner.cfg with
    ner_gazetteer.cfg's tok2vec embedding."""
    config = Config().from_disk(CONFIG_PATH, interpolate=False)
    if gazetteer_features:
        config = config.merge(Config().from_disk(GAZETTEER_CONFIG_PATH, interpolate=False))
    return config


def pretrain_tok2vec(config_overrides: dict, raw_path: Path, out_dir: Path, epochs: int,
                     config_path: Path = CONFIG_PATH) -> Path:
    """Pretrain the tok2vec layer on raw text with the training config.

    Args:
        config_overrides: the overrides used for training (same architecture).
        raw_path: JSONL file from :func:`write_raw_text`.
        out_dir: folder for the weight files.
        epochs: pretraining epochs.
        config_path: the training config (ner.cfg, or the one train_ner writes for a variant).
    Returns:
        Path of the last epoch's weights, for ``paths.init_tok2vec``.
    """
    overrides = {**config_overrides, "paths.raw_text": str(raw_path), "pretraining.max_epochs": epochs}
    config = Config().from_disk(config_path, overrides=overrides, interpolate=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    spacy_pretrain(config, out_dir, silent=True)
    return out_dir / "model-last.bin"


def _write_meta(model_dir: Path, corpora: list[str], pretrained: bool, dev: dict, seconds: float,
                gazetteer_features: bool = False) -> None:
    """Fill ``meta.json`` with name, version, description, sources and scores.

    Args:
        model_dir: saved pipeline folder.
        corpora: keys of ``TRAIN_FILES`` used as labelled data.
        pretrained: whether the tok2vec was pretrained on all training texts.
        dev: :func:`dev_figures` output.
        seconds: training wall time.
        gazetteer_features: whether the tok2vec embeds the gazetteer classes.
    """
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    # Pretraining reads the text (not the labels) of every training corpus.
    texts_from = [name for name in TRAIN_FILES if pretrained or name in corpora]
    pretrain_note = " The tok2vec was pretrained on the text of all training corpora." if pretrained else ""
    labelled = ", ".join(SOURCES[name]["name"] for name in corpora)
    features = " with each token's gazetteer classes (berita.GazetteerEmbed.v1)" if gazetteer_features else ""
    meta.update({
        "name": "ner_id",
        "version": MODEL_VERSION,
        "description": (
            f"berita Indonesian news NER (PERSON, ORG, LOC): CNN tok2vec{features} + transition-based "
            f"NER trained from scratch on {labelled}.{pretrain_note}"
        ),
        "author": "berita developers",
        "license": "MIT",
        # Every spaCy 3.8 reads the model alike (pyproject.toml bounds the release berita installs).
        "spacy_version": ">=3.8.0,<3.9.0",
        "sources": [
            SOURCES[name] if name in corpora
            else {**SOURCES[name], "used": SOURCES[name]["used"] + " (text only, tok2vec pretraining)"}
            for name in texts_from
        ],
        "berita_dev_scores": dev,
        "berita_training_seconds": round(seconds, 1),
    })
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def dev_figures(nlp, data_dir: Path) -> dict:
    """Exact-span dev scores of ``nlp`` on the idner, NERGrit and NER-UI dev sets.

    Args:
        nlp: loaded pipeline.
        data_dir: the shared data folder.
    Returns:
        ``{name: {"micro": prf, "macro": prf, "per_type": {...}}}`` rounded to 4 digits.
    """
    figures = {}
    for name, rel in DEV_FILES.items():
        result = evaluate_ner(nlp, data_dir / rel)
        figures[name] = {
            key: _round(result[key]) for key in ("micro", "macro", "per_type")
        }
    return figures


def _round(value):
    """Round floats in a nested dict to 4 digits for readable JSON."""
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    return round(value, 4) if isinstance(value, float) else value


def train_ner(
    data_dir: Path,
    output_dir: Path,
    *,
    seed: int = 0,
    corpora: tuple[str, ...] = LABELLED,
    overrides: dict | None = None,
    pretrain_epochs: int = 5,
    tok2vec_weights: Path | None = None,
    work_dir: Path | None = None,
    gazetteer_features: bool = False,
) -> dict:
    """Train the NER pipeline and save the best checkpoint to ``output_dir``.

    Args:
        data_dir: shared data folder holding idner-news-2k and indonlu-* dirs.
        output_dir: destination of the spaCy pipeline (replaced if present).
        seed: random seed for spaCy/thinc (training is deterministic per seed).
        corpora: training sets to combine, keys of ``TRAIN_FILES``.
        overrides: extra spaCy config overrides, e.g.
            ``{"training.max_epochs": 2}``.
        pretrain_epochs: if > 0, first pretrain the tok2vec for that many
            epochs on the text of every corpus in ``TRAIN_FILES`` (NERP
            true-cased), whichever ``corpora`` give the labels.
        tok2vec_weights: weights of an earlier pretraining to start from
            instead (pretraining is then skipped): the ablation runs share one.
        work_dir: folder for DocBins and checkpoints; a temporary folder
            (deleted afterwards) when None.
        gazetteer_features: train the variant whose tok2vec also embeds each
            token's gazetteer classes (ner_gazetteer.cfg); ``tok2vec_weights``
            must then come from a pretraining of that variant.
    Returns:
        Dev figures per dev set (see :func:`dev_figures`) plus
        ``"train_seconds"``.
    """
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    with tempfile.TemporaryDirectory(prefix="berita-ner-") as tmp:
        work = Path(work_dir) if work_dir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        write_docbin(load_training_sentences(data_dir, corpora), work / "train.spacy")
        dev = [s for rel in DEV_FILES.values() for s in read_conll(data_dir / rel)]
        write_docbin(dev, work / "dev.spacy")
        config_path = work / "config.cfg"
        training_config(gazetteer_features).to_disk(config_path)
        config_overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": seed,
            **(overrides or {}),
        }
        start = time.perf_counter()
        if tok2vec_weights:
            config_overrides["paths.init_tok2vec"] = str(tok2vec_weights)
        elif pretrain_epochs:
            raw = load_training_sentences(data_dir, tuple(TRAIN_FILES))
            write_raw_text(raw, work / "raw.jsonl")
            weights = pretrain_tok2vec(config_overrides, work / "raw.jsonl", work / "pretrain", pretrain_epochs, config_path)
            config_overrides["paths.init_tok2vec"] = str(weights)
        spacy_train(config_path, work / "out", overrides=config_overrides)
        seconds = time.perf_counter() - start
        best = work / "out" / "model-best"
        figures = dev_figures(spacy.load(best), data_dir)
        _write_meta(best, list(corpora), bool(pretrain_epochs or tok2vec_weights), figures, seconds, gazetteer_features)
        if output_dir.exists():
            shutil.rmtree(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(best, output_dir)
    figures["train_seconds"] = round(seconds, 1)
    return figures
