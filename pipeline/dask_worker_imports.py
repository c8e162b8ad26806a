"""Imported once by the fork server of berita's own LocalCluster (pipeline/dask_engine.py), so that
every worker forked from it starts with distributed, spaCy and berita's pipeline imported instead
of importing them itself: spaCy with torch hidden, as `berita extract` imports it
(pipeline/spacy_import.py)."""

from pipeline.spacy_import import import_spacy

import_spacy(torch=False)

import distributed  # noqa: E402,F401

import pipeline.batch  # noqa: E402,F401  (the pipeline and its components)
import pipeline.dask_worker  # noqa: E402,F401
