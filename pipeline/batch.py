"""Batch runner: many inputs in, one record per article out, errors beside it.

Bad articles (empty, binary, undecodable, malformed, too large) get a one-line error on stderr
and in `<out>.errors.jsonl`; the batch goes on. With `resume`, articles already in the output
are skipped, so an interrupted run can be continued without losing or duplicating records.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from pipeline.extraction import DEFAULT_BATCH_SIZE, ArticleError, Extractor
from pipeline.io.readers import ReadError, read_articles
from pipeline.io.writers import JsonlWriter, errors_path, written_ids
from pipeline.nlp import DEFAULT_NER_MODEL


@dataclass
class BatchSummary:
    """What a run did: records written, articles skipped as already written, articles failed."""

    written: int = 0
    skipped: int = 0
    failed: int = 0


def run_extract(
    inputs: Iterable[str | Path],
    out: Path,
    *,
    resume: bool = False,
    ner_model: str | Path | None = DEFAULT_NER_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
) -> BatchSummary:
    """Extract every article of `inputs` (files or folders) into the JSONL file `out`.

    resume: keep `out` and skip the articles whose id it already holds (otherwise `out` is
        rewritten); ner_model: trained NER folder or None; progress: show a tqdm bar on stderr.
    Returns a BatchSummary. Raises FileNotFoundError for a missing input path.
    """
    inputs = list(inputs)
    done = written_ids(out) if resume else set()
    seen: set[str] = set()
    summary = BatchSummary()
    extractor = Extractor(ner_model=ner_model, batch_size=batch_size)
    with JsonlWriter(out, append=resume) as records, JsonlWriter(errors_path(out), append=resume) as errors:

        def fail(source: str, line: int | None, article_id: str | None, message: str) -> None:
            summary.failed += 1
            where = source + (f":{line}" if line else "")
            tqdm.write(f"berita: error: {where}: {message}", file=sys.stderr)
            errors.write({"id": article_id, "source": source, "line": line, "error": message})

        def articles():
            for item in read_articles(inputs):
                if isinstance(item, ReadError):
                    fail(item.source_path, item.source_line, item.id, item.message)
                elif item.id in done:
                    summary.skipped += 1
                elif item.id in seen:
                    fail(item.source_path or "<input>", item.source_line, item.id, f"duplicate id {item.id!r}; not written twice")
                else:
                    seen.add(item.id)
                    yield item

        bar = tqdm(extractor.pipe(articles()), unit=" articles", disable=not progress, file=sys.stderr)
        for article, result in bar:
            if isinstance(result, ArticleError):
                fail(article.source_path or "<input>", article.source_line, article.id, str(result))
            else:
                records.write(result.model_dump(mode="json"))
                summary.written += 1
    return summary
