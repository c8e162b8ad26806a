"""The `berita` command end to end: a batch with bad inputs, resume, exit codes, schema, help."""

import json
import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.io.writers import errors_path
from pipeline.record import RECORD_VERSION


@pytest.fixture
def mixed_inputs(tmp_path, shared_datadir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes((shared_datadir / "seed_radarsemarang.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "broken.html").write_text("<html><body><p", encoding="utf-8")
    (folder / "more.jsonl").write_text(
        json.dumps({"id": "bogor-1", "published": "2024-08-20",
                    "text": "JP Bogor – Pemkot Bogor membuka lowongan CPNS sebanyak 379 formasi, Rabu (21/8)."}) + "\n"
        "{broken json\n"
        + json.dumps({"id": "bogor-2", "text": "Hery mengatakan, penghargaan ini menjadi pemicu."}) + "\n",
        encoding="utf-8",
    )
    return folder


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_goes_on_past_bad_input(mixed_inputs, tmp_path, record_validator, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(mixed_inputs), "--out", str(out), "--quiet"]) == 1
    records = read_jsonl(out)
    assert {r["id"] for r in records} >= {"bogor-1", "bogor-2"}
    assert len(records) == 3
    for record in records:
        record_validator.validate(record)
    errors = read_jsonl(errors_path(out))
    assert len(errors) == 4
    messages = " | ".join(e["error"] for e in errors)
    assert "empty input" in messages and "binary" in messages and "invalid JSON" in messages
    assert "no article text found in the HTML" in messages
    stderr = capsys.readouterr().err
    assert stderr.count("berita: error:") == 4


def test_resume_neither_loses_nor_duplicates(mixed_inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    main(["extract", str(mixed_inputs), "--out", str(out), "--quiet"])
    complete = out.read_text(encoding="utf-8")
    # Simulate a run killed while writing its last record.
    lines = complete.splitlines(keepends=True)
    out.write_text("".join(lines[:-1]) + lines[-1][:25], encoding="utf-8")
    assert main(["extract", str(mixed_inputs), "--out", str(out), "--quiet", "--resume"]) == 1
    resumed = read_jsonl(out)
    assert sorted(r["id"] for r in resumed) == sorted(json.loads(line)["id"] for line in lines)


def test_existing_output_needs_a_choice(mixed_inputs, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(mixed_inputs), "--out", str(out)])
    assert exit_info.value.code == 2
    assert "--resume" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"id": "x"}\n'


def test_missing_input_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(tmp_path / "missing"), "--out", str(tmp_path / "o.jsonl")])
    assert exit_info.value.code == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_all_good_exits_zero(tmp_path, shared_datadir):
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(shared_datadir / "seed_radarsemarang.txt"), "--out", str(out), "-q"]) == 0
    assert not errors_path(out).exists()  # an errors file only when there are errors


def test_overwrite_removes_the_errors_of_an_earlier_run(mixed_inputs, tmp_path, shared_datadir):
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(mixed_inputs), "--out", str(out), "-q", "--no-ner"]) == 1
    assert errors_path(out).exists()
    assert main(["extract", str(shared_datadir / "seed_radarsemarang.txt"), "--out", str(out), "-q", "--no-ner",
                 "--overwrite"]) == 0
    assert not errors_path(out).exists()


