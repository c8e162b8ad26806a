"""Train the optional stanza models (POS tagger, lemmatizer, optionally a parser) for Indonesian.

stanza's own data preparation and training scripts (``stanza.utils.datasets.prepare_*_treebank``,
``stanza.utils.training.run_*``) run as subprocesses in a scratch folder, with HOME,
STANZA_RESOURCES_DIR and DATA_ROOT pointing into it and every option that would fetch something
(character LM, word vectors, a tagger to retag the data, lemma classifier) turned off: nothing is
downloaded. Only the final model files are copied to the output folder, where
`pipeline.stanza_backend.load_stanza` loads them.

The models are tokenizer-free: berita's spaCy tokenizer gives the words. UD Indonesian CSUI has no
dev split, so every tenth training sentence is held out as dev; GSD dev serves as the test set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.stanza_backend import DEPPARSE_MODEL, LEMMA_MODEL, POS_MODEL, load_stanza

TREEBANK = "UD_Indonesian-CSUI"
SHORT_NAME = "id_csui"
CSUI_TRAIN = "ud-id-csui/id_csui-ud-train.conllu"
GSD_DEV = "ud-id-gsd/id_gsd-ud-dev.conllu"
MODEL_FILES = {"pos": POS_MODEL, "lemma": LEMMA_MODEL, "depparse": DEPPARSE_MODEL}
# Without these, the preparation scripts of the lemmatizer and the parser download a tagger
# to retag the data, and the lemmatizer's adds a classifier.
PREPARE_OPTIONS = {"pos": [], "lemma": ["--gold", "--no_lemma_classifier"], "depparse": ["--gold"]}
SOURCES = [
    {"name": "UD Indonesian-CSUI", "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI",
     "license": "CC BY-SA 4.0", "used": "train (every tenth sentence held out as dev)"},
    {"name": "UD Indonesian-GSD", "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD",
     "license": "CC BY-SA 4.0", "used": "dev, for evaluation only"},
]


@dataclass(frozen=True)
class StanzaSettings:
    """Sizes and training length of the models.

    The defaults are small so that the tagger and lemmatizer train in minutes on 2 CPU cores
    (stanza's own defaults, 50,000 steps with wider layers, take many hours there); tests shrink
    them further. One thread: these small networks gain little from a second one, and lose much
    when the other core is busy.
    """

    pos_steps: int = 600  # tagger steps, and parser steps
    eval_interval: int = 100  # steps between dev evaluations; at most pos_steps (stanza needs one)
    batch_size: int = 32  # tagger batches, in sentences
    parser_batch_words: int = 1000  # parser batches, in words (stanza counts them so)
    hidden_dim: int = 100  # word LSTM, character LSTM and classifier layers of tagger and parser
    lemma_epochs: int = 10
    lemma_hidden_dim: int = 200
    dev_every: int = 10  # hold out every n-th training sentence as dev
    seed: int = 1234
    threads: int = 1

    def network_args(self) -> list[str]:
        """Options shared by the tagger and the parser (same network shape and length)."""
        return ["--no_charlm", "--no_pretrain", "--max_steps", str(self.pos_steps),
                "--eval_interval", str(self.eval_interval), "--hidden_dim", str(self.hidden_dim),
                "--char_hidden_dim", str(self.hidden_dim), "--deep_biaff_hidden_dim", str(self.hidden_dim)]

    def training_args(self, processor: str) -> list[str]:
        """The options of stanza's run_<processor> script for these settings."""
        specific = {
            "pos": [*self.network_args(), "--batch_size", str(self.batch_size)],
            "lemma": ["--no_charlm", "--no_lemma_classifier", "--num_epoch", str(self.lemma_epochs),
                      "--hidden_dim", str(self.lemma_hidden_dim)],
            "depparse": [*self.network_args(), "--batch_size", str(self.parser_batch_words), "--no_checkpoint"],
        }
        return ["--cpu", "--seed", str(self.seed), *specific[processor]]


def read_sentences(path: Path) -> list[str]:
    """The sentences of a CoNLL-U file, each as its block of lines (comments included)."""
    return [block.strip() for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]


def write_treebank(udbase: Path, train: Path, test: Path, dev_every: int) -> dict[str, int]:
    """Lay out `train` and `test` as stanza expects a UD treebank (train, dev and test files under
    UDBASE/UD_Indonesian-CSUI), holding out every `dev_every`-th training sentence as dev.
    Returns the number of sentences of each split."""
    sentences = read_sentences(train)
    splits = {
        "train": [s for i, s in enumerate(sentences) if i % dev_every],
        "dev": sentences[::dev_every],
        "test": read_sentences(test),
    }
    folder = udbase / TREEBANK
    folder.mkdir(parents=True)
    for split, blocks in splits.items():
        (folder / f"{SHORT_NAME}-ud-{split}.conllu").write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return {split: len(blocks) for split, blocks in splits.items()}


def offline_env(work: Path, threads: int) -> dict[str, str]:
    """The environment of stanza's scripts: every folder they read or write is inside `work`, so
    they neither look at the user's stanza_resources nor download anything into it."""
    env = dict(os.environ)
    env.update(HOME=str(work), STANZA_RESOURCES_DIR=str(work / "stanza_resources"), DATA_ROOT=str(work / "data"),
               UDBASE=str(work / "ud"), HF_HUB_OFFLINE="1", OMP_NUM_THREADS=str(threads))
    return env


def run_stanza(module: str, args: list[str], work: Path, threads: int) -> None:
    """Run one of stanza's scripts (`python -m module args`) in `work`, its output going to a log
    there. Raises RuntimeError with the end of that log when it fails."""
    log_path = work / f"{module.rsplit('.', 1)[-1]}.log"
    with log_path.open("w", encoding="utf-8") as log:
        done = subprocess.run([sys.executable, "-m", module, *args], cwd=work, env=offline_env(work, threads),
                              stdout=log, stderr=subprocess.STDOUT)
    if done.returncode:
        tail = "\n".join(log_path.read_text(encoding="utf-8").splitlines()[-20:])
        raise RuntimeError(f"stanza's {module} failed (exit status {done.returncode}); its output ended:\n{tail}")


def train_processor(processor: str, work: Path, settings: StanzaSettings) -> Path:
    """Prepare the data of one processor and train it with stanza's scripts; returns the model file."""
    saved = work / "saved_models"
    run_stanza(f"stanza.utils.datasets.prepare_{processor}_treebank", [TREEBANK, *PREPARE_OPTIONS[processor]],
               work, settings.threads)
    run_stanza(f"stanza.utils.training.run_{processor}",
               [TREEBANK, "--save_dir", str(saved), "--save_name", MODEL_FILES[processor],
                *settings.training_args(processor)], work, settings.threads)
    return saved / MODEL_FILES[processor]


def train_models(train: Path, test: Path, output_dir: Path, settings: StanzaSettings = StanzaSettings(),
                 processors: tuple[str, ...] = ("pos", "lemma")) -> dict:
    """Train stanza processors on the CoNLL-U file `train`, copy their model files to `output_dir`,
    then score them on the held-out dev sentences and on the CoNLL-U file `test`.

    processors: "pos" and "lemma" (both needed by load_stanza), and "depparse" for a parser.
    Returns a summary: sentences per split, settings, seconds per processor, scores.
    """
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="berita-stanza-") as scratch:
        work = Path(scratch)
        sizes = write_treebank(work / "ud", train, test, settings.dev_every)
        models = work / "models"
        models.mkdir()
        for processor in processors:
            print(f"berita: training the stanza {processor} model", file=sys.stderr)
            started = time.perf_counter()
            model = train_processor(processor, work, settings)
            seconds[processor] = round(time.perf_counter() - started, 1)
            shutil.copyfile(model, models / model.name)
        tagger = load_stanza(models, settings.threads)
        ud = work / "ud" / TREEBANK
        scores = {split: score_tagger(tagger, ud / f"{SHORT_NAME}-ud-{split}.conllu") for split in ("dev", "test")}
        # The models in output_dir are replaced only now that the new ones trained and loaded; a
        # parser left from an earlier run would be loaded with them, so it goes too.
        output_dir.mkdir(parents=True, exist_ok=True)
        for name in MODEL_FILES.values():
            (output_dir / name).unlink(missing_ok=True)
        for model in models.iterdir():
            shutil.copyfile(model, output_dir / model.name)
    return {"sentences": sizes, "settings": asdict(settings), "seconds": seconds, "scores": scores,
            "output": str(output_dir), "sources": SOURCES}


