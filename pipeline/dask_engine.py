"""Dask engine: the extraction of `batch.run_extract` on Dask distributed workers.

`dask_pipe` does what `batch.parallel_pipe` does, on a Dask cluster: a LocalCluster of `workers`
processes when no scheduler address is given, otherwise the cluster at that address (whose
workers need the same berita version installed, and any --ner-model or --stanza folder at the
same path). Each worker loads the pipeline once, through a WorkerPlugin (pipeline/dask_worker.py);
chunks of articles are sent in input order with at most two per worker in flight, and their
results come back in that order, so that run_extract's writers, errors and resume work as with
--workers.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dask.config
from distributed import Client, LocalCluster

from pipeline.batch import PipelineLoadError, in_input_order
from pipeline.dask_worker import PLUGIN_NAME, SHIPPED_MODEL, ExtractorPlugin, extract_chunk
from pipeline.extraction import ArticleError, chunked
from pipeline.io.readers import Article
from pipeline.nlp import DEFAULT_NER_MODEL

CONNECT_TIMEOUT = "10s"


def local_cluster_config() -> dict:
    """Dask settings for berita's own LocalCluster, which runs without a dashboard on the machine
    it extracts on, so that Dask's own work takes less of the cores the workers need:
    - workers forked from a fork server that has imported spaCy and the pipeline once
      (start_fork_server), instead of spawned processes that each import them again;
    - glibc's default memory trimming, not Dask's MALLOC_TRIM_THRESHOLD_=65536, which made
      spaCy's many small allocations page-fault three times as often (system time of a bench run
      9 -> 4 s); berita's memory stays flat without it;
    - no statistical profiler in the workers (a stack sample every 10 ms) and no disk counters
      in the system monitors: both only feed a dashboard;
    - every chunk in flight sent to a worker at once, so that a worker has its next chunk ready
      when it finishes one instead of waiting for the scheduler (dask_pipe bounds the chunks in
      flight itself).
    """
    environ = dask.config.get("distributed.nanny.pre-spawn-environ")
    return {
        "distributed.worker.multiprocessing-method": "forkserver",
        "distributed.nanny.pre-spawn-environ": {name: value for name, value in environ.items()
                                                if name != "MALLOC_TRIM_THRESHOLD_"},
        "distributed.worker.profile.enabled": False,
        "distributed.admin.system-monitor.disk": False,
        "distributed.scheduler.worker-saturation": float("inf"),
    }


def start_fork_server() -> None:
    """Start the fork server of berita's own LocalCluster now, so that it imports distributed, spaCy
    and the pipeline (pipeline/dask_worker_imports.py) while the client reads its input; each worker
    is then forked from it with all that imported. The server is a process of its own with no
    thread of Dask's running, so forking it is safe (forking the client, which runs Dask's
    threads, once left a worker stuck on a lock)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipeline.dask_worker_imports"])
    multiprocessing.forkserver.ensure_running()


def worker_path(path: str | Path | None) -> str | None:
    """A client-side path as the workers should see it (absolute), or None."""
    return None if path is None else str(Path(path).resolve())


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A Client of the cluster at `scheduler`, or of a new LocalCluster of `workers` single-threaded
    processes (closed on exit). Raises PipelineLoadError when the scheduler cannot be reached."""
    if scheduler is None:
        # No dashboard; the scheduler's HTTP server (health and metrics) on a free port, so that two
        # runs at once do not warn that port 8787 is taken.
        with dask.config.set(local_cluster_config()), LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=logging.ERROR
        ) as cluster, Client(cluster) as client:
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
) -> Iterator[tuple[Article, bytes | ArticleError]]:
    """Each article with its record line (batch.record_line) or error, extracted on a Dask cluster,
    in input order, as batch.parallel_pipe gives them.

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
