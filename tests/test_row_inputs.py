"""Row inputs: .csv/.tsv, .parquet and .jsonl.gz, their columns, bad rows, and bounded memory."""

import csv
import datetime
import gzip
import json
import tracemalloc

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.io.readers import (
    Article,
    Columns,
    InputFile,
    ReadError,
    SkippedFile,
    check_inputs,
    iter_inputs,
    read_articles,
)

BODY = ("SEMARANG – Dinas Perdagangan Kota Semarang menata 1.200 pedagang kaki lima di kawasan Simpang Lima.\n\n"
        "“Kami ingin kawasan ini tertib,” kata Kepala Dinas Perdagangan Kota Semarang Fajar Purwoto.")


def write_csv(path, rows, delimiter=",", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)


def articles_and_errors(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


def test_csv_with_indonesian_column_names_and_a_multiline_text(tmp_path):
    path = tmp_path / "berita.csv"
    write_csv(path, [["No", "Judul", "isi_berita", "tanggal_publikasi", "link", "kategori"],
                     ["17", "PKL Simpang Lima Ditata", BODY, "28/09/2020 10:15", "https://contoh.invalid/17", "ekonomi"]],
              delimiter=";", encoding="utf-8-sig")  # as a spreadsheet saves "CSV UTF-8": a BOM, and ';'
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNo;")
    [article] = read_articles([path])
    assert article.text == BODY
    assert (article.title, str(article.published), article.url) == ("PKL Simpang Lima Ditata", "2020-09-28", "https://contoh.invalid/17")
    assert article.meta == {"No": "17", "kategori": "ekonomi"}  # "No" is not an id name: kept, not used
    assert article.source_line == 2


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_csv_with_any_line_ending(tmp_path, ending):
    # Old Mac software ends lines with a bare "\r"; the text's own line breaks stay in its quoted field.
    path = tmp_path / "berita.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator=ending).writerows(
            [["id", "judul", "isi_berita"], ["a1", "Satu", BODY], ["a2", "Dua", BODY.replace("1.200", "900")]])
    articles, errors = articles_and_errors(read_articles([path]))
    assert not errors
    assert [(a.id, a.title, a.text) for a in articles] == [("a1", "Satu", BODY), ("a2", "Dua", BODY.replace("1.200", "900"))]
    assert [a.source_line for a in articles] == [2, 5]


def test_csv_bad_rows_are_per_article_errors(tmp_path):
    path = tmp_path / "berita.csv"
    write_csv(path, [["id", "title", "content"], ["a1", "Satu", BODY], ["a2", "Kosong", "   "],
                     ["a3", "kurang kolom"], ["a4", "Dua", BODY.replace("1.200", "900")]])
    articles, errors = articles_and_errors(read_articles([path]))
    assert [a.id for a in articles] == ["a1", "a4"]
    assert [(e.id, e.message) for e in errors] == [("a2", "empty 'content'"), (None, "the row has 2 fields, the header 3")]
    assert errors[0].source_line == 5  # row a1's text spans lines 2-4


def test_named_columns_win_and_a_missing_one_is_a_clear_error(tmp_path):
    path = tmp_path / "berita.tsv"
    write_csv(path, [["text", "ringkasan", "kode"], ["bukan ini", BODY, "x9"]], delimiter="\t")
    [article] = read_articles([path], Columns(text="ringkasan", id="KODE"))
    assert (article.text, article.id, article.meta) == (BODY, "x9", {"text": "bukan ini"})
    [error] = read_articles([path], Columns(text="isi"))
    assert error.message == "no column 'isi'; the columns are text, ringkasan, kode"
    assert check_inputs([path], Columns(text="isi")) == [f"{path}: no column 'isi'; the columns are text, ringkasan, kode"]


def test_csv_without_a_text_column(tmp_path):
    path = tmp_path / "daftar.csv"
    write_csv(path, [["nama", "alamat"], ["Fajar", "Semarang"]])
    [error] = read_articles([path])
    assert error.message.startswith("no text column (looked for text, isi_berita,")
    assert error.message.endswith("name it with --text-column); the columns are nama, alamat")


def test_csv_field_larger_than_the_csv_default_limit(tmp_path):
    long_text = BODY + "\n\n" + "Pedagang kembali berjualan. " * 8000  # 224,000 characters; csv's default is 131,072
    path = tmp_path / "panjang.csv"
    write_csv(path, [["id", "text"], ["p1", long_text]])
    [article] = read_articles([path])
    assert article.text == long_text


def test_csv_not_utf8_line_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "lama.csv"
    path.write_bytes("id,text\nc1,“Kami siap” kata Fajar di Café Semarang.\n".encode("cp1252"))
    [article] = read_articles([path])
    assert article.text == "“Kami siap” kata Fajar di Café Semarang."
    assert article.warnings[0]["code"] == "encoding"


def test_parquet_rows_with_typed_columns(tmp_path):
    path = tmp_path / "arsip.parquet"
    table = pa.table({"article_id": [101, 102, 103], "judul": ["Satu", None, "Tiga"],
                      "content": [BODY, None, BODY], "date": [datetime.date(2020, 9, 28), None, None],
                      "skor": [0.5, 0.1, 0.9]})
    pq.write_table(table, path, row_group_size=2)
    articles, errors = articles_and_errors(read_articles([path]))
    assert [(a.id, a.title, a.published, a.source_line) for a in articles] == [
        ("101", "Satu", datetime.date(2020, 9, 28), 1), ("103", "Tiga", None, 3)]
    assert articles[0].meta == {"skor": 0.5}
    assert [(e.id, e.source_line, e.message) for e in errors] == [("102", 2, "empty 'content'")]


