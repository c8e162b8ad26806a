"""Reading inputs: formats, encodings and bad input, each with a clear per-article error."""

import json
from pathlib import Path

import pytest

from pipeline.io.readers import Article, InputError, ReadError, SkippedFile, decode, read_articles
from pipeline.published import parse_published
from pipeline.io.writers import OutputError, written_ids


def test_jsonl_fields_and_meta(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": "Isi.", "title": "Judul", "published": "2024-08-20T07:31:31",
                    "url": "https://example.invalid/a1", "outlet": "jawapos-bogor", "section": "metro"}) + "\n",
        encoding="utf-8",
    )
    [article] = read_articles([path])
    assert isinstance(article, Article)
    assert (article.id, article.title, str(article.published), article.outlet) == ("a1", "Judul", "2024-08-20", "jawapos-bogor")
    assert article.meta == {"section": "metro"}
    assert article.source_line == 1


def test_missing_id_is_stable(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "Isi berita."}\n', encoding="utf-8")
    first = next(read_articles([path])).id
    assert first == next(read_articles([path])).id and len(first) == 16


def test_bad_jsonl_lines_do_not_stop_the_file(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "Satu."}\n'
        "{not json\n"
        '{"id": "x", "title": "no text"}\n'
        '{"id": "e", "text": "   "}\n'
        '["a list"]\n'
        '{"id": "ok2", "text": "Tiga."}\n',
        encoding="utf-8",
    )
    items = list(read_articles([path]))
    assert [i.id for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    errors = {i.source_line: i.message for i in items if isinstance(i, ReadError)}
    assert {i.source_line: i.id for i in items if isinstance(i, ReadError)} == {2: None, 3: "x", 4: "e", 5: None}
    assert errors[2].startswith("invalid JSON")
    assert errors[3].startswith("no text column (looked for text, isi_berita, ")
    assert errors[4] == "empty 'text'"
    assert errors[5] == "a line must be a JSON object"


def test_encodings_and_binary():
    assert decode("Kota Semarang".encode("utf-8")) == ("Kota Semarang", "utf-8")
    assert decode("\ufeffKota".encode("utf-8"))[0] == "Kota"
    assert decode("Caf\u00e9 \u201cdi\u201d Bogor".encode("cp1252")) == ("Caf\u00e9 \u201cdi\u201d Bogor", "cp1252")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n ")


def test_folder_with_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("Judul\n\nIsi berita yang baik.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.txt").write_bytes("Judul\n\nCaf\u00e9 di Bogor.".encode("cp1252"))
    (tmp_path / "broken.html").write_text("<html><body><div>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input type: reported, not read", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00")
    items = {Path(getattr(p, "source_path", None) or p.path).name: p for p in read_articles([tmp_path])}
    assert set(items) == {"good.txt", "empty.txt", "image.txt", "latin.txt", "broken.html", "notes.md"}
    assert isinstance(items["notes.md"], SkippedFile) and items["notes.md"].reason.startswith("not an input type")
    assert isinstance(items["good.txt"], Article)
    assert items["latin.txt"].warnings[0]["code"] == "encoding"
    assert items["empty.txt"].message == "empty input"
    assert "binary" in items["image.txt"].message
    assert items["broken.html"].message == "no article text found in the HTML"


def test_html_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Pemkot Bogor Siapkan ART</title>"
        '<meta property="article:published_time" content="2024-08-21T10:44:41+07:00"></head>'
        "<body><nav>Beranda | Metro</nav><article><h1>Pemkot Bogor Siapkan ART</h1>"
        "<p>JP Bogor – Pemkot Bogor menyiapkan studi kelayakan untuk autonomous rail rapid transit (ART) di Kota Bogor.</p>"
        "<p>Baca Juga: Kota Bogor Dapat Dua Penghargaan</p>"
        "<p>Sekretaris Daerah Kota Bogor Syarifah Sofiah mengatakan, studi kelayakan itu dilakukan lagi.</p>"
        "</article><footer>Hak cipta</footer></body></html>",
        encoding="utf-8",
    )
    [article] = read_articles([page])
    assert article.title == "Pemkot Bogor Siapkan ART"
    assert str(article.published) == "2024-08-21"
    assert "Syarifah Sofiah mengatakan" in article.text
    assert "Hak cipta" not in article.text


def test_enormous_file_is_read_in_part_with_a_warning(tmp_path, monkeypatch):
    import pipeline.io.readers as readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_text("kata " * 100, encoding="utf-8")
    [item] = read_articles([tmp_path / "big.txt"])
    assert item.text == "kata " * 20
    assert [w["code"] for w in item.warnings] == ["truncated_input"]


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        list(read_articles([tmp_path / "nope"]))


def test_bad_published_keeps_the_article_with_a_warning(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "d", "text": "Dua.", "published": "kemarin"}\n', encoding="utf-8")
    [article] = read_articles([path])
    assert article.published is None
    assert article.warnings == [{"code": "published_invalid", "message": "'published' is not a date: 'kemarin'"}]


def test_published_formats():
    assert str(parse_published("2020-09-28")) == "2020-09-28"
    assert str(parse_published("10/20/2025 12:38")) == "2025-10-20"  # only month first is possible
    assert str(parse_published("5/8/2024")) == "2024-08-05"  # day first, the Indonesian order
    assert str(parse_published("2024-08-19 17:05:15")) == "2024-08-19"
    assert str(parse_published("2024-08-19T17:05:15Z")) == "2024-08-19"
    assert parse_published(None) is None


def test_resume_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}\n{"id": "c", "te')
    assert written_ids(out) == {"a", "b"}
    assert out.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n'


def test_resume_refuses_a_foreign_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("this is not\na berita output\n", encoding="utf-8")
    with pytest.raises(OutputError, match="not a berita record"):
        written_ids(out)
    assert out.read_text(encoding="utf-8") == "this is not\na berita output\n"


def test_html_meta_author_and_published_time_win(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Harga Cabai Naik</title>"
        '<meta name="author" content="Rina Wati">'
        '<meta property="article:published_time" content="2025-06-18T23:30:00+07:00"></head>'
        "<body><article><h1>Harga Cabai Naik</h1><p>Diperbarui 01 Jan 2020</p>"
        "<p>Harga cabai rawit di Pasar Johar naik menjadi Rp 80.000 per kilogram pada pekan ini.</p>"
        "<p>Pedagang mengatakan pasokan dari petani di Kabupaten Magelang berkurang karena hujan.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [article] = read_articles([page])
    # The page's own date as written (its local day), not a date found elsewhere in the page.
    assert (str(article.published), article.published_raw) == ("2025-06-18", "2025-06-18T23:30:00+07:00")
    assert article.meta["author"] == "Rina Wati"
