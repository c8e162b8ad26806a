"""Interrupt `berita extract` with kill -9 (and Ctrl-C) at random points, resume, and count.

usage: python benchmarks/kill_resume.py [--articles N] [--kills K] [--workers W] [--seed S] [--no-ner]

The articles are the first N (default 2,000) of ../shared/bench/news-3k.jsonl.gz when present,
else the seed in corpus/ repeated with distinct ids. The script first makes one uninterrupted
run, then a run that is killed K times (default 3) with SIGKILL and once with SIGINT (Ctrl-C), at
random points among the records (once the output holds that many lines), each time continued
with --resume, and prints: records lost, records written twice, torn lines, and whether the
output is byte-identical to the uninterrupted one.
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


class LineCounter:
    """Complete lines of a growing file, counted from the bytes added since the last look."""

    def __init__(self, path: Path):
        self.path, self.offset, self.lines = path, 0, 0

    def count(self) -> int:
        if self.path.exists():
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                added = handle.read()
            self.offset += len(added)
            self.lines += added.count(b"\n")
        return self.lines


def run_interrupted(source: Path, out: Path, args, rng: random.Random, records: int) -> list[str]:
    """Runs stopped at random points among the records (kill -9 `args.kills` times, then one
    Ctrl-C), each continued with --resume; returns one line per stop."""
    log = []
    stops = sorted(rng.sample(range(1, records), args.kills + 1))
    for number, (sig, target) in enumerate(zip([signal.SIGKILL] * args.kills + [signal.SIGINT], stops)):
        counter = LineCounter(out)
        counter.lines = counter.count() if number else 0
        process = subprocess.Popen(command(source, out, args, "--resume" if number else "--overwrite"),
                                   stderr=subprocess.DEVNULL)
        while process.poll() is None and counter.count() < target:
            time.sleep(0.02)
        written = counter.count()
        process.send_signal(sig)
        status = process.wait()
        log.append(f"{signal.Signals(sig).name} at record {written} (aimed at {target}), exit {status}")
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


def errors_bytes(out: Path) -> bytes:
    """The errors file of an output; berita writes none when no article failed."""
    errors = out.with_name(out.name + ".errors.jsonl")
    return errors.read_bytes() if errors.exists() else b""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-ner", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="berita-kill-") as folder:
        folder = Path(folder)
        source, clean, killed = folder / "in.jsonl", folder / "clean.jsonl", folder / "killed.jsonl"
        write_input(source, args.articles)
        subprocess.run(command(source, clean, args, "--overwrite"), stderr=subprocess.DEVNULL, check=False)
        expected, _ = count(clean)
        for line in run_interrupted(source, killed, args, rng, len(expected)):
            print(line)
        got, torn = count(killed)
        lost = len(set(expected) - set(got))
        duplicated = len(got) - len(set(got))
        identical = clean.read_bytes() == killed.read_bytes()
        errors_identical = errors_bytes(clean) == errors_bytes(killed)
    print(f"{args.articles} articles, {len(expected)} records: lost {lost}, duplicated {duplicated}, torn lines {torn}, "
          f"byte-identical to an uninterrupted run: {identical} (errors file: {errors_identical})")
    return 0 if not lost and not duplicated and not torn and identical and errors_identical else 1


if __name__ == "__main__":
    sys.exit(main())
