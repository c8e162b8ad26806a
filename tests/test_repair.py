"""Scraper noise repaired before the NLP: glued sentences and commas, lines broken in a sentence.

The lines are written for these tests in the shapes the scrapers leave (none copied from an article).
"""

from pipeline.clean import clean
from pipeline.repair import Repair, join_broken_lines, repair_glued_marks


def test_glued_sentence_and_comma_get_their_space():
    line = "Acara digelar di Simpang Lima Semarang.Pilihan lokasi itu, kata Budi,karena strategis."
    repaired, repairs = repair_glued_marks(line)
    assert repaired == "Acara digelar di Simpang Lima Semarang. Pilihan lokasi itu, kata Budi, karena strategis."
    assert repairs == [Repair("sentence_space", "Semarang.Pilihan", "Semarang. Pilihan"),
                       Repair("comma_space", "Budi,karena", "Budi, karena")]


def test_numbers_domains_and_addresses_are_not_touched():
    line = ("Inflasi 2,5 persen, menurut Liputan6.com dan KOMPAS.com.Laporan lengkap di www.contoh.go.id/Data "
            "atau humas@contoh.go.id.Terima kasih.")
    assert repair_glued_marks(line) == (line, [])


def test_line_broken_inside_a_sentence_is_joined():
    lines = ["Warga yang tinggal di bantaran", "sungai diminta mengungsi.", "Petugas berjaga:", "dua regu di hulu."]
    joined, repairs = join_broken_lines(lines)
    assert joined == ["Warga yang tinggal di bantaran sungai diminta mengungsi.", "Petugas berjaga:", "dua regu di hulu."]
    assert repairs == [Repair("line_join", "bantaran\nsungai", "bantaran sungai")]


def test_clean_records_repairs_and_offsets_point_into_the_repaired_text():
    cleaned = clean("Harga cabai naik di Pasar Johar.Pedagang mengeluh\nsepi pembeli.\n\nPemkot menggelar operasi pasar.",
                    title="Judul")
    assert cleaned.text == "Harga cabai naik di Pasar Johar. Pedagang mengeluh sepi pembeli.\n\nPemkot menggelar operasi pasar."
    assert [r.kind for r in cleaned.repairs] == ["line_join", "sentence_space"]
    start, end = cleaned.paragraphs[1]
    assert cleaned.text[start:end] == "Pemkot menggelar operasi pasar."
