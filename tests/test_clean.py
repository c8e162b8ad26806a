"""The clean stage on real page text: furniture, title, dateline, authors, paragraphs."""

import pytest

from pipeline.clean import Dateline, clean, is_furniture, parse_authors, parse_dateline


def test_seed_page_is_cleaned(shared_datadir):
    raw = (shared_datadir / "seed_radarsemarang.txt").read_text(encoding="utf-8")
    cleaned = clean(raw)
    assert cleaned.title == "3.178 Industri Bangkit dan Genjot Produksi"
    assert cleaned.dateline == Dateline(place="Semarang", outlet="RADARSEMARANG.ID")
    assert cleaned.authors == ["avi", "ida", "bas"]
    assert cleaned.text.startswith("Sebanyak 3.178 industri sudah kembali beroperasi")
    assert cleaned.text.endswith("Ini potensi industri yang sangat besar,” pungkasnya.")
    for furniture in ("alexametrics", "Baca juga", "Artikel Terkait", "Artikel Menarik Lainnya", "Populer"):
        assert furniture not in cleaned.text
    assert len(cleaned.removed) == 10
    assert "Baca juga:  Borobudur Marathon 2020 Berkonsep Hybrid" in cleaned.removed


def test_paragraph_offsets_point_into_text(shared_datadir):
    cleaned = clean((shared_datadir / "seed_radarsemarang.txt").read_text(encoding="utf-8"))
    assert len(cleaned.paragraphs) == 9
    for start, end in cleaned.paragraphs:
        paragraph = cleaned.text[start:end]
        assert paragraph == paragraph.strip() and "\n" not in paragraph


@pytest.mark.parametrize(
    "line",
    [
        "SCROLL TO CONTINUE WITH CONTENT",
        "ADVERTISEMENT",
        "Simak juga Video 'Realisasi Investasi RI Kuartal III Tembus Rp 491,4 Triliun':",
        "Baca Juga: Kota Bogor Dapat Dua Penghargaan di HUT Jabar",
        "Baca juga:  Ajak Kader dan Lansia Pedulikan Ibu Hamil",
        "Artikel Terkait",
        "Terbaru",
    ],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Menarik untuk dicermati, kata dia, angka itu naik.",
        "Terbaru, Pemkot Bogor membuka lowongan CPNS.",
        "Baca juga buku itu, pesan Hery kepada warga.",
    ],
)
def test_body_lines_that_start_like_furniture_are_kept(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    "paragraph, place, outlet, rest",
    [
        ("RADARSEMARANG.ID, Semarang – Sebanyak 3.178 industri", "Semarang", "RADARSEMARANG.ID", "Sebanyak 3.178 industri"),
        ("JAKARTA, KOMPAS.com - Presiden meresmikan", "Jakarta", "KOMPAS.com", "Presiden meresmikan"),
        ("JAKARTA , KOMPAS — Presiden meresmikan", "Jakarta", "KOMPAS", "Presiden meresmikan"),
        ("JP Bogor – Polres Bogor telah memetakan", None, "JP Bogor", "Polres Bogor telah memetakan"),
        ("Jakarta (ANTARA) - Pemerintah menyiapkan", "Jakarta", "ANTARA", "Pemerintah menyiapkan"),
        ("JawaPos.com Festival Merah Putih (FMP) 2024", None, "JawaPos.com", "Festival Merah Putih (FMP) 2024"),
    ],
)
def test_datelines(paragraph, place, outlet, rest):
    dateline, remainder = parse_dateline(paragraph)
    assert dateline == Dateline(place=place, outlet=outlet)
    assert remainder == rest


def test_no_dateline_in_plain_opening():
    assert parse_dateline("Genangan air kembali merendam kawasan Jalan Pantura.") == (
        None,
        "Genangan air kembali merendam kawasan Jalan Pantura.",
    )


def test_author_codes():
    assert parse_authors("Ini potensi industri yang sangat besar,” pungkasnya. (avi/ida/bas)") == (
        ["avi", "ida", "bas"],
        "Ini potensi industri yang sangat besar,” pungkasnya.",
    )
    # A bracketed acronym at the end of a sentence is not an author code.
    assert parse_authors("Ia menjabat Kepala Dinas (Kadis).")[0] == []


def test_given_title_is_not_repeated_in_body():
    cleaned = clean("Judul Berita\n\nIsi berita pertama.\n\nIsi kedua.", title="Judul Berita")
    assert cleaned.title == "Judul Berita"
    assert cleaned.text == "Isi berita pertama.\n\nIsi kedua."
