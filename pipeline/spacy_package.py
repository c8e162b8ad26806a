"""`berita package`: berita's spaCy pipeline as an installable spaCy pipeline package.

The package (spaCy's own layout, written by `spacy package`) holds the pipeline's config, the
trained NER weights and the vocabulary. The components' code and word lists stay in berita, which
the package names as its requirement (spaCy finds it from the components' `spacy_factories` entry
points), so that after `pip install` `spacy.load("id_berita")` builds the pipeline
`pipeline.extraction.build_pipeline()` builds.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__

if TYPE_CHECKING:  # spaCy loads only when a package is built: `berita --help` stays quick
    from spacy.language import Language

DEFAULT_NAME = "berita"
LANG = "id"  # spaCy prefixes a package name with its pipeline's language
BUILDS = ("sdist", "wheel")
PACKAGE_META = {
    "description": "berita: Indonesian news information extraction (entities, dates, quotes, facts) as a spaCy pipeline",
    "license": "MIT",
}


class PackageError(Exception):
    """A package that cannot be written (a bad name, an existing folder, a failed build)."""


def package_folder(output_dir: Path, name: str = DEFAULT_NAME, version: str = __version__) -> Path:
    """Where build_package writes a package: OUTPUT_DIR/id_NAME-VERSION."""
    return Path(output_dir) / f"{LANG}_{name}-{version}"


def check_package(output_dir: Path, name: str = DEFAULT_NAME, version: str = __version__, build: str | None = None,
                  overwrite: bool = False) -> None:
    """Raise PackageError for a package build_package cannot write (see there for the arguments),
    so that a caller can say so before it loads the pipeline."""
    if not name.isidentifier():
        raise PackageError(f"the package name {name!r} must be a Python identifier (letters, digits, _)")
    if build not in (None, *BUILDS):
        raise PackageError(f"unknown build {build!r}: one of {', '.join(BUILDS)}")
    if build == "wheel" and not any(importlib.util.find_spec(name) for name in ("build", "wheel")):
        raise PackageError("building a wheel needs the `build` package (pip install build); or install the "
                           "package folder itself with pip")
    if Path(output_dir).exists() and not Path(output_dir).is_dir():
        raise PackageError(f"{output_dir} is not a folder")
    folder = package_folder(output_dir, name, version)
    if folder.exists() and not overwrite:
        raise PackageError(f"{folder} exists; use --overwrite to replace it")


def build_package(nlp: Language, output_dir: Path, *, name: str = DEFAULT_NAME, version: str = __version__,
                  build: str | None = None, overwrite: bool = False) -> Path:
    """Write `nlp` (berita's Indonesian Language, e.g. from build_pipeline) as a spaCy pipeline package.

    output_dir: folder the package folder goes into (created when missing).
    name, version: the package is LANG_NAME (id_berita), of this version (default berita's).
    build: None to write the package source only (`pip install FOLDER` installs it), "sdist" or
        "wheel" to build that too, into FOLDER/dist (spaCy runs `python -m build`, or setup.py
        without the `build` package).
    overwrite: replace an existing package folder.
    Returns the package folder; raises PackageError when it cannot be written.
    """
    check_package(output_dir, name, version, build, overwrite)
    from spacy.cli.package import package  # spacy.cli loads typer and friends: only when packaging

    Path(output_dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="berita-package-") as pipeline_dir:
        nlp.to_disk(pipeline_dir)
        meta_path = Path(pipeline_dir) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta_path.write_text(json.dumps({**meta, **PACKAGE_META}, ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            package(Path(pipeline_dir), Path(output_dir), name=name, version=version,
                    create_sdist=build == "sdist", create_wheel=build == "wheel", force=overwrite, silent=True)
        except SystemExit as stop:  # spaCy's package reports its failures by exiting
            reason = " ".join(stop.code.split()) if isinstance(stop.code, str) else f"exit status {stop.code}"
            raise PackageError(f"spacy package failed: {reason}") from None
    return package_folder(output_dir, name, version)
