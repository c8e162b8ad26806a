"""A wheel of berita carries its code, data files and NER model: installed in a fresh virtual
environment, it extracts the seed exactly as the source tree does.

The fresh environment gets only the wheel; the dependencies (spaCy and the rest, hundreds of MB)
are borrowed from the running environment through a .pth path line, so that the test needs no
network and takes seconds. That path line does not run the editable install's import hook, so
`pipeline` can only come from the wheel.
"""

import json
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO

SEED = REPO / "corpus" / "radarsemarang-3178-industri.txt"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    # No build isolation: the build backend (setuptools, wheel) comes from this environment, offline.
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(folder), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here (setuptools and wheel needed, offline): {built.stderr[-500:]}")
    [path] = folder.glob("berita-*.whl")
    return path


@pytest.fixture(scope="module")
def fresh_env(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    purelib = Path(subprocess.check_output([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                           text=True).strip())
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    (purelib / "borrowed_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return env


def test_the_wheel_holds_every_module_and_the_model(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {path.relative_to(REPO).as_posix() for path in (REPO / "pipeline").rglob("*.py")}
    assert modules - names == set()
    assert "pipeline/models/ner-id/ner/model" in names and "pipeline/models/ner-id/config.cfg" in names
    assert "pipeline/data/quote_cues.txt" in names


def test_the_installed_wheel_extracts_what_the_source_tree_does(fresh_env, tmp_path):
    python = fresh_env / "bin" / "python"
    where = subprocess.check_output([python, "-c", "import pipeline.nlp as n; print(n.__file__, n.DEFAULT_NER_MODEL)"],
                                    text=True, cwd=tmp_path).split()
    assert all(Path(p).is_relative_to(fresh_env) for p in where)
    installed, source = tmp_path / "installed.jsonl", tmp_path / "source.jsonl"
    for command, out in ((fresh_env / "bin" / "berita", installed), (Path(sys.executable).parent / "berita", source)):
        subprocess.run([command, "extract", str(SEED), "--out", str(out), "--quiet"], check=True, cwd=tmp_path,
                       timeout=300)
    assert installed.read_bytes() == source.read_bytes()
    [record] = [json.loads(line) for line in installed.read_text(encoding="utf-8").splitlines()]
    assert record["pipeline"]["models"]["ner"] != "rules only" and record["entities"] and record["quotes"]
