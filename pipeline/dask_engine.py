"""Dask engine: the extraction of `batch.run_extract` on Dask distributed workers.

`dask_pipe` does what `batch.parallel_pipe` does, on a Dask cluster: a LocalCluster of `workers`
processes when no scheduler address is given, otherwise the cluster at that address (whose
workers need the same berita version installed, and any --ner-model or --stanza folder at the
same path). Each worker loads the pipeline once, through a WorkerPlugin; chunks of articles are
sent in input order with at most two per worker in flight, and their results come back in that
order, so that run_extract's writers, errors and resume work as with --workers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from pipeline import __version__
from pipeline.batch import PipelineLoadError, in_input_order, load_extractor
from pipeline.extraction import ArticleError, chunked
from pipeline.io.readers import Article
from pipeline.nlp import DEFAULT_NER_MODEL
from pipeline.record import Record

PLUGIN_NAME = "berita-extractor"
# Stands for the default NER model: each worker takes the one shipped with its own berita install,
# wherever that is on its machine.
SHIPPED_MODEL = "shipped"
CONNECT_TIMEOUT = "10s"


class ExtractorPlugin(WorkerPlugin):
    """Loads berita's pipeline on a worker once, when the plugin is registered or the worker joins.

    settings: the arguments of batch.load_extractor (ner_model, batch_size, stanza_dir, limits, templates),
    with SHIPPED_MODEL for the default model; client_version: the berita version of the client,
    which the worker's must equal (another version could give other records).
    """

    def __init__(self, settings: tuple, client_version: str = __version__):
        self.settings = settings
        self.client_version = client_version

    def setup(self, worker) -> None:
        if self.client_version != __version__:
            raise PipelineLoadError(f"worker {worker.address} has berita {__version__}, not {self.client_version}")
        ner_model, *rest = self.settings
        self.extractor = load_extractor(DEFAULT_NER_MODEL if ner_model == SHIPPED_MODEL else ner_model, *rest)
        # A worker with several threads has one pipeline: its chunks take turns.
        self.lock = threading.Lock()

    def extract(self, articles: list[Article]) -> list[tuple[Article, Record | ArticleError]]:
        with self.lock:
            return list(self.extractor.pipe(articles))


def extract_chunk(articles: list[Article]) -> list[tuple[Article, Record | ArticleError]]:
    """The task run on a worker: one chunk through the worker's pipeline."""
    return get_worker().plugins[PLUGIN_NAME].extract(articles)


def worker_path(path: str | Path | None) -> str | None:
    """A client-side path as the workers should see it (absolute), or None."""
    return None if path is None else str(Path(path).resolve())


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A Client of the cluster at `scheduler`, or of a new LocalCluster of `workers` single-threaded
    processes (closed on exit). Raises PipelineLoadError when the scheduler cannot be reached."""
    if scheduler is None:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as error:
        raise PipelineLoadError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        yield client


def dask_pipe(
    articles: Iterable[Article], settings: tuple, *, scheduler: str | None, workers: int
) -> Iterator[tuple[Article, Record | ArticleError]]:
    """Extractor.pipe on a Dask cluster, in input order.

    settings: the arguments of batch.load_extractor (ner_model, batch_size, stanza_dir, limits, templates);
    scheduler: address of an existing scheduler ("tcp://host:8786"), or None for a LocalCluster of
    `workers` processes. Raises PipelineLoadError when the cluster cannot be reached or a worker
    cannot load the pipeline.
    """
    ner_model, batch_size, stanza_dir, *rest = settings
    model = SHIPPED_MODEL if ner_model == DEFAULT_NER_MODEL else worker_path(ner_model)
    with connect(scheduler, workers) as client:
        client.register_plugin(ExtractorPlugin((model, batch_size, worker_path(stanza_dir), *rest)), name=PLUGIN_NAME)
        try:

            def submit(chunk):
                return client.submit(extract_chunk, chunk, pure=False).result

            in_flight = 2 * max(1, len(client.nthreads()))
            yield from in_input_order(chunked(articles, batch_size), submit, in_flight)
        finally:
            # An existing cluster should not keep the pipelines in its workers' memory.
            client.unregister_worker_plugin(PLUGIN_NAME)
