"""Organisations on sentences written in the style of Indonesian news: one record per body, however
the article shortens or spells it, and never two bodies in one record."""

import pytest

from conftest import entities
from pipeline.entities import EntityRecognizer
from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp(rules_entity_nlp):
    return rules_entity_nlp


def bodies(nlp, text):
    return {name: e for (kind, name), e in entities(nlp, text).items() if kind in ("AGENCY", "ORG")}


def test_region_written_short_or_long_is_one_body(nlp):
    text = (
        "Badan Pusat Statistik (BPS) Jateng merilis angka inflasi bulan ini. Menurut Badan Pusat "
        "Statistik (BPS) Provinsi Jawa Tengah, harga beras naik dua kali."
    )
    assert len(bodies(nlp, text)) == 1


def test_same_acronym_in_other_regions_stays_apart(nlp):
    text = (
        "Badan Pusat Statistik (BPS) Jateng merilis angka inflasi. Badan Pusat Statistik (BPS) "
        "Kota Semarang mencatat angka yang lebih rendah."
    )
    assert len(bodies(nlp, text)) == 2


def test_shortened_name_joins_the_body_it_starts(nlp):
    text = (
        "Pemprov akan bekerja sama dengan Balai Karantina Hewan, Ikan, dan Tumbuhan (BKHIT) untuk "
        "mempercepat ekspor. \"Sinergi dengan Balai Karantina terus kami dorong,\" ujarnya."
    )
    found = bodies(nlp, text)
    karantina = [e for name, e in found.items() if name.startswith("Balai Karantina")]
    assert len(karantina) == 1 and karantina[0]["acronym"] == "BKHIT"
    assert len(karantina[0]["mentions"]) == 2


def test_body_named_by_its_acronym_joins_the_spelt_out_one(nlp):
    text = (
        "Dinas Ketahanan Pangan, Kelautan dan Perikanan (KPKP) menyiapkan subsidi vaksin. Kepala "
        "Dinas KPKP, Suwarno, mengatakan program itu dimulai tahun depan."
    )
    found = bodies(nlp, text)
    assert list(found) == ["Dinas Ketahanan Pangan, Kelautan dan Perikanan"]
    assert found["Dinas Ketahanan Pangan, Kelautan dan Perikanan"]["acronym"] == "KPKP"


def test_dpr_is_not_a_short_form_of_dprd(nlp):
    text = "DPRD Jabar telah menyerahkan usulan pemekaran itu ke DPR dan Kementerian Dalam Negeri."
    found = bodies(nlp, text)
    assert "DPR" in found and "DPRD Jabar" in found


def test_bare_acronym_between_two_regional_bodies_is_not_guessed(nlp):
    text = (
        "DPRD Kota Bogor dan DPRD Kabupaten Bogor menggelar rapat bersama. Dalam rapat itu DPRD "
        "meminta data pemilih diperbarui."
    )
    found = bodies(nlp, text)
    assert {"DPRD Kota Bogor", "DPRD Kabupaten Bogor", "DPRD"} <= set(found)


def test_common_word_opening_a_sentence_is_not_the_news_agency(nlp):
    text = (
        "Bantuan disalurkan di tujuh titik. Antara lain di Desa Konga dan Desa Bokang. Hal itu "
        "disampaikan Bupati, sebagaimana dilansir dari Antara."
    )
    found = bodies(nlp, text)
    assert [m["text"] for m in found["Antara"]["mentions"]] == ["Antara"]
    assert found["Antara"]["mentions"][0]["start"] == text.rindex("Antara")


def bodies_with_model_spans(text, model_orgs):
    """The names of the bodies found in text when the small statistical model has tagged the
    phrases model_orgs as ORG (set here by hand, as the model would)."""
    nlp = build_nlp(ner_model=None)
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(phrase), text.index(phrase) + len(phrase), label="ORG") for phrase in model_orgs]
    return {e["name"] for e in EntityRecognizer(nlp)(doc)._.entities if e["type"] in ("ORG", "AGENCY")}


def test_model_ranks_and_ships_are_no_bodies():
    names = bodies_with_model_spans(
        "Kapolres Bogor AKBP Rio Wahyu Anggoro memimpin apel. Laksma Retiono Kunto mengatakan kapal "
        "induk USS Nimitz terdeteksi. KMP Jatra II melayani rute itu bersama Pertamina Patra Niaga.",
        ["Bogor AKBP", "Laksma", "USS Nimitz", "KMP Jatra II", "Pertamina Patra Niaga"])
    assert not names & {"Bogor AKBP", "Laksma", "USS Nimitz", "KMP Jatra II"}
    assert "Pertamina Patra Niaga" in names


