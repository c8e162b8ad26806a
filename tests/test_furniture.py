"""Furniture removal: line rules of data/furniture.txt and templates learnt from a batch.

The lines are written for these tests in the shapes the outlets use (detik, Kompas, Liputan6,
okezone, Jawa Pos, Radar Semarang); none is copied from an article.
"""

import pytest

from pipeline.clean import clean
from pipeline.furniture import Removal, TemplateLearner, is_furniture, remove_rule_furniture

FURNITURE_LINES = [
    "SCROLL TO CONTINUE WITH CONTENT",  # detik
    "[Gambas:Video 20detik]",
    "[Gambas:Instagram]",
    "Simak juga Video 'Banjir Rendam Jalan Utama Kota':",
    "Lihat Video 'Pesawat Tertunda Akibat Cuaca Buruk':",
    "Lihat juga video: Cara Mudah Menabung Emas",
    "Saksikan Live DetikSore:",
    "Artikel ini telah naik di detikJateng.",
    "Baca juga:Warga Keluhkan Parkir Liar di Trotoar",  # Kompas
    "(Penulis: Budi Santoso, Rina Wati | Editor: Ahmad Yani)",
    "Artikel ini bersumber dari pemberitaan di KONTAN dan KOMPAS.com berjudul:",
    "ANTARA/BUDI SETIAWANIlustrasi pasar saham.",
    "Advertisement",  # Liputan6
    "Baca Juga",
    "*** Untuk memastikan kebenaran kabar itu, silakan WhatsApp ke nomor 0800 0000 000 dengan ketik kata kunci yang diinginkan.",
    "Baca Juga: Pemkot Siapkan Studi Kelayakan Trem",  # Jawa Pos
    "Baca juga:  Ajak Kader Pedulikan Ibu Hamil",  # Radar Semarang
    "Artikel Terkait",
    "ADVERTISEMENT",
    "Artikel ini telah tayang di Kompas.com dengan judul \"Harga Cabai Naik\"",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_line_rules(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga buku itu, pesan Hery kepada warga.",
        "Bacaan doa dibacakan oleh Ustaz Ahmad di awal acara.",
        "Lihat saja hasilnya nanti, ujar dia.",
        "Iklan rokok dilarang tampil di ruang publik, kata Kepala Dinas.",
        "Editor senior itu menerima penghargaan jurnalistik.",
        "Simak pula penjelasan petugas di lokasi, kata Budi.",
        "TNI/POLRI bersiaga di perbatasan sejak Senin pagi.",
        "Warga dapat menghubungi nomor darurat 112 melalui WhatsApp.",
    ],
)
def test_body_lines_that_look_like_furniture_are_kept(line):
    assert not is_furniture(line)


def test_quote_that_starts_with_baca_is_kept():
    lines = ["\u201cBaca juga aturannya sebelum mendaftar,\u201d kata Budi.", "Pendaftaran dibuka hingga Jumat."]
    assert remove_rule_furniture(lines) == (lines, [])


def test_linked_headline_after_baca_juga_goes_too_but_not_a_body_line():
    lines = [
        "Warga berkumpul di alun-alun sejak pagi.",
        "Baca juga:",
        "Pemkot Bogor Buka Lowongan untuk 379 Formasi",
        "Baca Juga",
        "Berdasarkan keterangan polisi, dua orang diamankan di lokasi kejadian.",
    ]
    kept, removed = remove_rule_furniture(lines)
    assert kept == [lines[0], lines[4]]
    assert [r.text for r in removed] == lines[1:4]
    assert {r.layer for r in removed} == {"rule"}


def test_promo_block_split_into_short_lines_is_removed_whole():
    body = "Petugas masih menyelidiki penyebab kebakaran, kata dia."
    promo = [
        "Simak",
        "breaking news",
        "dan",
        "berita pilihan",
        "kami langsung di ponselmu. Pilih saluran andalanmu untuk akses berita",
        "WhatsApp Channel",
        ": https://example.org/channel/abc",
    ]
    after = ["Berikut daftarnya:", "Satu", "Dua"]
    kept, removed = remove_rule_furniture([body, *promo, *after])
    assert kept == [body, *after]
    assert [r.text for r in removed] == promo


PLACES = ["Bogor", "Semarang", "Solo", "Demak", "Depok", "Bekasi", "Kudus", "Pati", "Blora", "Rembang"]
EVENTS = ["kirab budaya", "pawai obor", "festival kuliner"]
GROUPS = ["kelompok seni", "sanggar tari", "paguyuban warga"]


