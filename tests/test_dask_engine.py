"""--engine dask on a real Dask LocalCluster with two worker processes: the same records and
errors as a local run, byte for byte, in the same order; resume; a pipeline that cannot load."""

import logging
import os
import shutil
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed", reason="needs the dask extra (pip install -e '.[dask]')")

from pipeline.cli import main  # noqa: E402
from pipeline.io.writers import errors_path  # noqa: E402
from pipeline.nlp import DEFAULT_NER_MODEL  # noqa: E402


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster of two single-threaded worker processes, shared by the tests."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def inputs(tmp_path, shared_datadir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(shared_datadir / "seed_radarsemarang.txt", folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "more.jsonl").write_text(
        '{"id": "bogor-1", "published": "2024-08-20", "text": "JP Bogor – Pemkot Bogor membuka lowongan CPNS '
        'sebanyak 379 formasi, Rabu (21/8). \\"Kami membuka pendaftaran,\\" kata Wali Kota Bogor Bima Arya."}\n'
        "{broken json\n"
        '{"id": "bogor-2", "text": "Hery mengatakan, penghargaan ini menjadi pemicu bagi 1.200 pegawai."}\n'
        '{"id": "bogor-3", "text": "Kepala Dinas Kesehatan Kota Semarang, Abdul Hakam, menyebut 25 persen warga."}\n',
        encoding="utf-8",
    )
    return folder


def extract(inputs, out, *options):
    # Batches of one article, so that the four articles are spread over both workers.
    return main(["extract", str(inputs), "--out", str(out), "--quiet", "--batch-size", "1", *options])


def test_dask_gives_the_local_records_and_errors_byte_for_byte(inputs, tmp_path, scheduler):
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert extract(inputs, local) == 1
    assert extract(inputs, dask, "--engine", "dask", "--scheduler", scheduler) == 1
    assert dask.read_bytes() == local.read_bytes()
    assert errors_path(dask).read_bytes() == errors_path(local).read_bytes()
    assert len(local.read_bytes().splitlines()) == 4
    # Interrupted while writing the third record: resume on the cluster writes what is missing.
    lines = local.read_bytes().splitlines(keepends=True)
    dask.write_bytes(b"".join(lines[:2]) + lines[2][:30])
    assert extract(inputs, dask, "--engine", "dask", "--scheduler", scheduler, "--resume") == 1
    assert dask.read_bytes() == local.read_bytes()


def test_dask_starts_its_own_local_cluster(inputs, tmp_path):
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert extract(inputs, local, "--no-ner") == 1
    assert extract(inputs, dask, "--no-ner", "--engine", "dask", "--workers", "2") == 1
    assert dask.read_bytes() == local.read_bytes()


def test_a_pipeline_the_workers_cannot_load_stops_the_run(inputs, tmp_path, scheduler, capsys):
    broken = tmp_path / "broken-model"
    shutil.copytree(DEFAULT_NER_MODEL, broken)
    (broken / "ner" / "model").write_bytes(b"not a model")
    with pytest.raises(SystemExit) as stopped:
        extract(inputs, tmp_path / "out.jsonl", "--ner-model", str(broken), "--engine", "dask", "--scheduler", scheduler)
    assert stopped.value.code == 2
    assert "cannot load the pipeline" in capsys.readouterr().err


def test_dask_options_are_checked(inputs, tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        extract(inputs, tmp_path / "out.jsonl", "--scheduler", "tcp://127.0.0.1:1")
    assert stopped.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


WORKER_STATE = """
import dask.config, os, sys
from pipeline.dask_engine import connect, start_fork_server
from pipeline.dask_worker import PLUGIN_NAME, ExtractorPlugin
from pipeline.limits import Limits

def worker_state():
    return ("spacy" in sys.modules, "torch" in sys.modules, os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            dask.config.get("distributed.worker.profile.enabled"))

start_fork_server()
with connect(None, 1) as client:
    client.register_plugin(ExtractorPlugin((None, 4, None, Limits(), None)), name=PLUGIN_NAME)
    print(list(client.run(worker_state).values()))
"""


def test_own_cluster_workers_load_spacy_without_torch_profiler_or_dask_trimming():
    pytest.importorskip("torch", reason="what is checked is that an installed torch is not imported")
    # A fresh interpreter: a LocalCluster started in this one (the scheduler fixture) has put
    # Dask's trim threshold into this process's environment, and its fork server is shared.
    environ = {name: value for name, value in os.environ.items() if name != "MALLOC_TRIM_THRESHOLD_"}
    done = subprocess.run([sys.executable, "-c", WORKER_STATE], capture_output=True, text=True, env=environ, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(True, False, None, False)]"
