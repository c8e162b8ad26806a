"""Tests of pipeline.facts (the berita_facts component) on short sentences in the style of the
dev articles: values, units, subjects, what is not a fact, quotes and the total checks."""

from datetime import date

import pytest

import pipeline.dates  # noqa: F401  (registers berita_dates)
import pipeline.facts  # noqa: F401  (registers berita_facts)
from pipeline.facts import list_items
from pipeline.nlp import build_nlp

PUBLISHED = date(2020, 9, 28)


@pytest.fixture(scope="module")
def nlp():
    nlp = build_nlp(ner_model=None)
    nlp.add_pipe("berita_dates")
    nlp.add_pipe("berita_facts")
    return nlp


def run(nlp, text, quotes=None):
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED.isoformat()
    doc._.quotes = quotes
    return nlp(doc)


def facts(nlp, text):
    return [(f["text"], f["value"], f["unit"]) for f in run(nlp, text)._.facts]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sebanyak 3.178 industri sudah kembali beroperasi.", ("3.178 industri", 3178, "industri")),
        ("Ada sembilan kawasan industri di Kota Semarang.", ("sembilan kawasan industri", 9, "kawasan industri")),
        ("Mereka meraih dua penghargaan sekaligus.", ("dua penghargaan", 2, "penghargaan")),
        ("Polisi menyiagakan sebanyak 1.096 personel untuk pengamanan.", ("1.096 personel", 1096, "personel")),
        ("KPP menyita 36 kendaraan bermotor.", ("36 kendaraan", 36, "kendaraan")),
        ("Acuan penetapan 50 orang anggota DPRD.", ("50 orang", 50, "orang")),
        ("Ia dibantu 12 Kantor Pelayanan Pajak (KPP).", ("12 Kantor Pelayanan Pajak", 12, "kantor pelayanan pajak")),
        ("Terdakwa menerima Rp 4,5 M dari kontraktor.", ("Rp 4,5 M", 4500000000, "IDR")),
        ("Defisit mencapai Rp 161 Miliar.", ("Rp 161 Miliar", 161000000000, "IDR")),
        ("Ekspor senilai 446,7 juta dolar AS.", ("446,7 juta dolar AS", 446700000, "USD")),
        ("Nilainya naik (14,455%).", ("14,455%", 14.455, "persen")),
        ("Bobotnya 40 persen dari nilai akhir.", ("40 persen", 40, "persen")),
        ("Arak-arakan sejauh 4 kilometer.", ("4 kilometer", 4, "kilometer")),
        ("Air setinggi 30 cm menggenangi jalan.", ("30 cm", 30, "cm")),
        ("Alat itu menghasilkan 150 gram per jam ozon.", ("150 gram per jam", 150, "gram per jam")),
        ("Sensus dilakukan sepuluh tahun sekali.", ("sepuluh tahun", 10, "tahun")),
        ("Penyitaan serentak selama satu minggu.", ("satu minggu", 1, "minggu")),
        ("Tarifnya naik dua kali lipat.", ("dua kali lipat", 2, "kali lipat")),
        ("Dengan klasifikasi industri menengah sebanyak 410.", ("industri menengah sebanyak 410", 410, "industri menengah")),
        ("Ada aset yang disita sebanyak 38, terdiri dari mobil.", ("aset yang disita sebanyak 38", 38, "aset")),
        ("Jumlah TPS kurang lebih 8.000.", ("TPS kurang lebih 8.000", 8000, "tps")),
        ("Kabupaten yang penduduknya mencapai lebih dari lima juta, perlu dimekarkan.",
         ("penduduknya mencapai lebih dari lima juta", 5000000, "penduduk")),
    ],
)
def test_fact_value_unit_and_text(nlp, text, expected):
    assert facts(nlp, text) == [expected]


