"""Golden test: the seed article (a Radar Semarang page as scraped) through the whole pipeline."""

import pytest

from pipeline.io.readers import read_articles

ESTATES = {
    "kawasan Industri Wijayakusuma",
    "Kawasan Industri Terboyo",
    "Kawasan Industri Lamicitra Nusantara",
    "Kawasan Industri Bukit Semarang Baru",
    "Lingkungan industri Kecil Bugangan Baru",
    "Kawasan Industri Guna Mekar Tambak Aji",
    "Kawasan Industri Candi",
}


@pytest.fixture
def seed_record(extractor, shared_datadir):
    """The record of the seed page, read as a raw .txt (title and furniture inside the text)."""
    [article] = read_articles([shared_datadir / "seed_radarsemarang.txt"])
    return extractor(article).model_dump(mode="json")


def test_record_is_valid(seed_record, record_validator):
    record_validator.validate(seed_record)


def test_metadata(seed_record):
    assert seed_record["title"] == "3.178 Industri Bangkit dan Genjot Produksi"
    assert seed_record["published"] == "2020-09-28"
    assert seed_record["dateline"] == {"place": "Semarang", "outlet": "RADARSEMARANG.ID"}
    assert seed_record["authors"] == ["avi", "ida", "bas"]
    for furniture in ("alexametrics", "Baca juga", "Artikel Terkait", "Menarik\n", "Populer", "(avi/ida/bas)"):
        assert furniture not in seed_record["text"]


def test_agency_with_acronym(seed_record):
    [agency] = [e for e in seed_record["entities"] if e["acronym"] == "Disperin"]
    assert agency["type"] == "AGENCY"
    assert agency["name"].startswith("Dinas Perindustrian")
    # the definition, "Kepala Disperin ...", "Disperin turut ...", "Disperin berusaha", "Data Disperin ..."
    assert len(agency["mentions"]) >= 4


def test_person_with_role(seed_record):
    [person] = [e for e in seed_record["entities"] if e["type"] == "PERSON"]
    assert person["name"] == "Mustohar"
    assert person["role"] == "Kepala Disperin Kota Semarang"
    assert len(person["mentions"]) == 4


def test_seven_estates(seed_record):
    assert {e["name"] for e in seed_record["entities"] if e["type"] == "ESTATE"} == ESTATES


def test_date(seed_record):
    assert [(d["text"], d["value"]) for d in seed_record["dates"]] == [("Senin (28/9/2020)", "2020-09-28")]


def test_direct_quotes_by_mustohar(seed_record):
    direct = [q for q in seed_record["quotes"] if q["type"] == "direct"]
    assert len(direct) == 5
    assert {q["speaker"] for q in direct} == {"Mustohar"}
    assert [q["cue"] for q in direct] == ["katanya", "imbuhnya", "sambungnya", "bebernya", "pungkasnya"]
    assert direct[0]["text"].startswith("Pandemi Covid-19 ini memang dirasakan")


def test_indirect_quotes(seed_record):
    indirect = {q["text"]: q for q in seed_record["quotes"] if q["type"] == "indirect"}
    said = indirect["fenomena global yang langka ini turut menghambat laju industri secara umum"]
    assert (said["speaker"], said["cue"]) == ("Mustohar", "mengatakan")
    assert any(q["cue"] == "Menurutnya" and q["speaker"] == "Mustohar" for q in indirect.values())


def test_facts(seed_record):
    facts = {(f["value"], f["text"]): f for f in seed_record["facts"]}
    values = {value for value, _ in facts}
    assert {3178, 410, 556, 9} <= values
    for fact in seed_record["facts"]:
        if fact["value"] in (3178, 410, 556):
            assert "industri" in fact["unit"]
    assert facts[(9, "sembilan kawasan industri")]["unit"] == "kawasan industri"


def test_count_warning(seed_record):
    [warning] = [w for w in seed_record["warnings"] if w["code"] == "count_mismatch"]
    assert "9" in warning["message"] and "7" in warning["message"]


def test_offsets_point_into_text(seed_record):
    text = seed_record["text"]
    for entity in seed_record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for item in seed_record["dates"] + seed_record["quotes"] + seed_record["facts"]:
        assert text[item["start"]:item["end"]] == item["text"]


def test_jsonl_input_gives_the_same_extractions(extractor):
    from pathlib import Path

    [article] = read_articles([Path(__file__).resolve().parents[1] / "corpus" / "radarsemarang-3178-industri.jsonl"])
    record = extractor(article).model_dump(mode="json")
    assert record["id"] == "radarsemarang-3178-industri"
    assert record["published"] == "2020-09-28"
    assert not any(w["code"] == "published_inferred" for w in record["warnings"])
    assert len([q for q in record["quotes"] if q["speaker"] == "Mustohar"]) >= 5
