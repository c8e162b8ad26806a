"""Interrupt `berita extract` with kill -9 (and Ctrl-C) at random points, resume, and count.

usage: python benchmarks/kill_resume.py [--articles N] [--kills K] [--workers W] [--seed S] [--no-ner]

The articles are the first N (default 2,000) of ../shared/bench/news-3k.jsonl.gz when present,
else the seed in corpus/ repeated with distinct ids. The script first makes one uninterrupted
run, then a run that is killed K times (default 3) with SIGKILL at random moments and once with
SIGINT (Ctrl-C), each time continued with --resume, and prints: records lost, records written
twice, torn lines, and whether the output is byte-identical to the uninterrupted one.
Exit status 0 when nothing was lost or duplicated and the outputs are identical.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "news-3k.jsonl.gz"


def write_input(path: Path, count: int) -> None:
    if BENCH.exists():
        with gzip.open(BENCH, "rt", encoding="utf-8") as source:
            lines = [line for _, line in zip(range(count), source)]
    else:
        seed = (REPO / "corpus").glob("*.txt").__next__().read_text(encoding="utf-8")
        lines = [json.dumps({"id": f"seed-{n}", "text": seed}) + "\n" for n in range(count)]
    path.write_text("".join(lines), encoding="utf-8")


def command(source: Path, out: Path, args, *extra: str) -> list[str]:
    options = ["--workers", str(args.workers)] + (["--no-ner"] if args.no_ner else [])
    return [sys.executable, "-m", "pipeline.cli", "extract", str(source), "--out", str(out), "--quiet", *options, *extra]


def run_interrupted(source: Path, out: Path, args, rng: random.Random) -> list[str]:
    """Runs killed at random moments and resumed; returns what was done, one line per stop."""
    log = []
    signals = [signal.SIGKILL] * args.kills + [signal.SIGINT]
    first = True
    for sig in signals:
        process = subprocess.Popen(command(source, out, args, "--overwrite" if first else "--resume"),
                                   stderr=subprocess.DEVNULL)
        first = False
        # Once the pipeline has loaded and is writing: a random moment among the records.
        delay = rng.uniform(args.min_delay, args.max_delay)
        time.sleep(delay)
        lines = out.read_bytes().count(b"\n") if out.exists() else 0
        process.send_signal(sig)
        status = process.wait()
        log.append(f"{signal.Signals(sig).name} after {delay:.1f} s ({lines} records written), exit {status}")
    subprocess.run(command(source, out, args, "--resume"), stderr=subprocess.DEVNULL, check=False)
    return log


def count(out: Path) -> tuple[list[str], int]:
    ids, torn = [], 0
    for raw in out.read_bytes().split(b"\n")[:-1]:
        try:
            ids.append(json.loads(raw)["id"])
        except ValueError:
            torn += 1
    return ids, torn + (not out.read_bytes().endswith(b"\n"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-ner", action="store_true")
    parser.add_argument("--min-delay", type=float, default=5.0, help="earliest kill, seconds after a start")
    parser.add_argument("--max-delay", type=float, default=15.0, help="latest kill, seconds after a start")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="berita-kill-") as folder:
        folder = Path(folder)
        source, clean, killed = folder / "in.jsonl", folder / "clean.jsonl", folder / "killed.jsonl"
        write_input(source, args.articles)
        subprocess.run(command(source, clean, args, "--overwrite"), stderr=subprocess.DEVNULL, check=False)
        for line in run_interrupted(source, killed, args, rng):
            print(line)
        expected, _ = count(clean)
        got, torn = count(killed)
        lost = len(set(expected) - set(got))
        duplicated = len(got) - len(set(got))
        identical = clean.read_bytes() == killed.read_bytes()
        errors_identical = (folder / "clean.jsonl.errors.jsonl").read_bytes() == (folder / "killed.jsonl.errors.jsonl").read_bytes()
    print(f"{args.articles} articles, {len(expected)} records: lost {lost}, duplicated {duplicated}, torn lines {torn}, "
          f"byte-identical to an uninterrupted run: {identical} (errors file: {errors_identical})")
    return 0 if not lost and not duplicated and not torn and identical and errors_identical else 1


if __name__ == "__main__":
    sys.exit(main())