def test_fact_fields(nlp):
    text = "Air pasang. Dengan klasifikasi industri menengah sebanyak 410, dan industri besar sebanyak 556."
    first, second = run(nlp, text)._.facts
    assert (first["subject"], second["subject"]) == ("industri menengah", "industri besar")
    assert text[first["start"] : first["end"]] == first["text"]
    assert first["sentence"] == "Dengan klasifikasi industri menengah sebanyak 410, dan industri besar sebanyak 556."
    assert first["quote_id"] is None and first["qualifier"] is None and first["ambiguous"] is False


def test_sentence_stops_at_the_paragraph(nlp):
    (fact,) = run(nlp, "Dana dipangkas Rp 218 miliar.\n\nIa mengusulkan target baru.")._.facts
    assert fact["sentence"] == "Dana dipangkas Rp 218 miliar."


def test_range_qualifier_and_ambiguous_digits(nlp):
    doc = run(nlp, "Kerugian turun dari 20-30 persen. Kontribusinya lebih dari 13%. Sarang walet sebanyak 35,386 kg.")
    fields = [(f["value"], f["value_max"], f["unit"], f["qualifier"], f["ambiguous"]) for f in doc._.facts]
    assert fields == [
        (20, 30, "persen", None, False),
        (13, None, "persen", "lebih dari", False),
        (35.386, None, "kg", None, True),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Perayaan HUT ke-79 RI berlangsung meriah.",
        "Hal itu diatur dalam UU 23/2014 tentang Pemerintahan Daerah.",
        "Terdakwa melanggar Pasal 5 ayat (1) undang-undang itu.",
        "Warga RT 03 bergotong royong.",
        "Kecelakaan terjadi di KM 12 jalan tol.",
        "Hingga pukul 10.00 WIB, air belum surut.",
        "Banjir sejak jam 16.00 WIB kemarin.",
        "Pada 2026, BPS akan melakukan sensus.",
        "Ribuan orang memadati jalan, puluhan warga mengungsi.",
        "Hubungi 081234567890 untuk informasi.",
        "Kata salah satu pengemudi ojol.",
        "Harga satu paket alat itu mahal.",
        "Ia berbicara Senin (28/9/2020) di kantornya.",
        "Pameran digelar 19–25 Agustus 2024 di mal.",
        "Sektor kedua adalah perdagangan.",
        "Kendaraan roda dua dan empat terpaksa melaju perlahan.",
        "Wawan (35) tinggal di sana.",
        "Indeks PM 10 naik.",
        "Di bawah pimpinannya SMA Negeri 3 Madiun terus berkembang.",
        "Pemerintah mengeluarkan PP No. 1 tahun 2007 sebagai revisi.",
        "Dividen dibayarkan pada tanggal lima Desember 2006.",
        "Kota itu berdiri sekitar 400 SM di tepi sungai.",
    ],
)
def test_not_facts(nlp, text):
    assert facts(nlp, text) == []


def test_words_after_a_number_are_not_the_subject_of_the_next(nlp):
    assert facts(nlp, "Suku bunga turun 25 basis poin menjadi 12,5.") == [("25 basis poin", 25, "basis poin")]


def test_capitalised_count_at_sentence_start(nlp):
    assert facts(nlp, "Sebanyak 35 Inovasi dipamerkan.") == [("35 Inovasi", 35, "inovasi")]


def test_quote_id(nlp):
    text = "“Industri menengah ada 410 unit,” katanya. Sebanyak 3.178 industri bangkit."
    quote = {"id": "q1", "start": 1, "end": text.index("”")}
    doc = run(nlp, text, quotes=[quote, {"id": "q2", "start": None, "end": None}])
    assert [(f["text"], f["quote_id"]) for f in doc._.facts] == [("410 unit", "q1"), ("3.178 industri", None)]


def test_repeated_count_gets_one_unit(nlp):
    doc = run(nlp, "KPP menyita dua bidang tanah milik penunggak. Ada dua bidang tanah kosong di desa.")
    assert [f["unit"] for f in doc._.facts] == ["bidang tanah", "bidang tanah"]


def warnings(doc):
    return [(w["code"], w.get("stated"), w.get("listed")) for w in doc._.warnings or []]


