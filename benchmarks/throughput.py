"""Throughput and memory on unseen articles: words/s with 1 and 2 workers and the Dask engine,
spaCy's blank("id") tokenizer alone as the floor, peak RSS per worker, RSS along a long stream,
start-up to the first record.

usage: python benchmarks/throughput.py [--bench ../shared/bench/news-3k.jsonl.gz] [--stream 20000]
                                       [--only floor,one,two,dask,stream,startup]

The articles are the 2,945 unseen ones of ../shared/bench/news-3k.jsonl.gz (benchmark use only:
they are read from there, never copied). Words are whitespace-separated tokens of the input text.
`one`, `two` and `dask` run `berita extract` on the whole file, each in a fresh process, and time
it from start to exit (loading the models included); `one` also gives the rate after loading.
Peak RSS per worker is the largest resident size of a worker process (of the process itself for
`one`). `stream` feeds one process `--stream` articles (the bench articles cycled, with fresh ids)
and prints its RSS at 10%, 50% and 100%. `startup` is the wall time of `berita extract` on one
article, from process start to exit.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "news-3k.jsonl.gz"
BERITA = Path(sys.executable).parent / "berita"
BENCH_COLUMNS = {name: name for name in ("text", "title", "id", "published", "url", "outlet")}


def bench_articles(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def bench_input(row: dict, line: int):
    """One bench row as the Article `berita extract` reads from it (its id, date, title, url, outlet)."""
    from pipeline.io.readers import article_from_row

    return article_from_row(row, BENCH_COLUMNS, "bench", line)


def word_count(articles: list[dict]) -> int:
    return sum(len(str(a.get("text") or "").split()) for a in articles)


def rss_mb() -> float:
    """The current resident size of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def floor(articles: list[dict], words: int) -> str:
    import spacy

    tokenizer = spacy.blank("id").tokenizer
    started = time.perf_counter()
    for article in articles:
        tokenizer(str(article.get("text") or ""))
    return f"floor: spaCy blank('id') tokenizer alone: {words / (time.perf_counter() - started):,.0f} words/s"


def extract_run(bench: Path, words: int, *options: str) -> str:
    """`berita extract` on the bench file in a fresh process: wall time and the peak RSS of the
    largest of its worker processes (RUSAGE_CHILDREN of a wrapper that runs only that command)."""
    with tempfile.TemporaryDirectory() as folder:
        wrapper = (
            "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        command = [str(BERITA), "extract", str(bench), "--out", f"{folder}/out.jsonl", "--quiet", *options]
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True)
        wall = time.perf_counter() - started
        peak = int(done.stdout.split()[-1]) / 1024
        records = sum(1 for _ in open(f"{folder}/out.jsonl", encoding="utf-8"))
    return (f"berita extract {' '.join(options) or '(1 process)'}: {wall:.1f} s, {words / wall:,.0f} words/s "
            f"with start-up, {records} records, peak RSS of the largest process {peak:.0f} MB")


def one_process(articles: list[dict], words: int) -> str:
    """In this process: the rate after loading, and the peak RSS."""
    from pipeline.extraction import Extractor

    inputs = [bench_input(a, i) for i, a in enumerate(articles)]
    started = time.perf_counter()
    extractor = Extractor()
    load = time.perf_counter() - started
    started = time.perf_counter()
    for _ in extractor.pipe(inputs):
        pass
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"one process, after loading ({load:.1f} s): {words / seconds:,.0f} words/s, "
            f"{len(inputs) / seconds:.1f} articles/s, peak RSS {peak:.0f} MB")


def stream(articles: list[dict], total: int) -> str:
    """RSS of one process at 10%, 50% and 100% of a stream of `total` articles."""
    from pipeline.extraction import Extractor

    def articles_stream():
        for i, a in enumerate(islice(cycle(articles), total)):
            yield bench_input({**a, "id": f"stream-{i}"}, i)

    marks = {total // 10: "10%", total // 2: "50%", total: "100%"}
    figures = []
    started = time.perf_counter()
    for done, _ in enumerate(Extractor().pipe(articles_stream()), start=1):
        if done in marks:
            figures.append(f"{marks[done]} {rss_mb():.0f} MB")
    return f"stream of {total:,} articles ({time.perf_counter() - started:.0f} s): RSS " + ", ".join(figures)


def startup(articles: list[dict]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder, "one.jsonl")
        one.write_text(json.dumps(articles[0], ensure_ascii=False) + "\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run([str(BERITA), "extract", str(one), "--out", f"{folder}/out.jsonl", "--quiet"], check=True)
        return f"start-up: one article, process start to exit: {time.perf_counter() - started:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--stream", type=int, default=20_000, help="articles in the RSS stream (default 20,000)")
    parser.add_argument("--only", default="floor,one,two,dask,stream,startup")
    args = parser.parse_args()
    if not args.bench.exists():
        sys.exit(f"no benchmark file at {args.bench} (../shared/bench is not part of the repository)")
    articles = bench_articles(args.bench)
    words = word_count(articles)
    print(f"{len(articles):,} articles, {words:,} words ({args.bench.name})", flush=True)
    runs = {
        "floor": lambda: floor(articles, words),
        "one": lambda: one_process(articles, words) + "\n" + extract_run(args.bench, words),
        "two": lambda: extract_run(args.bench, words, "--workers", "2"),
        "dask": lambda: extract_run(args.bench, words, "--engine", "dask", "--workers", "2"),
        "stream": lambda: stream(articles, args.stream),
        "startup": lambda: startup(articles),
    }
    for name in args.only.split(","):
        print(runs[name](), flush=True)


if __name__ == "__main__":
    main()