def _synthetic_batch(count=30):
    """`count` articles of one outlet, each with its own body lines and the same four furniture
    lines (one of them with a number that changes from article to article)."""
    furniture = ["Advertisement", "Baca Juga", "Ikuti kanal kami untuk kabar terbaru 2025", "Pilihan Redaksi"]
    articles = []
    for number in range(count):
        place, event, group = PLACES[number % 10], EVENTS[number % 3], GROUPS[number // 10]
        body = [
            f"Warga {place} memperingati hari jadi kota dengan {event} bersama {group}.",
            furniture[0],
            f"Sebanyak {number + 20} {group} dari {place} ikut tampil dalam {event}, kata panitia.",
            furniture[1],
            f"\u201cKami ingin {event} di {place} tahun ini meriah,\u201d ujar Ketua {group.title()}.",
            furniture[2].replace("2025", str(2000 + number)),  # digits differ, the line is the same
            furniture[3],
            f"{event.capitalize()} ditutup malam hari di Alun-alun {place} oleh {group}.",
        ]
        articles.append("\n".join(body))
    return furniture, articles


def test_template_detector_on_a_synthetic_batch_of_30_articles():
    furniture, articles = _synthetic_batch()
    learner = TemplateLearner()
    for text in articles:
        learner.add("contoh.id", text)
    templates = learner.templates().for_outlet("contoh.id")
    assert len(templates) == 4
    # "Pilihan Redaksi" has no rule: only the template layer knows it.
    assert not is_furniture("Pilihan Redaksi")
    cleaned = clean(articles[7], title="Judul", templates=templates)
    assert all(line not in cleaned.text for line in furniture)
    assert "\u201cKami ingin pawai obor di Pati tahun ini meriah,\u201d ujar Ketua" in cleaned.text
    assert len(cleaned.text.split("\n\n")) == 4
    layers = {r.text: r.layer for r in cleaned.removed}
    assert layers["Advertisement"] == "rule" and layers["Pilihan Redaksi"] == "template"
    assert layers["Ikuti kanal kami untuk kabar terbaru 2007"] == "template"


def test_templates_need_many_articles_of_the_same_outlet():
    _, articles = _synthetic_batch(count=30)
    learner = TemplateLearner()
    for number, text in enumerate(articles):
        learner.add(f"outlet{number % 15}", text)  # two articles per outlet
    assert all(not learner.templates().for_outlet(f"outlet{n}") for n in range(15))


def test_a_duplicated_article_is_not_emptied_by_templates():
    text = "Harga cabai naik di Pasar Johar.\nPedagang mengeluh sepi pembeli.\nPemkot menggelar operasi pasar."
    learner = TemplateLearner()
    for _ in range(5):
        learner.add("contoh.id", text)  # the same text counts once
    learner.add("contoh.id", text + "\nPenutup.")
    learner.add("contoh.id", text + "\nLain.")
    templates = learner.templates().for_outlet("contoh.id")
    cleaned = clean(text, title="Judul", templates=templates)
    assert cleaned.text.count("\n\n") == 2 and not cleaned.removed


def test_batch_removes_template_lines_learnt_from_its_inputs(tmp_path):
    import json

    from pipeline.batch import run_extract

    _, articles = _synthetic_batch()
    source = tmp_path / "in.jsonl"
    rows = [{"id": f"a{n}", "title": "Judul", "text": text, "outlet": "contoh.id"} for n, text in enumerate(articles)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_extract([source], out, ner_model=None, progress=False)
    records = [json.loads(line) for line in out.open(encoding="utf-8")]
    assert len(records) == 30
    for record in records:
        assert "Pilihan Redaksi" not in record["text"]
        assert {"text": "Pilihan Redaksi", "layer": "template"} in record["removed"]
    run_extract([source], out, ner_model=None, progress=False, templates=False)
    assert all("Pilihan Redaksi" in json.loads(line)["text"] for line in out.open(encoding="utf-8"))


@pytest.mark.parametrize(
    "after",
    [
        "1. Tidur Lebih Lama",  # the article's own numbered subheading
        "\u201cSiapa pun yang tampil buruk akan diganti pada laga berikutnya",  # a quote going on
        "warga diminta tetap tenang dan menunggu arahan petugas",  # sentence case, no full stop
    ],
)
def test_line_after_baca_juga_that_is_no_headline_is_kept(after):
    for lead in ("Baca juga:", "Baca Juga"):
        kept, removed = remove_rule_furniture([lead, after])
        assert kept == [after] and [r.text for r in removed] == [lead]