@pytest.mark.parametrize(
    "text, body",
    [
        # news outlets named in the text
        ("\"Airnya terus naik sejak pagi,\" kata Wawan kepada detikJateng di lokasi.", "detikJateng"),
        ("Hal itu disampaikan Dony saat diskusi di Jakarta, dikutip dari KONTAN, Kamis.", "KONTAN"),
        ("Saat dikonfirmasi Kompas.com, Kapolsek membenarkan penangkapan itu.", "Kompas.com"),
        # foreign bodies and media known by name alone (data/known_bodies.tsv)
        ("Rencana itu dilaporkan New York Times, mengutip pejabat intelijen AS.", "New York Times"),
        ("Pentagon memerintahkan kapal induk itu berlayar ke Timur Tengah.", "Pentagon"),
        ("Pasar menunggu kesimpulan dari pertemuan Fed pekan ini.", "Fed"),
        ("Pernyataan itu dibacakan di televisi pemerintah, dikutip dari The Guardian, Kamis.", "The Guardian"),
        ("Seorang pejabat berbicara kepada kantor berita RIA Novosti bahwa kapal itu bergerak.", "RIA Novosti"),
        # heads and acronyms of bodies
        ("Alat itu dikembangkan tim Fakultas Teknik Undip sejak tahun lalu.", "Fakultas Teknik Undip"),
        ("Kepala Pusat Kebijakan Perdagangan Internasional Kemendag, Olvy Andrianita, menyampaikan hal itu.",
         "Pusat Kebijakan Perdagangan Internasional Kemendag"),
        ("Kapal itu dipindahkan ke wilayah Komando Pusat AS pekan ini.", "Komando Pusat AS"),
        ("Pemkot bersama TAPD dan Banggar membahas efisiensi belanja.", "TAPD"),
        ("Peserta BPJS Kesehatan di kota itu bertambah.", "BPJS Kesehatan"),
        ("Ia kini menjabat Ketua DPW Jabar partai tersebut.", "DPW Jabar"),
        ("Sampel diuji di Labkesda Kota Samarinda sebelum dikirim.", "Labkesda Kota Samarinda"),
    ],
)
def test_bodies_named_in_the_text(nlp, text, body):
    assert body in bodies(nlp, text)


@pytest.mark.parametrize(
    "text, not_a_body",
    [
        ("Warga Jakarta Pusat memadati lokasi itu sejak pagi.", "Pusat"),
        ("Ia mengantongi dukungan dari 6 DPW dan 35 DPD PSI di seluruh Indonesia.", "DPD PSI"),
        ("Istri direksi BUMN dilarang ikut campur urusan kantor.", "BUMN"),
    ],
)
def test_qualifiers_counts_and_classes_are_no_bodies(nlp, text, not_a_body):
    assert not [name for name in bodies(nlp, text) if not_a_body in name]


def test_party_board_is_one_body_and_a_year_is_no_count(nlp):
    found = bodies(nlp, "Rapat Dewan Pimpinan Pusat Partai NasDem digelar. Pada 2024 KPU menetapkan jadwal.")
    assert "Dewan Pimpinan Pusat Partai NasDem" in found and "KPU" in found


@pytest.mark.parametrize(
    "text, venue, body",
    [
        ("Bazar digelar di Halaman Gedung DPRD DKI Jakarta pada pekan depan.", "Gedung DPRD DKI Jakarta", "DPRD DKI Jakarta"),
        ("Laporan itu diluncurkan di Auditorium CSIS, Jakarta, Jumat.", "Auditorium CSIS", "CSIS"),
    ],
)
def test_body_inside_a_venue_is_named_there_too(nlp, text, venue, body):
    found = entities(nlp, text)
    assert ("LOC", venue) in found
    assert body in bodies(nlp, text)
    mention = bodies(nlp, text)[body]["mentions"][0]
    assert text[mention["start"]:mention["end"]] == body


def test_town_hall_is_a_place_not_a_body(nlp):
    text = "Acara itu berlangsung di Balai Kota Jakarta, Minggu malam."
    assert ("LOC", "Balai Kota Jakarta") in entities(nlp, text)
    assert not bodies(nlp, text)


def test_initials_of_a_person_are_no_body(nlp):
    text = ("Bocah berinisial MK (7) masih dirawat. Dokter menangani anak MK sejak Senin. "
            "Perkara itu tidak sampai ke Mahkamah Konstitusi (MK).")
    found = bodies(nlp, text)
    assert [m["text"] for m in found["Mahkamah Konstitusi"]["mentions"]] == ["Mahkamah Konstitusi (MK)"]
    assert "MK" not in found


def test_model_things_named_with_an_unknown_acronym_are_no_bodies():
    names = bodies_with_model_spans(
        "Pemkot menaikkan Pajak PJU tahun ini. Harian Rangkaian HUT dimulai Senin. Saham Grup Djarum naik. "
        "Bandara itu dikelola AP II sejak lama. Kader PDI Perjuangan hadir.",
        ["Pajak PJU", "Harian Rangkaian HUT", "Grup Djarum", "AP II", "PDI Perjuangan"])
    assert "Pajak PJU" not in names and "Harian Rangkaian HUT" not in names
    assert {"Grup Djarum", "AP II", "PDI Perjuangan"} <= names  # a name word, or the acronym first


def test_outlet_as_the_last_word_of_a_text(nlp):
    assert "RADARSEMARANG.ID" in bodies(nlp, "Berita ini dikutip dari RADARSEMARANG.ID")
    assert "KONTAN" in bodies(nlp, "Data itu dilaporkan KONTAN")