@pytest.mark.parametrize("name, make, message", [
    ("missing", None, "no such file or folder"),
    ("empty-folder", lambda p: p.mkdir(), "no input files"),
    ("empty.jsonl", lambda p: p.write_bytes(b""), "the input files are empty"),
    ("notes.md", lambda p: p.write_text("# catatan", encoding="utf-8"), "unsupported file type .md"),
])
def test_bad_inputs_stop_before_the_pipeline_loads(tmp_path, name, make, message):
    path = tmp_path / name
    if make:
        make(path)
    out = tmp_path / "out" / "o.jsonl"
    # In a fresh interpreter, to see that spaCy (the pipeline) was not even imported.
    script = ("import sys\nfrom pipeline.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit as stop:\n"
              "    print(stop.code, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script, "extract", str(path), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False"]
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_extract_leaves_an_installed_torch_unimported(tmp_path, shared_datadir):
    pytest.importorskip("torch", reason="what is checked is that an installed torch is not imported")
    out = tmp_path / "out.jsonl"
    # A fresh interpreter: in this one, spaCy (and thinc's torch) are imported already.
    script = ("import sys\nfrom pipeline.cli import main\ncode = main(sys.argv[1:])\nimport thinc.compat\n"
              "print(code, 'torch' in sys.modules, thinc.compat.has_torch)\nimport torch\nprint(torch.ones(2).sum().item())")
    done = subprocess.run([sys.executable, "-c", script, "extract", str(shared_datadir / "seed_radarsemarang.txt"),
                           "--out", str(out), "--quiet"], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["0", "False", "False", "2.0"], done.stderr
    [record] = read_jsonl(out)
    assert record["quotes"] and record["pipeline"]["models"]["ner"] != "rules only"


def test_schema_command(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == f"urn:berita:record:{RECORD_VERSION}"
    assert set(schema["required"]) >= {"id", "text", "entities", "dates", "quotes", "facts", "warnings"}


def test_help_explains(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    help_text = capsys.readouterr().out
    assert "--resume" in help_text and "errors.jsonl" in help_text


def test_a_failing_component_costs_only_its_article():
    from spacy.language import Language

    from pipeline.extraction import ArticleError, Extractor
    from pipeline.io.readers import Article

    @Language.component("test_fails_on_keyword")
    def fails_on_keyword(doc):
        if "MELEDAK" in doc.text:
            raise RuntimeError("component failed")
        return doc

    extractor = Extractor(ner_model=None)
    extractor.nlp.add_pipe("test_fails_on_keyword", first=True)
    articles = [Article(text=f"Berita nomor {i} tentang Kota Semarang.", id=f"a{i}") for i in range(5)]
    articles[2].text = "Berita MELEDAK di sini."
    results = [(article.id, result) for article, result in extractor.pipe(articles)]
    assert [article_id for article_id, _ in results] == ["a0", "a1", "a2", "a3", "a4"]
    assert [isinstance(result, ArticleError) for _, result in results] == [False, False, True, False, False]
    assert str(results[2][1]) == "internal error in the pipeline: RuntimeError: component failed"


def test_workers_give_the_same_records_in_the_same_order(mixed_inputs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(mixed_inputs), "--out", str(one), "-q", "--no-ner", "--batch-size", "1"]) == 1
    assert main(["extract", str(mixed_inputs), "--out", str(two), "-q", "--no-ner", "--batch-size", "1",
                 "--workers", "2"]) == 1
    assert read_jsonl(two) == read_jsonl(one)
    assert read_jsonl(errors_path(two)) == read_jsonl(errors_path(one))


def test_the_progress_total_counts_every_article_and_read_error(mixed_inputs):
    from pipeline.io.readers import read_articles
    from pipeline.profile import learn_profile

    # seed, empty, binary, broken.html: a page each; more.jsonl: three non-blank lines.
    assert learn_profile(read_articles([mixed_inputs])).items == 7
    (mixed_inputs / "rows.csv").write_text("judul,isi_berita\nA,Teks satu.\n", encoding="utf-8")
    (mixed_inputs / "notes.md").write_text("not an input", encoding="utf-8")
    assert learn_profile(read_articles([mixed_inputs])).items == 8  # a CSV row counts; a skipped file does not


def test_in_input_order_pairs_items_with_results_in_order_and_bounds_the_chunks_in_flight():
    from pipeline.batch import in_input_order

    in_flight = []

    def submit(chunk):
        in_flight.append(chunk)
        assert len(in_flight) <= 2  # the limit: a third chunk waits for the oldest
        return lambda: [item.upper() for item in in_flight.pop(0)]

    pairs = list(in_input_order([["a", "b"], ["c"], ["d", "e"], ["f"]], submit, 2))
    assert pairs == [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E"), ("f", "F")]


def test_in_input_order_refuses_a_chunk_whose_results_do_not_match_it():
    from pipeline.batch import in_input_order

    with pytest.raises(ValueError):
        list(in_input_order([["a", "b"]], lambda chunk: lambda: ["A"], 2))
