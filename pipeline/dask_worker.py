"""What a Dask worker of `--engine dask` runs: berita's pipeline, loaded once per worker by a
WorkerPlugin, and the task that sends one chunk of articles through it.

This module imports neither spaCy nor the rest of the pipeline at the top: a worker imports it
when it unpickles the plugin, and the plugin then imports spaCy as `berita extract` does, with
torch hidden unless stanza runs (pipeline/spacy_import.py), which spares a spawned worker about
1 s of start-up. (The workers of berita's own LocalCluster are forked from a fork server that
has imported all that already: pipeline/dask_worker_imports.py.)
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from distributed import WorkerPlugin, get_worker

from pipeline import __version__
from pipeline.spacy_import import import_spacy

if TYPE_CHECKING:
    from pipeline.extraction import ArticleError
    from pipeline.io.readers import Article

PLUGIN_NAME = "berita-extractor"
# Stands for the default NER model: each worker takes the one shipped with its own berita install,
# wherever that is on its machine.
SHIPPED_MODEL = "shipped"


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
        ner_model, batch_size, stanza_dir, *rest = self.settings
        import_spacy(torch=stanza_dir is not None)
        from pipeline.batch import PipelineLoadError, load_extractor
        from pipeline.nlp import DEFAULT_NER_MODEL

        if self.client_version != __version__:
            raise PipelineLoadError(f"worker {worker.address} has berita {__version__}, not {self.client_version}")
        model = DEFAULT_NER_MODEL if ner_model == SHIPPED_MODEL else ner_model
        self.extractor = load_extractor(model, batch_size, stanza_dir, *rest)
        # A worker with several threads has one pipeline: its chunks take turns.
        self.lock = threading.Lock()

    def extract(self, articles: list[Article]) -> list[bytes | ArticleError]:
        from pipeline.batch import chunk_lines  # imported by setup already

        with self.lock:
            return chunk_lines(self.extractor, articles)


def extract_chunk(articles: list[Article]) -> list[bytes | ArticleError]:
    """The task run on a worker: one chunk through the worker's pipeline, each article's record
    line or error (batch.chunk_lines)."""
    return get_worker().plugins[PLUGIN_NAME].extract(articles)
