"""Measure what each labelled corpus adds to the NER: train with the corpora added one at a time.

All runs start from one tok2vec pretraining on the text of every corpus (as `berita train ner`
does), so the runs differ only in their labels. Each run's dev figures go to one JSON file:

    python -m pipeline.training.ablation --data ../shared/data --work /tmp/ner-ablation
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.training.ner import LABELLED, TRAIN_FILES, load_training_sentences, pretrain_tok2vec, train_ner, write_raw_text


def cumulative_steps(order: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Corpus sets that add one corpus at a time: (a, b), (a, b, c), ... (the first two together:
    the shipped model's baseline)."""
    return [order[:n] for n in range(2, len(order) + 1)]


def shared_pretraining(data_dir: Path, work: Path, epochs: int) -> Path:
    """Pretrain the tok2vec once on the text of every training corpus; returns the weights."""
    weights = work / "pretrain" / "model-last.bin"
    if not weights.exists():
        write_raw_text(load_training_sentences(data_dir, tuple(TRAIN_FILES)), work / "raw.jsonl")
        pretrain_tok2vec({}, work / "raw.jsonl", work / "pretrain", epochs)
    return weights


def run_ablation(data_dir: Path, work: Path, steps: list[tuple[str, ...]], pretrain_epochs: int = 5, seed: int = 0) -> dict:
    """Train one model per corpus set and collect its dev figures (written to work/ablation.json
    after every run, so a stopped ablation keeps what it measured)."""
    work.mkdir(parents=True, exist_ok=True)
    weights = shared_pretraining(data_dir, work, pretrain_epochs)
    results_path = work / "ablation.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    for corpora in steps:
        key = "+".join(corpora)
        if key in results:
            continue
        results[key] = train_ner(data_dir, work / key, seed=seed, corpora=corpora, tok2vec_weights=weights)
        results_path.write_text(json.dumps(results, indent=1) + "\n")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--work", type=Path, required=True, help="folder for the pretraining, models and ablation.json")
    parser.add_argument("--corpora", nargs="+", default=list(LABELLED), choices=list(TRAIN_FILES),
                        help="corpora in the order they are added (default: %(default)s)")
    parser.add_argument("--sets", nargs="*", default=[],
                        help="corpus sets to train first, each as names joined by '+' (e.g. idner+nergrit+idcrossner)")
    args = parser.parse_args()
    steps = [tuple(s.split("+")) for s in args.sets] + cumulative_steps(tuple(args.corpora))
    for key, figures in run_ablation(args.data, args.work, steps).items():
        print(key, {name: round(figures[name]["micro"]["f"], 4) for name in ("idner", "nerui")},
              "nergrit macro", round(figures["nergrit"]["macro"]["f"], 4))


if __name__ == "__main__":
    main()
