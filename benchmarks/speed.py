"""Whole-pipeline speed and memory: prints words/s, articles/s and peak memory.

usage: python benchmarks/speed.py [--articles N] [--repeat R] [--no-ner] [--batch-size B]

The articles are the dev evaluation articles from ../shared/eval/dev when present, else the seed
in corpus/, repeated to N articles (default 400) with distinct ids. Timing covers clean, nlp,
extractors and record building for every article (reading and writing excluded), one process;
the run is repeated R times (default 3) and the median and best are printed, since a shared
machine makes single runs vary by 10%.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.extraction import Extractor  # noqa: E402
from pipeline.io.readers import Article  # noqa: E402
from pipeline.nlp import DEFAULT_NER_MODEL  # noqa: E402


def sample_texts() -> list[str]:
    folder = REPO.parent / "shared" / "eval" / "dev" / "articles"
    paths = sorted(folder.glob("*.txt")) if folder.exists() else [REPO / "corpus" / "radarsemarang-3178-industri.txt"]
    return [p.read_text(encoding="utf-8") for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--no-ner", action="store_true")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = sample_texts()
    articles = [Article(text=texts[i % len(texts)], id=f"bench-{i}") for i in range(args.articles)]
    words = sum(len(a.text.split()) for a in articles)

    started = time.perf_counter()
    extractor = Extractor(ner_model=None if args.no_ner else DEFAULT_NER_MODEL, batch_size=args.batch_size)
    load = time.perf_counter() - started
    extractor(articles[0])  # warm-up
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        failed = sum(1 for _, result in extractor.pipe(articles) if not hasattr(result, "id"))
        runs.append(time.perf_counter() - started)
    median, best = statistics.median(runs), min(runs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"pipeline: {', '.join(extractor.nlp.pipe_names)}")
    print(f"articles: {len(articles)} ({len(texts)} distinct), words: {words:,}, failed: {failed}")
    print(f"load: {load:.1f} s")
    print(f"speed (median of {len(runs)}): {words / median:,.0f} words/s, {len(articles) / median:,.1f} articles/s")
    print(f"speed (best): {words / best:,.0f} words/s")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
