"""Normalised tables (Parquet, CSV, DuckDB, pandas) from real extracted records, and the README's
three questions run as written on them."""

import json
import re
import shutil
import tracemalloc
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.cli import main
from pipeline.extraction import ArticleError
from pipeline.io import tables
from pipeline.io.readers import read_articles
from pipeline.io.tables import TABLES, records_to_tables, to_frames, write_tables

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "data" / "tables_articles.jsonl"
SEED = REPO / "corpus" / "radarsemarang-3178-industri.jsonl"


@pytest.fixture(scope="module")
def extracted(extractor):
    """(article, Record) for two test articles and the seed."""
    pairs = list(extractor.pipe(a for a in read_articles([ARTICLES, SEED])))
    assert not [r for _, r in pairs if isinstance(r, ArticleError)]
    return pairs


@pytest.fixture(scope="module")
def records(extracted):
    return [record.model_dump(mode="json") for _, record in extracted]


@pytest.fixture(scope="module")
def table_dirs(records, tmp_path_factory):
    """The tables of the records in each format: {format: folder}."""
    dirs = {}
    for table_format in tables.FORMATS:
        dirs[table_format] = tmp_path_factory.mktemp(table_format)
        write_tables(records, [], table_format, dirs[table_format])
    return dirs


def readme_blocks(language):
    """The code blocks of README's "Three questions" section in one language, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Three questions, in SQL and pandas", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def plain(value):
    """A cell as a comparable Python value: dates as ISO strings, numpy numbers as Python ones."""
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def answers_from_records(records):
    """The three answers computed from the nested records directly."""
    by_date = sorted(records, key=lambda r: (r["published"], r["id"]))
    quotes = [(r["published"], r["title"], q["type"], q["text"])
              for r in by_date for q in sorted(r["quotes"], key=lambda q: q["start"]) if q["speaker"] == "Budi Santoso"]
    pairs = Counter()
    for r in records:
        names = sorted({e["name"] for e in r["entities"] if e["type"] == "AGENCY"})
        pairs.update((a, b) for i, a in enumerate(names) for b in names[i + 1:])
    agency_pairs = sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda p: (-p[2], p[0], p[1]))
    amounts = sorted(((r["published"], r["title"], f["text"], f["value"], f["subject"], r["id"], i)
                      for r in records for i, f in enumerate(r["facts"]) if f["unit"] == "IDR" and f["value"] > 1e9),
                     key=lambda f: (-f[3], f[5], f[6]))
    return [quotes, agency_pairs, [a[:5] for a in amounts]]


def test_the_answers_are_the_ones_written_in_the_articles(records):
    quotes, agency_pairs, amounts = answers_from_records(records)
    assert [(q[0], q[2]) for q in quotes] == [("2024-03-05", "direct"), ("2024-03-05", "indirect"), ("2024-06-10", "direct")]
    assert quotes[2][3].startswith("Hasilnya akan kami pakai")
    assert agency_pairs[0] == ("Badan Perencanaan Pembangunan Daerah Kota Semarang", "Badan Pusat Statistik Kota Semarang", 2)
    assert [a[3] for a in amounts] == [12_000_000_000, 2_500_000_000]  # Rp 750 juta is below the threshold


@pytest.mark.parametrize("table_format", tables.FORMATS)
def test_readme_sql_answers_the_three_questions(records, table_dirs, table_format):
    folder = table_dirs[table_format]
    if table_format == "duckdb":
        connection = duckdb.connect(str(folder / tables.DUCKDB_FILE), read_only=True)
    else:
        connection = duckdb.connect()
        reader = "read_parquet" if table_format == "parquet" else "read_csv"
        for table in TABLES:
            connection.execute(f"CREATE VIEW {table.name} AS SELECT * FROM {reader}('{folder / table.name}.{table_format}')")
    queries = readme_blocks("sql")
    assert len(queries) == 3
    results = [[tuple(plain(v) for v in row) for row in connection.execute(sql).fetchall()] for sql in queries]
    assert results == answers_from_records(records)


def frames_from_files(folder, table_format):
    if table_format == "parquet":
        return {t.name: pd.read_parquet(folder / f"{t.name}.parquet") for t in TABLES}
    return {t.name: pd.read_csv(folder / f"{t.name}.csv", parse_dates=["published"] if t.name == "articles" else None)
            for t in TABLES}


@pytest.mark.parametrize("source", ["to_frames", "parquet", "csv"])
def test_readme_pandas_answers_the_three_questions(records, table_dirs, source):
    frames = pipeline.to_frames(records) if source == "to_frames" else frames_from_files(table_dirs[source], source)
    [code] = readme_blocks("python")
    namespace = {"frames": frames, "pd": pd}
    exec(code, namespace)
    results = [[tuple(plain(v) for v in row) for row in namespace[name].itertuples(index=False)]
               for name in ("speaker_quotes", "agency_pairs", "big_amounts")]
    assert results == answers_from_records(records)


def test_quotes_carry_speaker_name_entity_and_role(records):
    quotes = to_frames(records)["quotes"]
    budi = quotes[quotes.speaker_name == "Budi Santoso"]
    assert set(budi.speaker_role) == {"Kepala Bappeda Kota Semarang"}
    entities = to_frames(records)["entities"].set_index(["article_id", "entity_id"])
    for row in budi.itertuples():
        assert entities.loc[(row.article_id, row.speaker_entity_id), "entity_name"] == "Budi Santoso"


def test_fact_rows_point_back_to_their_sentence(records):
    # The fact's sentence is also located in the article text, for a sentence over 1,000
    # characters, whose text the record leaves out, too.
    facts = to_frames(records)["facts"]
    texts = {r["id"]: r["text"] for r in records}
    assert len(facts) > 5
    for row in facts.itertuples():
        text = texts[row.article_id]
        assert row.sentence_start <= row.fact_start < row.fact_end <= row.sentence_end
        assert text[row.sentence_start:row.sentence_end] == row.sentence


def test_columns_are_flat_and_unambiguous():
    shared = Counter(name for table in TABLES for name in table.column_names)
    assert "id" not in shared
    assert {name for name, n in shared.items() if n > 1} == {"article_id", "entity_id", "quote_id", "source_path", "source_line"}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for table in TABLES:
        row = re.search(rf"^\| `{table.name}` \|.*$", readme, flags=re.M).group(0)
        assert set(re.findall(r"`(\w+)`", row)) - {table.name} == set(table.column_names), table.name


def test_all_formats_hold_the_same_rows(records, table_dirs):
    frames = to_frames(records)
    connection = duckdb.connect(str(table_dirs["duckdb"] / tables.DUCKDB_FILE), read_only=True)
    parquet = frames_from_files(table_dirs["parquet"], "parquet")
    csv_frames = frames_from_files(table_dirs["csv"], "csv")
    for table in TABLES:
        expected = [tuple(plain(v) if not pd.isna(v) else None for v in row) for row in frames[table.name].itertuples(index=False)]
        from_duckdb = [tuple(plain(v) for v in row) for row in connection.execute(f"SELECT * FROM {table.name}").fetchall()]
        from_parquet = [tuple(plain(v) if not pd.isna(v) else None for v in row) for row in parquet[table.name].itertuples(index=False)]
        assert from_duckdb == expected, table.name
        assert from_parquet == expected, table.name
        assert len(csv_frames[table.name]) == len(expected), table.name
    assert len(frames["articles"]) == 3 and len(frames["mentions"]) == sum(
        len(e["mentions"]) for r in records for e in r["entities"])


def test_duckdb_has_primary_and_foreign_keys(table_dirs):
    connection = duckdb.connect(str(table_dirs["duckdb"] / tables.DUCKDB_FILE), read_only=True)
    kinds = Counter(kind for (kind,) in connection.execute("SELECT constraint_type FROM duckdb_constraints() "
                                                          "WHERE constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY')").fetchall())
    assert kinds == {"PRIMARY KEY": 8, "FOREIGN KEY": 8}
    copy = duckdb.connect()
    for table in TABLES:
        copy.execute(tables.duckdb_create(table))
    copy.execute("INSERT INTO articles (article_id) VALUES ('a1')")
    with pytest.raises(duckdb.ConstraintException):
        copy.execute("INSERT INTO quotes (article_id, quote_id, speaker_entity_id) VALUES ('a1', 'q1', 'e9')")


def test_to_frames_takes_record_objects(extracted, records):
    from_objects = to_frames([record for _, record in extracted])
    from_dicts = to_frames(records)
    for table in TABLES:
        pd.testing.assert_frame_equal(from_objects[table.name], from_dicts[table.name])
    assert str(from_dicts["articles"].published.dtype).startswith("datetime64")


def test_an_interrupted_conversion_leaves_the_earlier_tables(records, tmp_path):
    write_tables(records, [], "parquet", tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def records_then_failure():
        yield records[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_tables(records_then_failure(), [], "parquet", tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_tables_are_written_in_batches_with_bounded_memory(records, tmp_path, monkeypatch):
    short = min(records, key=lambda r: len(r["text"]))

    def many(n):
        for number in range(n):
            yield {**short, "id": f"r{number}", "text": f"{short['text']} ({number})"}

    monkeypatch.setattr(tables, "BATCH_RECORDS", 7)
    write_tables(many(30), [], "parquet", tmp_path / "small")
    assert pq.ParquetFile(tmp_path / "small" / "articles.parquet").num_row_groups == 5  # 7+7+7+7+2
    monkeypatch.undo()
    peaks = {}
    for count in (2_000, 20_000):
        tracemalloc.start()
        assert write_tables(many(count), [], "csv", tmp_path / str(count))["articles"] == count
        peaks[count] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    # A batch of rows, whatever the number of records: ten times the records, the same peak.
    assert peaks[20_000] < 1.2 * peaks[2_000], peaks


def test_extract_with_format_resumes_and_rebuilds_the_tables(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(ARTICLES, inputs)
    out = tmp_path / "tables"
    assert main(["extract", str(inputs), "--format", "duckdb", "--out", str(out), "--quiet", "--no-ner"]) == 0
    connection = duckdb.connect(str(out / tables.DUCKDB_FILE), read_only=True)
    assert connection.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    connection.close()
    shutil.copy(SEED, inputs)
    with pytest.raises(SystemExit) as refused:
        main(["extract", str(inputs), "--format", "duckdb", "--out", str(out), "--quiet", "--no-ner"])
    assert refused.value.code == 2 and "use --resume to continue it or --overwrite" in capsys.readouterr().err
    assert main(["extract", str(inputs), "--format", "duckdb", "--out", str(out), "--no-ner", "--resume"]) == 0
    assert "berita: 1 written, 2 already done, 0 failed" in capsys.readouterr().err
    records_file = out / "records.jsonl"
    assert len(records_file.read_text(encoding="utf-8").splitlines()) == 3
    connection = duckdb.connect(str(out / tables.DUCKDB_FILE), read_only=True)
    assert connection.execute("SELECT count(*) FROM articles").fetchone() == (3,)


def test_berita_tables_converts_an_output_with_its_errors(records, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "out.jsonl.errors.jsonl").write_text(
        json.dumps({"id": "x1", "source": "in.csv", "line": 7, "error": "empty 'isi_berita'"}) + "\n", encoding="utf-8")
    assert main(["tables", str(out), "--format", "csv", "--out", str(tmp_path / "t")]) == 0
    assert "articles 3," in capsys.readouterr().err
    errors = pd.read_csv(tmp_path / "t" / "errors.csv")
    assert errors.to_dict("records") == [{"error_index": 0, "article_id": "x1", "source_path": "in.csv",
                                          "source_line": 7, "error_message": "empty 'isi_berita'"}]
    with pytest.raises(SystemExit) as refused:
        main(["tables", str(out), "--format", "csv", "--out", str(tmp_path / "t")])
    assert refused.value.code == 2 and "use --overwrite" in capsys.readouterr().err
    (tmp_path / "not-records.jsonl").write_text('{"a": 1}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not-records.jsonl:1 is not a berita record"):
        records_to_tables(tmp_path / "not-records.jsonl", None, "parquet", tmp_path / "t2")
