"""Batch runner: many inputs in, one record per article out, errors beside it.

Bad articles (empty, binary, undecodable, malformed, too large) get a one-line error on stderr
and in `<out>.errors.jsonl`; the batch goes on. With `resume`, articles already in the output
are skipped, so an interrupted run can be continued without losing or duplicating records.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from pipeline.extraction import DEFAULT_BATCH_SIZE, ArticleError, Extractor, chunked
from pipeline.furniture import Templates
from pipeline.io.readers import Article, Columns, ReadError, SkippedFile, read_articles
from pipeline.io.writers import JsonlWriter, LazyJsonlWriter, OutputError, complete_lines, errors_path, written_ids
from pipeline.limits import DEFAULT_TIMEOUT, Limits
from pipeline.nlp import DEFAULT_NER_MODEL
from pipeline.profile import learn_profile
from pipeline.published import Order
from pipeline.record import Record


class PipelineLoadError(RuntimeError):
    """The pipeline (NER model, stanza models) could not be loaded: the whole run stops."""


def load_extractor(ner_model, batch_size: int, stanza_dir, limits: Limits, templates: Templates | None = None) -> Extractor:
    """The Extractor of a run, with any failure to load its models as a PipelineLoadError."""
    try:
        return Extractor(ner_model=ner_model, batch_size=batch_size, stanza_dir=stanza_dir, limits=limits,
                         templates=templates)
    except Exception as error:  # a corrupt model file raises whatever its loader raises
        raise PipelineLoadError(f"cannot load the pipeline: {type(error).__name__}: {error}") from error


@dataclass
class BatchSummary:
    """What a run did: records written, articles skipped as already written, articles failed,
    files in the input folders that were not read (not an input type), articles whose
    `published` could not be read (kept without it, with a published_invalid warning)."""

    written: int = 0
    skipped: int = 0
    failed: int = 0
    unread_files: int = 0
    unreadable_published: int = 0


def run_extract(
    inputs: Iterable[str | Path],
    out: Path,
    *,
    resume: bool = False,
    ner_model: str | Path | None = DEFAULT_NER_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = True,
    workers: int = 1,
    stanza_dir: str | Path | None = None,
    columns: Columns = Columns(),
    limits: Limits = Limits(timeout=DEFAULT_TIMEOUT),
    engine: str = "local",
    scheduler: str | None = None,
    templates: bool = True,
    date_order: Order | None = None,
) -> BatchSummary:
    """Extract every article of `inputs` (files or folders) into the JSONL file `out`.

    resume: keep `out` and skip the articles whose id it already holds (otherwise `out` is
        rewritten); ner_model: trained NER folder or None; progress: show a tqdm bar on stderr;
    workers: processes that extract (each loads its own pipeline); records keep the input order;
    stanza_dir: folder of the optional stanza models, or None; columns: which columns of .csv,
    .parquet and .jsonl inputs hold the text, title, id ... (default: their common names);
    limits: longest text kept and time budget of one article (an article over budget becomes an
    error, the batch goes on); engine: "local" (this machine's processes) or "dask"
    (pipeline.dask_engine: a LocalCluster of `workers` processes, or the cluster at the address
    `scheduler`); templates: learn template furniture per outlet in a first pass over the inputs
    (pipeline/profile.py); date_order: "DMY" or "MDY" for every ambiguous slash date in
    `published` (default: inferred per source over the batch).
    A file of another type inside an input folder is named on stderr and counted, not read.
    Returns a BatchSummary. Raises FileNotFoundError for a missing input path, PipelineLoadError
    when the models cannot be loaded (in one process before `out` is opened) or the Dask cluster
    cannot be reached, OutputError when `out` is among the inputs or cannot be written (what was
    written stays valid and resumable).
    """
    inputs = list(inputs)
    refuse_output_among_inputs(inputs, out)
    if engine == "dask" and scheduler is None:  # the workers' fork server imports during the first pass
        from pipeline.dask_engine import start_fork_server

        start_fork_server()
    profile = learn_profile(read_articles(inputs, columns), templates=templates, date_order=date_order)
    settings = (ner_model, batch_size, stanza_dir, limits, profile.templates)
    if progress:  # the first seconds of a run (in every worker with --workers or Dask)
        print("berita: loading models ...", file=sys.stderr, flush=True)
    extractor = load_extractor(*settings) if workers == 1 and engine == "local" else None
    done = written_ids(out) if resume else set()
    # A resumed run retries the failed articles: an error already in the errors file is not written again.
    reported = set(complete_lines(errors_path(out))) if resume else set()
    seen: set[str] = set()
    summary = BatchSummary()
    # The bar counts every input article (written, skipped as done, failed); the first pass
    # counted them, so its total, percentage and ETA hold for every input type.
    bar = tqdm(total=profile.items if progress else None, unit=" articles", disable=not progress,
               file=sys.stderr, smoothing=0.1)
    with bar, JsonlWriter(out, append=resume) as records, LazyJsonlWriter(errors_path(out), append=resume) as errors:

        def fail(source: str, line: int | None, article_id: str | None, message: str) -> None:
            summary.failed += 1
            where = source + (f":{line}" if line else "")
            tqdm.write(f"berita: error: {where}: {message}", file=sys.stderr)
            error = {"id": article_id, "source": source, "line": line, "error": message}
            if errors.encode(error) not in reported:
                errors.write(error)

        def articles():
            for item in read_articles(inputs, columns):
                if isinstance(item, SkippedFile):
                    summary.unread_files += 1
                    tqdm.write(f"berita: warning: {item.path}: skipped, {item.reason}", file=sys.stderr)
                elif isinstance(item, ReadError):
                    fail(item.source_path, item.source_line, item.id, item.message)
                    bar.update()
                elif item.id in done:
                    summary.skipped += 1
                    bar.update()
                elif item.id in seen:
                    fail(item.source_path or "<input>", item.source_line, item.id, f"duplicate id {item.id!r}; not written twice")
                    bar.update()
                else:
                    seen.add(item.id)
                    profile.apply(item)
                    summary.unreadable_published += any(w["code"] == "published_invalid" for w in item.warnings)
                    yield item

        if engine == "dask":
            from pipeline.dask_engine import dask_pipe

            results = dask_pipe(articles(), settings, scheduler=scheduler, workers=workers)
        elif extractor is None:
            results = parallel_pipe(articles(), workers, settings)
        else:
            results = ((article, record_line(result)) for article, result in extractor.pipe(articles()))
        for article, result in results:
            if isinstance(result, ArticleError):
                fail(article.source_path or "<input>", article.source_line, article.id, str(result))
            else:
                records.write_line(result)
                summary.written += 1
            bar.update()
    return summary


def refuse_output_among_inputs(inputs: list, out: Path) -> None:
    """Raise OutputError when `out` or its errors file is one of the inputs or inside an input
    folder: the run would overwrite an input, or read its own output back as articles."""
    targets = [Path(os.path.realpath(path)) for path in (out, errors_path(out))]
    for raw in inputs:
        source = Path(os.path.realpath(raw))
        for target in targets:
            if target == source or (source.is_dir() and source in target.parents):
                raise OutputError(f"{target} is {'an input' if target == source else 'inside the input folder ' + str(raw)}; "
                                  "write the output elsewhere")


_worker_extractor: Extractor | PipelineLoadError | None = None


def _start_worker(*settings) -> None:
    global _worker_extractor
    try:
        _worker_extractor = load_extractor(*settings)
    except PipelineLoadError as error:
        # Kept for the first chunk to raise in the parent: a Pool starts a worker whose
        # initializer fails again and again, and the run would never end.
        _worker_extractor = error


def record_line(result: Record | ArticleError) -> bytes | ArticleError:
    """A record as the line the output file gets (JsonlWriter.encode), an error as it is."""
    return result if isinstance(result, ArticleError) else JsonlWriter.encode(result.model_dump(mode="json"))


def chunk_lines(extractor: Extractor, articles: list[Article]) -> list[bytes | ArticleError]:
    """What a worker sends back for a chunk: each article's record line or error, in order. The
    lines are made in the worker, and the articles stay with the parent, so that what crosses
    the process boundary is one bytes object per article, not a pydantic Record to rebuild."""
    return [record_line(result) for _, result in extractor.pipe(articles)]


def _extract_chunk(articles: list[Article]) -> list[bytes | ArticleError]:
    if isinstance(_worker_extractor, PipelineLoadError):
        raise _worker_extractor
    return chunk_lines(_worker_extractor, articles)


def parallel_pipe(
    articles: Iterable[Article], workers: int, settings: tuple
) -> Iterator[tuple[Article, bytes | ArticleError]]:
    """Each article with its record line (record_line) or error, extracted in `workers` processes,
    in input order; settings are the arguments of load_extractor (ner_model, batch_size,
    stanza_dir, limits, templates). Two chunks per worker in flight."""
    with multiprocessing.Pool(workers, initializer=_start_worker, initargs=settings) as pool:

        def submit(chunk):
            return pool.apply_async(_extract_chunk, (chunk,)).get

        yield from in_input_order(chunked(articles, settings[1]), submit, 2 * workers)


def in_input_order(chunks: Iterable[list], submit: Callable[[list], Callable[[], list]], limit: int) -> Iterator[tuple]:
    """(item, result) for every item of every chunk, in input order, with at most `limit` chunks in
    flight, so that a huge input is read as it is processed, not all at once.

    submit(chunk) starts a chunk's work and returns the function that waits for its results (a
    list, one result per item of the chunk; another count raises ValueError, nothing is dropped).
    """
    pending: deque = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= limit:
            chunk_done, results = pending.popleft()
            yield from zip(chunk_done, results(), strict=True)
    while pending:
        chunk_done, results = pending.popleft()
        yield from zip(chunk_done, results(), strict=True)