def gold_words(path: Path) -> list[list[list[str]]]:
    """The CoNLL-U columns of the syntactic words of each sentence of `path` (no multiword-token
    ranges, no empty nodes)."""
    sentences = []
    for block in read_sentences(path):
        rows = [line.split("\t") for line in block.splitlines() if not line.startswith("#")]
        sentences.append([row for row in rows if row[0].isdigit()])
    return sentences


def score_tagger(tagger, path: Path) -> dict:
    """Accuracy (percent) of a stanza Pipeline on the gold words of the CoNLL-U file `path`: UPOS and
    lemma, and with a parser UAS and LAS (full labels); and its speed in words per second."""
    sentences = gold_words(path)
    started = time.perf_counter()
    document = tagger([[row[1] for row in sentence] for sentence in sentences])
    elapsed = time.perf_counter() - started
    pairs = [(row, word) for sentence, predicted in zip(sentences, document.sentences)
             for row, word in zip(sentence, predicted.words)]
    checks = {"upos": lambda row, word: row[3] == word.upos, "lemma": lambda row, word: row[2] == word.lemma}
    if "depparse" in tagger.processors:
        checks["uas"] = lambda row, word: row[6] == str(word.head)
        checks["las"] = lambda row, word: row[6] == str(word.head) and row[7] == word.deprel
    scores = {name: round(100 * sum(check(*pair) for pair in pairs) / len(pairs), 2) for name, check in checks.items()}
    return {"words": len(pairs), **scores, "words_per_second": round(len(pairs) / elapsed)}


def train_stanza(data_dir: Path, output_dir: Path, *, steps: int | None = None, depparse: bool = False) -> dict:
    """`berita train stanza`: train on UD Indonesian CSUI (data_dir/ud-id-csui) and score on GSD dev
    (data_dir/ud-id-gsd) with the default settings; `steps` overrides the tagger's (and parser's)
    step count, `depparse` adds a parser. Raises FileNotFoundError when a treebank file is missing."""
    train, test = data_dir / CSUI_TRAIN, data_dir / GSD_DEV
    for path in (train, test):
        if not path.exists():
            raise FileNotFoundError(f"no treebank file at {path}")
    settings = StanzaSettings() if steps is None else StanzaSettings(pos_steps=steps, eval_interval=min(steps, 100))
    processors = ("pos", "lemma", "depparse") if depparse else ("pos", "lemma")
    return train_models(train, test, output_dir, settings, processors)