def test_count_mismatch(nlp):
    text = (
        "Menurutnya, sembilan kawasan industri di kota itu sudah beroperasi. Yakni Kawasan Industri Alfa, "
        "Kawasan Industri Beta, Kawasan Industri Gama, Kawasan Industri Delta, Lingkungan Industri Kecil Eta, "
        "Kawasan Industri Teta, Kawasan Industri Iota."
    )
    assert warnings(run(nlp, text)) == [("count_mismatch", 9, 7)]


def test_count_matching_its_list_gives_no_warning(nlp):
    text = (
        "Sedikitnya ada lima calon DOB yang diajukan. Yakni Kabupaten Bogor Barat, Kabupaten Garut Selatan, "
        "dan Kabupaten Bogor Timur. Lalu Kabupaten Cianjur Selatan dan Kabupaten Subang Utara."
    )
    assert warnings(run(nlp, text)) == []
    text = "Sidang menghadirkan tiga terdakwa yakni Direktur Operasional PT Maju, Nasori, Kepala Cabang PT Maju Agus, dan Ali."
    assert warnings(run(nlp, text)) == []


def test_parts_exceeding_their_total(nlp):
    ok = run(nlp, "Acara itu diikuti 120 peserta, yakni 70 peserta dari Semarang dan 50 peserta dari Solo.")
    assert warnings(ok) == []
    wrong = run(nlp, "Acara itu diikuti 120 peserta, yakni 80 peserta dari Semarang dan 50 peserta dari Solo.")
    assert [w["code"] for w in wrong._.warnings] == ["parts_exceed_total"]
    assert (wrong._.warnings[0]["total"], wrong._.warnings[0]["parts"]) == (120, 130)


@pytest.mark.parametrize(
    "text",
    [
        # parts in other units are no partition of the total
        "Polisi menurunkan 12 tim, terdiri dari 57 orang dan 12 kendaraan operasional.",
        "Korban dirawat di tiga rumah sakit, yakni 3 korban di RS Stella Maris dan 7 korban di RS Pelamonia.",
        # percentages are rates of different bases
        "Realisasi baru 60 persen, yakni Keerom 45 persen dan Mamberamo Raya 56,7 persen.",
    ],
)
def test_no_total_warning_across_units_or_for_rates(nlp, text):
    assert warnings(run(nlp, text)) == []


@pytest.mark.parametrize(
    "text, count",
    [
        ("A, B, dan C", 3),
        ("partikel halus dengan diameter 2,5 mikrometer, PM 10, kelembapan, dan suhu", 4),
        ("Direktur Operasional PT Maju, Nasori, dan Ali", 2),
        ("Direktur Operasional PT Maju, Nasori, Kepala Cabang PT Maju Agus, dan Ali", 3),
    ],
)
def test_list_items(text, count):
    assert len(list_items(text)) == count


@pytest.mark.parametrize(
    "text",
    [
        # lists of common nouns, whose "dan" splits items, are not counted
        "Ada tiga jenis penanganan, yakni disiplin, kode etik, dan pidana, kata dia.",
        "Lima sektor utama, yaitu pertambangan, pertanian, industri, perdagangan, dan konstruksi, masih tumbuh negatif.",
        # an apposition inside a list of names makes it unreadable
        "Polisi menetapkan dua orang tersangka yaitu Brigjen Prasetijo Utomo dan kuasa hukum Joko, Anita Kolopaking.",
        # the sentence goes on after the names
        "Sebanyak dua daerah, yakni Kabupaten Tegal dan Kabupaten Pemalang, kembali mengumumkan kasus baru.",
        # parallel names are items, not appositions
        "Bantuan dibagikan di tiga titik, yakni Balai Desa Damarsi, Desa Entalsewu, dan Desa Sidokerto.",
    ],
)
def test_no_count_warning_where_the_list_agrees_or_cannot_be_counted(nlp, text):
    doc = nlp(text)
    assert not [w for w in doc._.warnings or [] if w["code"] == "count_mismatch"]
