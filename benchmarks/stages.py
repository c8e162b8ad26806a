"""Where the time goes: CPU seconds of each stage of the pipeline on unseen articles.

usage: python benchmarks/stages.py [--bench ../shared/bench/news-3k.jsonl.gz] [--articles 600]

The first `--articles` articles of the bench file (benchmark use only: read from there, never
copied), read as benchmarks/throughput.py reads them, are cleaned, tokenized (make_doc, with the
publication date set as `berita extract` sets it), run through each component in turn (batches
of 32, BLAS on one thread as in `berita extract`) and made into records. CPU time of this process
(`time.process_time`), so a loaded machine inflates the figures less than wall time would; the
words are whitespace-separated tokens of the input texts.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from throughput import DEFAULT_BENCH, bench_articles, bench_input  # benchmarks/, beside this script

from pipeline.extraction import ArticleError, Extractor, build_record
from pipeline.io.readers import Article
from pipeline.nlp import one_blas_thread

BATCH = 32


def stage_articles(bench: Path, count: int) -> list[Article]:
    """The first `count` bench articles, read as benchmarks/throughput.py (and berita extract) reads them."""
    return [bench_input(row, line) for line, row in enumerate(bench_articles(bench)[:count])]


def stage_seconds(extractor: Extractor, articles: list[Article]) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    prepared = []
    for article in articles:
        started = time.process_time()
        try:
            cleaned = extractor.clean(article)
        except ArticleError:
            continue  # nothing but page furniture
        seconds["clean"] += time.process_time() - started
        started = time.process_time()
        cleaned, doc = extractor.to_doc(article, cleaned)
        seconds["tokenizer (make_doc)"] += time.process_time() - started
        prepared.append((article, cleaned, doc))
    docs = [doc for _, _, doc in prepared]
    with one_blas_thread():
        for name, component in extractor.nlp.pipeline:
            started = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=BATCH))
            else:
                docs = [component(doc) for doc in docs]
            seconds[name] += time.process_time() - started
    started = time.process_time()
    for (article, cleaned, _), doc in zip(prepared, docs):
        build_record(article, cleaned, doc, extractor.nlp)
    seconds["record"] += time.process_time() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    if not args.bench.is_file():
        raise SystemExit(f"no bench file at {args.bench} (it is in ../shared, not in the repository)")
    articles = stage_articles(args.bench, args.articles)
    words = sum(len(article.text.split()) for article in articles)
    extractor = Extractor()
    list(extractor.pipe(articles[:20]))  # warm up: lazy tables, the first batch's allocations
    seconds = stage_seconds(extractor, articles)
    total = sum(seconds.values())
    for name, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{name:22s} {value:6.2f} s {100 * value / total:5.1f}%")
    print(f"total {total:.2f} s CPU for {len(articles)} articles, {words:,} words: {words / total:,.0f} words/s")


if __name__ == "__main__":
    main()
