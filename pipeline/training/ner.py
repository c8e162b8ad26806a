"""Train the berita Indonesian NER model (PERSON, ORG, LOC) with spaCy.

The corpora in ``shared/data`` are converted to DocBin files in a temporary
work folder, spaCy's training loop runs with ``pipeline/training/ner.cfg``,
and only the best checkpoint is copied to ``output_dir``.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.tokens import Doc, DocBin, Span

from pipeline.evaluation.ner import evaluate_ner, map_label, read_conll, tags_to_spans

CONFIG_PATH = Path(__file__).with_name("ner.cfg")
MODEL_VERSION = "0.1.0"

# Training files relative to ``data_dir``; pfsa-id is never used (licence)
# and no test split is read.
TRAIN_FILES = {
    "idner": "idner-news-2k/train.txt",
    "nergrit": "indonlu-nergrit/train_preprocess.txt",
    "nerp": "indonlu-nerp/train_preprocess.txt",
}
DEV_FILES = {
    "idner": "idner-news-2k/dev.txt",
    "nergrit": "indonlu-nergrit/valid_preprocess.txt",
}
SOURCES = [
    {"name": "idner-news-2k", "url": "https://github.com/khairunnisaor/idner-news-2k",
     "license": "MIT", "used": "train.txt"},
    {"name": "IndoNLU NERGrit", "url": "https://github.com/IndoNLP/indonlu",
     "license": "Apache-2.0", "used": "nergrit_ner-grit/train_preprocess.txt"},
    {"name": "IndoNLU NERP (Prosa)", "url": "https://github.com/IndoNLP/indonlu",
     "license": "Apache-2.0 (repository); CC BY-SA 4.0 per NusaCrowd",
     "used": "nerp_ner-prosa/train_preprocess.txt"},
]


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


def write_docbin(paths: list[Path], out_path: Path) -> int:
    """Convert CoNLL files into one DocBin file.

    Args:
        paths: CoNLL files (tag in the last column).
        out_path: ``.spacy`` file to write.
    Returns:
        Number of docs written.
    """
    nlp = spacy.blank("id")
    docbin = DocBin(store_user_data=False)
    for path in paths:
        for sentence in read_conll(path):
            docbin.add(sentence_to_doc(nlp.vocab, sentence))
    docbin.to_disk(out_path)
    return len(docbin)


def _write_meta(model_dir: Path, corpora: list[str], dev: dict, seconds: float) -> None:
    """Fill ``meta.json`` with name, version, description, sources and scores."""
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    used = {"idner": "idner-news-2k", "nergrit": "IndoNLU NERGrit", "nerp": "IndoNLU NERP (Prosa)"}
    meta.update({
        "name": "ner_id",
        "version": MODEL_VERSION,
        "description": (
            "berita Indonesian news NER (PERSON, ORG, LOC): CNN tok2vec + transition-based "
            f"NER trained from scratch on {', '.join(used[c] for c in corpora)}."
        ),
        "author": "berita developers",
        "license": "MIT",
        "sources": [s for s in SOURCES if s["name"] in {used[c] for c in corpora}],
        "berita_dev_scores": dev,
        "berita_training_seconds": round(seconds, 1),
    })
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def dev_figures(nlp, data_dir: Path) -> dict:
    """Exact-span dev scores of ``nlp`` on the idner and NERGrit dev sets.

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
    corpora: tuple[str, ...] = ("idner", "nergrit"),
    overrides: dict | None = None,
    work_dir: Path | None = None,
) -> dict:
    """Train the NER pipeline and save the best checkpoint to ``output_dir``.

    Args:
        data_dir: shared data folder holding idner-news-2k and indonlu-* dirs.
        output_dir: destination of the spaCy pipeline (replaced if present).
        seed: random seed for spaCy/thinc (training is deterministic per seed).
        corpora: training sets to combine, keys of ``TRAIN_FILES``.
        overrides: extra spaCy config overrides, e.g.
            ``{"training.max_epochs": 2}``.
        work_dir: folder for DocBins and checkpoints; a temporary folder
            (deleted afterwards) when None.
    Returns:
        Dev figures per dev set (see :func:`dev_figures`) plus
        ``"train_seconds"``.
    """
    data_dir, output_dir = Path(data_dir), Path(output_dir)
    with tempfile.TemporaryDirectory(prefix="berita-ner-") as tmp:
        work = Path(work_dir) if work_dir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        write_docbin([data_dir / TRAIN_FILES[c] for c in corpora], work / "train.spacy")
        write_docbin([data_dir / rel for rel in DEV_FILES.values()], work / "dev.spacy")
        config_overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": seed,
            **(overrides or {}),
        }
        random.seed(seed)
        start = time.perf_counter()
        spacy_train(CONFIG_PATH, work / "out", overrides=config_overrides)
        seconds = time.perf_counter() - start
        best = work / "out" / "model-best"
        figures = dev_figures(spacy.load(best), data_dir)
        _write_meta(best, list(corpora), figures, seconds)
        if output_dir.exists():
            shutil.rmtree(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(best, output_dir)
    figures["train_seconds"] = round(seconds, 1)
    return figures
