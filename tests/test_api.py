"""The Python API: pipeline.extract and the components in a user's own spaCy pipeline."""

import spacy

import pipeline

TEXT = (
    "JP Bogor – Pemkot Bogor membuka lowongan CPNS sebanyak 379 formasi.\n\n"
    "“Jumlah alokasi sebanyak 379 formasi,” kata Penjabat Bupati Bogor Asmawa Tosepu di Cibinong, Rabu (21/8)."
)


def test_extract_returns_a_valid_record(record_validator):
    record = pipeline.extract(TEXT, id="bogor-cpns", title="Pemkab Bogor Buka Lowongan CPNS", published="2024-08-22")
    data = record.model_dump(mode="json")
    record_validator.validate(data)
    assert data["id"] == "bogor-cpns"
    assert data["dateline"] == {"place": None, "outlet": "JP Bogor"}
    assert data["text"].startswith("Pemkot Bogor membuka lowongan")
    assert ("2024-08-21", "Rabu (21/8)") in {(d["value"], d["text"]) for d in data["dates"]}
    [person] = [e for e in data["entities"] if e["type"] == "PERSON"]
    assert (person["name"], person["role"]) == ("Asmawa Tosepu", "Penjabat Bupati Bogor")
    [quote] = data["quotes"]
    assert quote["speaker"] == "Asmawa Tosepu" and quote["speaker_id"] == person["id"]
    assert {f["value"] for f in data["facts"]} == {379}


def test_components_in_a_users_own_pipeline():
    # Registered through entry points: no import of berita's modules is needed.
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    for name in ("berita_entities", "berita_dates", "berita_quotes", "berita_facts"):
        nlp.add_pipe(name)
    doc = nlp("Kepala Disperin Kota Semarang Mustohar mengatakan sebanyak 3.178 industri sudah beroperasi.")
    assert [e["name"] for e in doc._.entities if e["type"] == "PERSON"] == ["Mustohar"]
    assert [(q["type"], q["speaker"]) for q in doc._.quotes] == [("indirect", "Mustohar")]
    assert [f["value"] for f in doc._.facts] == [3178]


def test_empty_and_furniture_only_articles_are_clear_errors():
    from pipeline.extraction import ArticleError

    for text in ("", "Baca juga: Sesuatu\n\nArtikel Terkait\n\nADVERTISEMENT"):
        try:
            pipeline.extract(text)
        except ArticleError as error:
            assert str(error) == "no article text left after removing page furniture"
        else:
            raise AssertionError(f"no error for {text!r}")


def test_over_long_text_is_cut_with_a_warning():
    from pipeline.extraction import Extractor
    from pipeline.io.readers import Article
    from pipeline.limits import Limits

    extractor = Extractor(ner_model=None, limits=Limits(max_chars=2_000))
    data = extractor(Article("Budi datang ke balai desa. " * 100, id="long")).model_dump(mode="json")
    assert 1_000 < len(data["text"]) <= 2_000 and data["text"].endswith("desa.")
    [warning] = [w for w in data["warnings"] if w["code"] == "truncated"]
    assert warning["message"].startswith("the text (2,699 characters) was cut after 1,997")
