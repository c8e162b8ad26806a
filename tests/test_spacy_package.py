"""`berita package` writes an installable spaCy pipeline package: installed (into a folder of its
own, without dependencies: berita and spaCy come from this environment, as its requirement says),
`spacy.load("id_berita")` opens it in a new process and annotates the seed as berita's pipeline
does."""

import json
import os
import subprocess
import sys

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from conftest import REPO, annotations, through_docbin
from pipeline.cli import main
from pipeline.spacy_package import build_package

SEED = REPO / "corpus" / "radarsemarang-3178-industri.txt"
# Loads the installed package by name, annotates stdin and saves the Doc as a DocBin.
LOAD_AND_RUN = """
import sys, spacy
from spacy.tokens import DocBin
import id_berita
nlp = spacy.load("id_berita")
print(id_berita.__file__)
DocBin(docs=[nlp(sys.stdin.read())], store_user_data=True).to_disk(sys.argv[1])
"""


@pytest.fixture(scope="module")
def package(extractor, tmp_path_factory):
    return build_package(extractor.nlp, tmp_path_factory.mktemp("package"))


@pytest.fixture(scope="module")
def installed(package, tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    # No build isolation: setuptools comes from this environment, offline.
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "-q",
                    "--target", str(target), str(package)], check=True, capture_output=True, timeout=300)
    return target


def test_the_package_holds_the_pipeline_and_requires_berita(package, extractor):
    assert package.name == "id_berita-0.1.0"
    meta = json.loads((package / "meta.json").read_text(encoding="utf-8"))
    assert meta["pipeline"] == extractor.nlp.pipe_names == [
        "berita_word_split", "berita_sentences", "tok2vec", "ner", "berita_entities", "berita_dates", "berita_quotes", "berita_facts"]
    assert [r for r in meta["requirements"] if r.startswith("berita")] == ["berita>=0.1.0,<0.2.0"]
    assert (package / "id_berita" / "id_berita-0.1.0" / "ner" / "model").is_file()


def test_spacy_load_opens_the_installed_package(installed, extractor, tmp_path):
    text = SEED.read_text(encoding="utf-8")
    saved = tmp_path / "doc.spacy"
    # A new process, outside the repository, with the installed package on its path.
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    run = subprocess.run([sys.executable, "-c", LOAD_AND_RUN, str(saved)], input=text, capture_output=True,
                         text=True, cwd=tmp_path, env=environment, timeout=300, check=True)
    assert run.stdout.strip().startswith(str(installed))
    [loaded] = DocBin(store_user_data=True).from_disk(saved).get_docs(Vocab())
    expected = through_docbin(extractor.nlp(text))
    assert [t.text for t in loaded] == [t.text for t in expected]
    assert annotations(loaded) == annotations(expected)
    assert loaded._.entities and loaded._.quotes and loaded._.facts


def test_the_command_refuses_a_package_folder_that_exists(package, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["package", str(package.parent)])
    assert refused.value.code == 2 and "use --overwrite to replace it" in capsys.readouterr().err


def test_the_command_refuses_a_name_that_is_no_module_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as refused:
        main(["package", str(tmp_path), "--name", "berita-news"])
    assert refused.value.code == 2 and "must be a Python identifier" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
