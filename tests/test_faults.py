"""Faults around a batch (issue 13): the user's files stay safe, odd paths and runaway articles
become per-article errors, a full disk stops the run cleanly, and a resumed run writes nothing
twice."""

import errno
import json
import os
import time

import pytest

from pipeline.cli import main
from pipeline.io.writers import errors_path

ARTICLES = [
    {"id": f"a{n}", "text": f"Warga Desa Sukamaju ke-{n} hadir di balai desa pada Senin (21/8) bersama 3 orang."}
    for n in range(6)
]


def write_jsonl(path, objects):
    path.write_text("".join(json.dumps(o) + "\n" for o in objects), encoding="utf-8")


def read_ids(path):
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "news.jsonl", ARTICLES)
    return folder


def extract(*args):
    """The exit status of `berita extract ARGS --quiet --no-ner` (usage errors exit through argparse)."""
    try:
        return main(["extract", *map(str, args), "--quiet", "--no-ner"])
    except SystemExit as exit_info:
        return exit_info.code


def test_output_that_is_an_input_is_refused(inputs, capsys):
    source = inputs / "news.jsonl"
    before = source.read_bytes()
    # This emptied the input and exited 0.
    assert extract(source, "--out", source, "--overwrite") == 2
    assert source.read_bytes() == before
    assert "is an input" in capsys.readouterr().err


def test_output_inside_an_input_folder_is_refused(inputs, capsys):
    # The errors file inside the folder was read back as input and grew forever.
    assert extract(inputs, "--out", inputs / "out.jsonl") == 2
    assert "inside the input folder" in capsys.readouterr().err
    assert sorted(p.name for p in inputs.iterdir()) == ["news.jsonl"]


def test_errors_files_in_an_input_folder_are_not_articles(inputs, tmp_path):
    (inputs / "old.jsonl.errors.jsonl").write_text('{"id": null, "error": "x"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert extract(inputs, "--out", out) == 0
    assert read_ids(out) == [a["id"] for a in ARTICLES]


def test_odd_paths_in_a_folder_are_per_article_errors(inputs, tmp_path):
    os.mkfifo(inputs / "pipe.txt")  # read, it would block the run forever
    (inputs / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (inputs / "box.jsonl").mkdir()
    out = tmp_path / "out.jsonl"
    assert extract(inputs, "--out", out) == 1
    assert len(read_ids(out)) == len(ARTICLES)
    errors = {os.path.basename(e["source"]): e["error"] for e in map(json.loads, errors_path(out).read_text().splitlines())}
    assert errors == {
        "pipe.txt": "not a regular file (a FIFO, socket or device)",
        "gone.txt": "dangling symbolic link",
        "box.jsonl": "a folder named like an input file",
    }


def test_fifo_given_as_input_is_an_error_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.jsonl")
    assert extract(tmp_path / "pipe.jsonl", "--out", tmp_path / "out.jsonl") == 1


def test_navigation_only_html_is_an_error(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav>Home | News</nav><p>Home | News</p></body></html>")
    out = tmp_path / "out.jsonl"
    assert extract(tmp_path / "menu.html", "--out", out) == 1
    assert out.read_text() == ""
    assert "only navigation links" in errors_path(out).read_text()


def test_resume_writes_no_error_line_twice(inputs, tmp_path):
    with open(inputs / "news.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{broken json\n")
    out = tmp_path / "out.jsonl"
    assert extract(inputs, "--out", out) == 1
    assert extract(inputs, "--out", out, "--resume") == 1
    assert len(errors_path(out).read_text().splitlines()) == 1
    assert read_ids(out) == [a["id"] for a in ARTICLES]


def test_output_folder_is_one_clear_error(inputs, tmp_path, capsys):
    (tmp_path / "out").mkdir()
    assert extract(inputs, "--out", tmp_path / "out", "--overwrite") == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"berita: error: cannot write {tmp_path / 'out'}: Is a directory"


def test_disk_full_stops_cleanly_and_resumes(inputs, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out.jsonl"
    real_write = os.write
    budget = {"bytes": 1500}  # room for about one and a half records (of about 900 bytes)

    def full_disk(fd, data):
        if fd > 2 and os.readlink(f"/proc/self/fd/{fd}") == str(out):
            room = budget["bytes"]
            if len(data) > room:
                real_write(fd, bytes(data[:room]))  # the part of a line that still fits
                budget["bytes"] = 0
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            budget["bytes"] -= len(data)
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    assert extract(inputs, "--out", out) == 2
    assert capsys.readouterr().err.strip().endswith(f"cannot write {out}: No space left on device")
    written = out.read_text(encoding="utf-8")
    assert written.endswith("\n") and len(read_ids(out)) == 1  # no torn line left
    monkeypatch.setattr(os, "write", real_write)
    assert extract(inputs, "--out", out, "--resume") == 0
    assert read_ids(out) == [a["id"] for a in ARTICLES]


def test_a_runaway_article_becomes_an_error_and_the_batch_goes_on():
    from spacy.language import Language

    from pipeline.extraction import ArticleError, Extractor
    from pipeline.io.readers import Article
    from pipeline.limits import Limits

    @Language.component("test_runs_away_on_keyword")
    def runs_away(doc):
        while "BERPUTAR" in doc.text:  # a pure-Python endless loop: what the time budget must stop
            time.sleep(0.01)
        return doc

    extractor = Extractor(ner_model=None, limits=Limits(timeout=1.0))
    extractor.nlp.add_pipe("test_runs_away_on_keyword", first=True)
    articles = [Article(text=a["text"], id=a["id"]) for a in ARTICLES[:3]]
    articles[1].text = "Berita BERPUTAR di sini."
    results = [result for _, result in extractor.pipe(articles)]
    assert [isinstance(r, ArticleError) for r in results] == [False, True, False]
    assert str(results[1]).startswith("stopped after 1 s (--timeout-per-article)")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_time_budget_holds_with_workers(tmp_path, workers):
    # Articles long enough (a tenth of a second) to outlast a budget of a microsecond; when the
    # timer thread gets its turn depends on the interpreter, so some may still finish.
    write_jsonl(tmp_path / "long.jsonl", [dict(a, text=" ".join([a["text"]] * 300)) for a in ARTICLES])
    out = tmp_path / "out.jsonl"
    assert extract(tmp_path / "long.jsonl", "--out", out, "--timeout-per-article", "0.000001", "--workers", workers) == 1
    errors = [json.loads(line) for line in errors_path(out).read_text().splitlines()]
    assert errors and all("--timeout-per-article" in e["error"] for e in errors)
    assert sorted(read_ids(out) + [e["id"] for e in errors]) == [a["id"] for a in ARTICLES]


def test_output_is_byte_identical_across_runs_and_worker_counts(tmp_path, shared_datadir):
    source = tmp_path / "in"
    source.mkdir()
    write_jsonl(source / "news.jsonl", ARTICLES + [{"id": "broken", "text": ""}])
    (source / "seed.txt").write_bytes((shared_datadir / "seed_radarsemarang.txt").read_bytes())
    outputs = []
    for run, workers in enumerate(["1", "1", "2"]):
        out = tmp_path / f"out{run}.jsonl"
        assert main(["extract", str(source), "--out", str(out), "--quiet", "--workers", workers, "--batch-size", "2"]) == 1
        outputs.append((out.read_bytes(), errors_path(out).read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]
