"""Roles of persons written before or after the name, in words or titles (sentences written for
these tests in the style of Indonesian news)."""

import pytest

from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    """With the shipped NER model: it finds the names that no rule vouches for."""
    nlp = build_nlp()
    nlp.add_pipe("berita_entities")
    return nlp


def roles(nlp, text):
    return {e["name"]: e["role"] for e in nlp(text)._.entities if e["type"] == "PERSON"}


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a lower-case description before the name, with or without comma
        ("Menanggapi hal ini, pengamat kebijakan publik Fernando Wibowo mengatakan harga naik.",
         "Fernando Wibowo", "pengamat kebijakan publik"),
        ("Hal itu disampaikan jubir KPK, Budi Prasetyo, dalam keterangannya.", "Budi Prasetyo", "jubir KPK"),
        ("Ia datang melalui pengacaranya, Henri Simatupang, pada Selasa.", "Henri Simatupang", "pengacaranya"),
        # after the name: an age, then a description that ends at "kepada"
        ("“Jalannya rusak,” keluh Wulan Sari (29), warga Senen kepada wartawan, Rabu.", "Wulan Sari", "warga Senen"),
        ("Pernyataan itu datang dari Nasrul Hadi selaku Direktur Operasional PT Maju Jaya.",
         "Nasrul Hadi", "Direktur Operasional PT Maju Jaya"),
        # a rank after the comma is no part of the role
        ("Kapolsek Sukmajaya, AKP Rizky Tontowiputra, mengatakan pelaku ditangkap.", "Rizky Tontowiputra", "Kapolsek Sukmajaya"),
        # "mantan" belongs to the role; a list closed by "dan" stays inside it
        ("Sidang itu menghadirkan mantan Bupati Karanganyar Juliyatmono sebagai saksi.", "Juliyatmono", "mantan Bupati Karanganyar"),
        ("Ia bertemu Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah Willy Yunani di Semarang.",
         "Willy Yunani", "Kepala Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah"),
        # hyphenated region in the role
        ("Hadir pula Kepala Cabang PT Maju Energi Jateng-DIY Agus Hananto dalam rapat itu.",
         "Agus Hananto", "Kepala Cabang PT Maju Energi Jateng-DIY"),
        # English titles of business news
        ("Director PT Sinar Sekuritas Indonesia Tbk Rudi Hartanto menuturkan, saham itu masih menarik.",
         "Rudi Hartanto", "Director PT Sinar Sekuritas Indonesia Tbk"),
        ("Chief Economist Bank Mandala Andi Wibisono memperkirakan inflasi tetap rendah.",
         "Andi Wibisono", "Chief Economist Bank Mandala"),
    ],
)
def test_role_of_a_person(nlp, text, name, role):
    assert roles(nlp, text)[name] == role


def test_each_person_of_a_list_keeps_its_own_role(nlp):
    text = (
        "Sidang menghadirkan Direktur Operasional PT Maju Energi, Nasrul, Kepala Cabang PT Maju Energi "
        "Agus Hananto, dan Direktur Utama PT Maju Energi Ali Amri yang didakwa korupsi. "
        "Dana itu dikirim melalui terdakwa Nasrul, Ali Amri, dan Agus Hananto."
    )
    found = roles(nlp, text)
    assert found["Nasrul"] == "Direktur Operasional PT Maju Energi"
    assert found["Agus Hananto"] == "Kepala Cabang PT Maju Energi"
    assert found["Ali Amri"] == "Direktur Utama PT Maju Energi"


def test_an_honorific_is_no_role(nlp):
    assert roles(nlp, "Menurut Ibu Siti Aminah, harga beras naik.").get("Siti Aminah") is None


@pytest.mark.parametrize(
    "text, name, role",
    [
        # a role in brackets after the name
        ("Usulan yang disebut Pak Kenneth Wijaya (Anggota DPRD DKI) itu masih dikaji.", "Kenneth Wijaya", "Anggota DPRD DKI"),
        # a role in words ends where the scraper glued the next words together
        ("“Airnya selutut,” kata Slamet Riyadi, pengendara asal Demak kepadadetikJateng, Senin.", "Slamet Riyadi",
         "pengendara asal Demak"),
    ],
)
def test_role_after_the_name_in_brackets_or_before_glued_words(nlp, text, name, role):
    assert roles(nlp, text)[name] == role


def test_a_bracket_after_the_name_without_a_role_gives_none(nlp):
    found = roles(nlp, "“Kami siap,” kata Budi Hartono (Bogor) kepada wartawan.")
    assert found["Budi Hartono"] is None
