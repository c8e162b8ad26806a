"""End-to-end evaluation on hand-made gold articles (the layout of ../shared/eval).

An evaluation folder holds articles/*.txt, gold/*.json and manifest.csv; its parent holds the
official `make_input.py` and `score.py`. This runs exactly what the documented shell pipeline
runs (make_input -> berita extract -> score) and returns score.py's figures.
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType

from pipeline.batch import run_extract


def _load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or not path.exists():
        raise FileNotFoundError(f"missing evaluation script {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate_gold(eval_dir: Path, *, ner_model=None, show: int = 0) -> dict:
    """Score the whole pipeline on a gold folder.

    eval_dir: e.g. ../shared/eval/dev; ner_model: as for run_extract; show: print the first N
    misses (score.py's --show) on stderr. Returns score.py's result dict.
    """
    scripts = eval_dir.resolve().parent
    make_input, scorer = _load_script(scripts / "make_input.py"), _load_script(scripts / "score.py")
    with tempfile.TemporaryDirectory() as tmp:
        articles, records = Path(tmp) / "input.jsonl", Path(tmp) / "records.jsonl"
        make_input.main(str(eval_dir), str(articles))
        run_extract([articles], records, ner_model=ner_model, progress=False)
        return scorer.score(str(eval_dir / "gold"), str(records), show)


def format_gold_report(result: dict) -> str:
    """score.py's figures as the table it prints."""
    lines = []
    for key, value in result.items():
        if isinstance(value, dict):
            lines.append("%-20s P %.3f  R %.3f  F1 %.3f   (tp %d, gold %d, pred %d)" % (
                key, value["precision"], value["recall"], value["f1"], value["tp"], value["gold"], value["pred"]))
        else:
            lines.append("%-24s %s" % (key, value))
    return "\n".join(lines)
