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


# Runs berita with every module that berita's own dependencies (pyproject.toml without extras, and
# theirs) do not bring made absent, as in an environment where `pip install .` alone was run.
WITHOUT_EXTRAS = """
import importlib.abc, sys

absent = set(sys.argv[1].split(","))

class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in absent:
            raise ModuleNotFoundError(f"No module named {name!r} (not installed by `pip install .`)", name=name)
        return None

sys.meta_path.insert(0, Absent())
from pipeline.cli import main
sys.exit(main(sys.argv[2:]))
"""


def base_distributions() -> set[str]:
    """The distributions `pip install .` installs: the requirements of pyproject.toml without
    extras and, as the installed metadata declares them, their requirements, with their extras."""
    import tomllib
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    wanted = [Requirement(line) for line in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]]
    found: set[str] = set()
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue  # not installed here: nothing it could bring
        found.add(name)
        extras = [{"extra": extra} for extra in requirement.extras] or [{"extra": ""}]
        for line in map(Requirement, requires):
            if canonicalize_name(line.name) not in found and (line.marker is None or any(map(line.marker.evaluate, extras))):
                wanted.append(line)
    return found


def test_berita_runs_on_its_declared_dependencies_alone(tmp_path):
    """Nothing berita runs needs a module that only an extra (the tests', Dask's, stanza's) brings:
    spaCy 3.8.7 imports click, which newer typer no longer requires, so berita declares it."""
    from importlib.metadata import packages_distributions

    from packaging.utils import canonicalize_name

    base = base_distributions() | {"berita"}
    absent = sorted(module for module, names in packages_distributions().items()
                    if not {canonicalize_name(name) for name in names} & base)
    assert "pytest" in absent and "spacy" not in absent

    def berita_without_extras(*arguments):
        run = subprocess.run([sys.executable, "-c", WITHOUT_EXTRAS, ",".join(absent), *arguments],
                             capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]

    out, source = tmp_path / "records.jsonl", tmp_path / "source.jsonl"
    berita_without_extras("extract", str(SEED), "--out", str(out), "--quiet")
    subprocess.run([Path(sys.executable).parent / "berita", "extract", str(SEED), "--out", str(source), "--quiet"],
                   check=True, cwd=tmp_path, timeout=300)
    assert out.read_bytes() == source.read_bytes()
    berita_without_extras("tables", str(out), "--format", "duckdb", "--out", str(tmp_path / "tables"))