def test_a_file_that_is_not_parquet(tmp_path):
    path = tmp_path / "rusak.parquet"
    path.write_bytes(b"PAR1 but not really")
    [error] = read_articles([path])
    assert error.message.startswith("not a readable Parquet file")
    assert check_inputs([path])[0].startswith(f"{path}: not a readable Parquet file")


def test_gzip_compressed_jsonl_and_csv(tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "isi_berita": BODY, "judul": "Gz"}) + "\n{broken\n")
    with gzip.open(tmp_path / "b.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], ["g2", BODY]])
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g3", "text": "Satu."}\n')[:-6])  # truncated
    articles, errors = articles_and_errors(read_articles([tmp_path]))
    assert [(a.id, a.title) for a in articles] == [("g1", "Gz"), ("g2", None), ("g3", None)]
    assert [(e.source_path.rsplit("/", 1)[-1], e.source_line) for e in errors] == [("a.jsonl.gz", 2), ("c.jsonl.gz", 2)]
    assert errors[1].message.startswith("unreadable from here on")


def test_folder_listing_reports_other_types_and_skips_hidden(tmp_path):
    (tmp_path / "sub" / ".git").mkdir(parents=True)
    (tmp_path / "sub" / ".git" / "config").write_text("[core]")
    (tmp_path / "sub" / "a.csv").write_text("text\nIsi.\n")
    (tmp_path / "b.parquet").write_bytes(b"")
    (tmp_path / "c.docx").write_bytes(b"PK")
    (tmp_path / "d.txt.gz").write_bytes(b"")
    items = list(iter_inputs([tmp_path]))
    assert items == [InputFile(tmp_path / "b.parquet", "parquet"),
                     SkippedFile(tmp_path / "c.docx", items[1].reason),
                     SkippedFile(tmp_path / "d.txt.gz", items[1].reason),
                     InputFile(tmp_path / "sub" / "a.csv", "csv")]
    assert items[1].reason.startswith("not an input type (.jsonl, .csv")


def test_check_inputs_before_anything_loads(tmp_path):
    (tmp_path / "kosong").mkdir()
    (tmp_path / "catatan.md").write_text("x")
    (tmp_path / "kosong" / "catatan.md").write_text("x")
    assert check_inputs([tmp_path / "kosong"]) == [f"no input files (.jsonl, .csv, .tsv (each also .gz), .parquet, "
                                                   f".txt, .html) in {tmp_path / 'kosong'}"]
    assert check_inputs([tmp_path / "nope", tmp_path / "catatan.md"]) == [
        f"no such file or folder: {tmp_path / 'nope'}",
        f"{tmp_path / 'catatan.md'}: unsupported file type .md; use .jsonl, .csv, .tsv (each also .gz), .parquet, .txt, .html"]
    write_csv(tmp_path / "kosong" / "ok.csv", [["text"], ["Isi."]])
    assert check_inputs([tmp_path / "kosong"]) == []


def peak_memory_reading(path):
    tracemalloc.start()
    count = sum(isinstance(item, Article) for item in read_articles([path]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, peak


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_a_20000_article_table_is_streamed_not_loaded(tmp_path, kind):
    texts = [f"{BODY}\n\nBerita nomor {n}." for n in range(20_000)]
    path = tmp_path / f"besar.{kind}"
    if kind == "csv":
        write_csv(path, [["id", "text"]] + [[f"b{n}", text] for n, text in enumerate(texts)])
    else:
        pq.write_table(pa.table({"id": [f"b{n}" for n in range(20_000)], "text": texts}), path, row_group_size=1000)
    size = sum(len(t) for t in texts)  # about 4.6 million characters
    count, peak = peak_memory_reading(path)
    assert count == 20_000
    assert peak < size / 10, f"peak {peak:,} bytes while reading {size:,} characters"


def test_extract_a_folder_of_tables(tmp_path, capsys):
    from pipeline.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "a.csv", [["kode", "judul", "ringkasan", "tanggal"], ["k1", "PKL Ditata", BODY, "2020-09-28"],
                                 ["k2", "Kosong", "", ""]])
    pq.write_table(pa.table({"kode": ["k3"], "ringkasan": [BODY.replace("1.200", "800")]}), folder / "b.parquet")
    (folder / "README.md").write_text("bukan berita")
    out = tmp_path / "out.jsonl"
    status = main(["extract", str(folder), "--out", str(out), "--quiet", "--text-column", "ringkasan", "--id-column", "kode"])
    assert status == 1  # k2 has no text
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["title"], r["published"]) for r in records] == [("k1", "PKL Ditata", "2020-09-28"), ("k3", None, None)]
    assert [f["value"] for f in records[1]["facts"]] == [800]
    assert any(q["speaker"] == "Fajar Purwoto" for q in records[0]["quotes"])
    stderr = capsys.readouterr().err
    assert f"berita: warning: {folder / 'README.md'}: skipped, not an input type" in stderr
    assert f"berita: error: {folder / 'a.csv'}:5: empty 'ringkasan'" in stderr  # k1's text spans lines 2-4
