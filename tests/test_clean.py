"""The clean stage on real page text: furniture, title, dateline, authors, paragraphs."""

import pytest

from pipeline.clean import Dateline, clean, is_furniture, parse_authors, parse_dateline
from pipeline.furniture import Removal


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
    assert Removal("Baca juga:  Borobudur Marathon 2020 Berkonsep Hybrid", "rule") in cleaned.removed


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


@pytest.mark.parametrize(
    "paragraph, place, outlet, rest",
    [
        ("JAKARTA, KOMPAS.com -Warga mengeluhkan", "Jakarta", "KOMPAS.com", "Warga mengeluhkan"),
        ("KOMPAS.com -Direktur utama menyebut", None, "KOMPAS.com", "Direktur utama menyebut"),
        ("KOMPAS.com-Bank sentral menahan", None, "KOMPAS.com", "Bank sentral menahan"),
        ("Liputan6.com, Jakarta -Ada dua hal", "Jakarta", "Liputan6.com", "Ada dua hal"),
        ("Liputan6.com, JakartaPemuda itu ditangkap", "Jakarta", "Liputan6.com", "Pemuda itu ditangkap"),
        ("Liputan6.com, JakartaPT Kereta Api menambah", "Jakarta", "Liputan6.com", "PT Kereta Api menambah"),
        ("Liputan6.com, Tel Aviv -Sirene berbunyi", "Tel Aviv", "Liputan6.com", "Sirene berbunyi"),
        ("JAKARTA- Pemerintah menyiapkan", "Jakarta", None, "Pemerintah menyiapkan"),
        ("REPUBLIKA.CO.ID, LEBAK -- Warga", "Lebak", "REPUBLIKA.CO.ID", "Warga"),
        ("TEMPO.CO, Jakarta - Presiden", "Jakarta", "TEMPO.CO", "Presiden"),
        ("SEMARANG, Jateng Terkini - Warga", "Semarang", "Jateng Terkini", "Warga"),
        ("Jakarta - Polisi menangkap", "Jakarta", None, "Polisi menangkap"),
    ],
)
def test_datelines_of_other_outlets(paragraph, place, outlet, rest):
    assert parse_dateline(paragraph) == (Dateline(place=place, outlet=outlet), rest)


@pytest.mark.parametrize("paragraph", ["TNI-Polri bersiaga di perbatasan.", "Bogor-Jakarta macet total pagi ini."])
def test_hyphenated_opening_is_not_a_dateline(paragraph):
    assert parse_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    "body",
    [
        "KOMPAS.com\n- Harga cabai naik.\nPedagang mengeluh.",
        "JAKARTA, KOMPAS.com -\nHarga cabai naik.\nPedagang mengeluh.",
    ],
)
def test_dateline_broken_over_two_lines(body):
    cleaned = clean(body, title="Judul")
    assert cleaned.dateline.outlet == "KOMPAS.com"
    assert cleaned.text == "Harga cabai naik.\n\nPedagang mengeluh."


@pytest.mark.parametrize(
    "paragraph, place, outlet, rest",
    [
        ("Liputan6.com, Jakartasejumlah warga", "Jakarta", "Liputan6.com", "sejumlah warga"),
        ("Liputan6.com, Jakarta -12 Tahun berlalu", "Jakarta", "Liputan6.com", "12 Tahun berlalu"),
        ("Liputan6.com, Washington, DC -Presiden AS", "Washington, DC", "Liputan6.com", "Presiden AS"),
        ("Liputan6.com, Jakarta\u201cLagu itu\u201d dirilis", "Jakarta", "Liputan6.com", "\u201cLagu itu\u201d dirilis"),
        (", Jakarta - Siapa pun bisa", "Jakarta", None, "Siapa pun bisa"),
        ("JAKARTA KOMPAS.com -Kader partai", "Jakarta", "KOMPAS.com", "Kader partai"),
    ],
)
def test_datelines_the_scraper_damaged(paragraph, place, outlet, rest):
    assert parse_dateline(paragraph) == (Dateline(place=place, outlet=outlet), rest)
