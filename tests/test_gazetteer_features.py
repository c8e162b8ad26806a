"""The gazetteer classes the NER variant of `berita train ner --gazetteer-features` embeds, on
sentences written for these tests in the style of Indonesian news."""

from importlib.metadata import entry_points

import numpy
import pytest

from pipeline.gazetteer_features import (
    BEGIN,
    BODY_HEAD,
    CLASS_COUNTS,
    COLUMNS,
    INSIDE,
    NOT_CAPITALISED,
    OTHER_PLACE,
    PLACE_HEAD,
    UNKNOWN_WORD,
    gazetteer_classes,
    gazetteer_embed,
    gazetteer_feature_extractor,
)
from pipeline.nlp import build_nlp

REGION, BODY, HEAD, ROLE, FREQUENCY = range(len(COLUMNS))


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(ner_model=None)


def classes_of(nlp, text: str, column: int) -> dict[str, int]:
    """{token text: its class in `column`} for the tokens of `text` (each test's words are distinct)."""
    doc = nlp(text)
    return {token.text: int(row[column]) for token, row in zip(doc, gazetteer_classes(doc))}


def region_classes(level: int) -> tuple[int, int]:
    """The (begin, inside) region classes of an administrative level."""
    return 2 * level - 1, 2 * level


def test_regions_carry_their_level(nlp):
    found = classes_of(nlp, "Banjir merendam Kecamatan Mijen, Kabupaten Grobogan dan Jawa Tengah.", REGION)
    assert found["Mijen"] == region_classes(3)[0]
    # Grobogan is a regency and one of its districts: the most general level wins.
    assert found["Grobogan"] == region_classes(2)[0]
    # Longest match: the province "Jawa Tengah", not "Jawa" the island of places.txt.
    assert (found["Jawa"], found["Tengah"]) == region_classes(1)
    assert found["Banjir"] == found["merendam"] == found["Kecamatan"] == 0


def test_places_abroad_and_short_names(nlp):
    found = classes_of(nlp, "Gubernur Jateng bertolak ke Amerika Serikat pekan ini.", REGION)
    assert found["Jateng"] == region_classes(1)[0]  # region_aliases: Jawa Tengah
    assert (found["Amerika"], found["Serikat"]) == OTHER_PLACE


def test_region_names_need_a_capital_letter(nlp):
    found = classes_of(nlp, "Warga tembalang mengadu ke kantor Kecamatan Tembalang.", REGION)
    assert found["tembalang"] == 0
    assert found["Tembalang"] == region_classes(3)[0]


def test_districts_named_by_common_words_are_left_out(nlp):
    # "Kota Baru" is a district whose bare name "Baru" is one of the commonest Indonesian words.
    found = classes_of(nlp, "Jembatan Baru itu diresmikan kemarin.", REGION)
    assert found["Baru"] == 0


def test_bodies_by_acronym_and_full_name(nlp):
    found = classes_of(nlp, "Data BPS dibahas Kementerian Keuangan bersama Bank Dunia.", BODY)
    assert found["BPS"] == BEGIN
    assert (found["Kementerian"], found["Keuangan"]) == (BEGIN, INSIDE)
    assert (found["Bank"], found["Dunia"]) == (BEGIN, INSIDE)
    assert found["Data"] == found["bersama"] == 0


def test_heads_of_bodies_and_places(nlp):
    found = classes_of(nlp, "Rapat di Gedung Sate dihadiri Universitas Diponegoro dan Kabupaten Demak.", HEAD)
    assert found["Gedung"] == PLACE_HEAD[0]
    assert found["Kabupaten"] == PLACE_HEAD[0]
    assert found["Universitas"] == BODY_HEAD[0]
    assert found["Sate"] == found["Diponegoro"] == 0


def test_roles_in_any_case(nlp):
    found = classes_of(nlp, "Wakil Gubernur hadir, kata presiden kepada wartawan.", ROLE)
    assert (found["Wakil"], found["Gubernur"]) == (BEGIN, INSIDE)
    assert found["presiden"] == BEGIN
    assert found["wartawan"] == found["hadir"] == 0


def test_frequency_band_of_capitalised_words(nlp):
    found = classes_of(nlp, "Dia menemui Sutarjoyo di pasar.", FREQUENCY)
    assert found["Sutarjoyo"] == UNKNOWN_WORD  # a name no word list knows
    assert found["Dia"] == CLASS_COUNTS[FREQUENCY] - 1  # one of the commonest words: the top band
    assert found["menemui"] == found["pasar"] == NOT_CAPITALISED


def test_extractor_reads_spans_as_their_doc_rows(nlp):
    doc = nlp("Menurut Kepala BPS Jawa Tengah, harga beras naik.")
    span_rows = gazetteer_feature_extractor().predict([doc[2:5]])[0]
    numpy.testing.assert_array_equal(span_rows, gazetteer_classes(doc)[2:5])
    assert span_rows.dtype == numpy.uint64


def test_embedding_gives_one_vector_per_token(nlp):
    docs = [nlp("Bupati Demak meninjau banjir."), nlp("Menteri Keuangan tiba di Jakarta kemarin sore.")]
    model = gazetteer_embed(width=32, attrs=["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows=[500, 100, 200, 50], gazetteer_width=8)
    model.initialize(X=docs)
    vectors = model.predict(docs)
    assert [v.shape for v in vectors] == [(len(docs[0]), 32), (len(docs[1]), 32)]


def test_embedding_rejects_mismatched_rows():
    with pytest.raises(ValueError, match="rows"):
        gazetteer_embed(width=32, attrs=["NORM", "SHAPE"], rows=[500], gazetteer_width=8)


def test_spacy_finds_the_architecture_by_entry_point():
    # spacy.load of a model trained with the features resolves the name through this entry point.
    (point,) = [p for p in entry_points(group="spacy_architectures") if p.name == "berita.GazetteerEmbed.v1"]
    assert point.load() is gazetteer_embed
