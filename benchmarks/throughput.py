"""Throughput and memory on unseen articles: words/s with 1 and 2 workers and the Dask engine,
spaCy's blank("id") tokenizer alone as the floor, peak RSS per worker, RSS along a long stream,
start-up to the first record.

usage: python benchmarks/throughput.py [--bench ../shared/bench/news-3k.jsonl.gz] [--stream 20000]
                                       [--only floor,one,two,dask,stream,startup] [--repeat 3]

The articles are the 2,945 unseen ones of ../shared/bench/news-3k.jsonl.gz (benchmark use only:
they are read from there, never copied). Words are whitespace-separated tokens of the input text.
`one`, `two` and `dask` run `berita extract` on the whole file, each in a fresh process, and time
it from start to exit (loading the models included); `one` also gives the rate after loading
(`loaded`: the pipeline loaded in a fresh process, then the whole file through Extractor.pipe).
They run `--repeat` times, interleaved (one, two, dask, one, two, ...), and the summary gives each
median with its range, and the Dask/`--workers 2` ratio of each round: a shared host's speed
drifts by 10-15% from one minute to the next, so that one run of each says little.
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
from statistics import median

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


def extract_run(bench: Path, words: int, *options: str) -> tuple[str, float]:
    """`berita extract` on the bench file in a fresh process: a line with its wall time and the
    peak RSS of the largest of its processes, and the wall time. The peak is the larger of
    RUSAGE_CHILDREN of a wrapper that runs only that command (exact, for the processes it waits
    for) and the largest RSS of the command's process tree sampled every SAMPLE_SECONDS (the
    Dask workers are children of the fork server, which nobody waits for)."""
    with tempfile.TemporaryDirectory() as folder:
        wrapper = (
            "import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        command = [str(BERITA), "extract", str(bench), "--out", f"{folder}/out.jsonl", "--quiet", *options]
        started = time.perf_counter()
        run = subprocess.Popen([sys.executable, "-c", wrapper, *command], stdout=subprocess.PIPE, text=True)
        sampled = 0
        while run.poll() is None:
            sampled = max(sampled, largest_rss(run.pid))
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - started
        waited = int(run.stdout.read().split()[-1]) * 1024
        peak = max(waited, sampled) / 2**20
        records = sum(1 for _ in open(f"{folder}/out.jsonl", encoding="utf-8"))
    return (f"berita extract {' '.join(options) or '(1 process)'}: {wall:.1f} s, {words / wall:,.0f} words/s "
            f"with start-up, {records} records, peak RSS of the largest process {peak:.0f} MB"), wall


SAMPLE_SECONDS = 0.2


def largest_rss(wrapper_pid: int) -> int:
    """The largest resident size (bytes) among the processes under the wrapper, the wrapper
    itself left out (0 when they are gone)."""
    import psutil  # installed with the dask extra, which the `dask` runs need anyway

    try:
        processes = psutil.Process(wrapper_pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    sizes = [0]
    for process in processes:
        try:
            sizes.append(process.memory_info().rss)
        except psutil.NoSuchProcess:
            continue  # ended between the listing and the reading
    return max(sizes)


def loaded(articles: list[dict], words: int) -> tuple[str, float]:
    """In this process: the rate after loading (words/s), and the peak RSS."""
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
            f"{len(inputs) / seconds:.1f} articles/s, peak RSS {peak:.0f} MB"), words / seconds


def loaded_run(bench: Path) -> tuple[str, float]:
    """`loaded` in a fresh process (this script with --only loaded)."""
    done = subprocess.run([sys.executable, __file__, "--bench", str(bench), "--only", "loaded"],
                          capture_output=True, text=True, check=True)
    line = done.stdout.splitlines()[-1]
    return line, float(line.split(": ")[1].split(" words/s")[0].replace(",", ""))


def summary(figures: dict[str, list[float]]) -> str:
    """Median and range of each repeated figure, and the Dask/--workers 2 ratio of each round."""
    lines = ["summary (median, range):"]
    for name, values in figures.items():
        unit = "words/s" if name == "loaded" else "s"
        lines.append(f"  {name}: {median(values):,.1f} {unit} ({min(values):,.1f}-{max(values):,.1f})")
    if figures.get("one") and figures.get("two"):
        lines.append(f"  --workers 2 / one: {median(figures['one']) / median(figures['two']):.2f}x")
    if figures.get("two") and figures.get("dask"):
        ratios = [two / dask for two, dask in zip(figures["two"], figures["dask"])]
        lines.append(f"  Dask / --workers 2, each round: {', '.join(f'{r:.2f}x' for r in ratios)}; "
                     f"median {median(ratios):.2f}x")
    return "\n".join(lines)


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
    parser.add_argument("--only", default="floor,one,two,dask,stream,startup",
                        help="what to run, comma-separated (also: loaded, the rate after loading in this process)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of one, two and dask, interleaved (default 3)")
    args = parser.parse_args()
    if not args.bench.exists():
        sys.exit(f"no benchmark file at {args.bench} (../shared/bench is not part of the repository)")
    articles = bench_articles(args.bench)
    words = word_count(articles)
    only = args.only.split(",")
    if only == ["loaded"]:
        print(loaded(articles, words)[0], flush=True)
        return
    print(f"{len(articles):,} articles, {words:,} words ({args.bench.name})", flush=True)
    repeated = {  # each gives (figure, line, value) for every run it makes
        "one": lambda: [("loaded", *loaded_run(args.bench)), ("one", *extract_run(args.bench, words))],
        "two": lambda: [("two", *extract_run(args.bench, words, "--workers", "2"))],
        "dask": lambda: [("dask", *extract_run(args.bench, words, "--engine", "dask", "--workers", "2"))],
    }
    once = {
        "floor": lambda: floor(articles, words),
        "loaded": lambda: loaded(articles, words)[0],
        "stream": lambda: stream(articles, args.stream),
        "startup": lambda: startup(articles),
    }
    figures: dict[str, list[float]] = {}
    for name in only:
        if name in once:
            print(once[name](), flush=True)
    for _ in range(args.repeat):
        for name in only:
            if name in repeated:
                for figure, line, value in repeated[name]():
                    print(line, flush=True)
                    figures.setdefault(figure, []).append(value)
    if figures:
        print(summary(figures), flush=True)


if __name__ == "__main__":
    main()
