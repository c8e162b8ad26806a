"""berita's Docs serialise the spaCy way: the doc._ values are plain data and the quote parts are
span groups, so DocBin(store_user_data=True), Doc.to_bytes() and nlp.pipe(n_process=2) (which sends
Docs between processes as bytes) keep every result, and the records built from the Docs they give
back are those of the Docs that went in."""

from datetime import date

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from conftest import REPO, annotations, through_docbin
from pipeline.doc import add_warning
from pipeline.extraction import build_record
from pipeline.io.readers import read_jsonl, read_text_file

SEED = REPO / "corpus" / "radarsemarang-3178-industri.txt"


@pytest.fixture(scope="module")
def articles():
    """The seed page and two articles written for the tests."""
    return [read_text_file(SEED), *read_jsonl(REPO / "tests" / "data" / "tables_articles.jsonl")]


@pytest.fixture(scope="module")
def processed(extractor, articles):
    """(article, cleaned text, processed Doc) of each article."""
    prepared = [(article, *extractor.prepare(article)) for article in articles]
    return [(article, cleaned, extractor.nlp(doc)) for article, cleaned, doc in prepared]


def record_json(extractor, article, cleaned, doc) -> str:
    return build_record(article, cleaned, doc, extractor.nlp).model_dump_json()


def test_the_seed_has_what_a_round_trip_must_keep(processed):
    _, _, doc = processed[0]
    assert doc._.published and doc._.entities and doc._.quotes and doc._.facts and doc._.dates
    assert len(doc.spans["quote_cues"]) and len(doc.spans["quote_speakers"]) and doc.ents


def test_docbin_round_trip_gives_the_same_record(extractor, processed):
    article, cleaned, doc = processed[0]
    loaded = through_docbin(doc)
    assert annotations(loaded) == annotations(doc)
    assert record_json(extractor, article, cleaned, loaded) == record_json(extractor, article, cleaned, doc)


def test_a_component_can_warn_on_a_doc_read_from_a_docbin(extractor, processed):
    _, _, doc = processed[0]
    loaded = through_docbin(doc)
    add_warning(loaded, "checked", "read back")
    assert [w["code"] for w in loaded._.warnings] == [w["code"] for w in doc._.warnings or []] + ["checked"]


def test_doc_to_bytes_and_back_keeps_every_result(extractor, processed):
    for article, cleaned, doc in processed:
        loaded = Doc(Vocab()).from_bytes(doc.to_bytes())
        assert annotations(loaded) == annotations(doc)
        assert record_json(extractor, article, cleaned, loaded) == record_json(extractor, article, cleaned, doc)


def test_pipe_in_two_processes_gives_the_records_of_one(extractor, articles):
    records = {}
    for n_process in (1, 2):
        prepared = [(article, *extractor.prepare(article)) for article in articles]
        # batch_size=1: each process gets articles, not one process all of them.
        docs = extractor.nlp.pipe([doc for _, _, doc in prepared], n_process=n_process, batch_size=1)
        records[n_process] = [record_json(extractor, a, c, d) for (a, c, _), d in zip(prepared, docs)]
    assert records[2] == records[1]
    assert len(records[1]) == len(articles)


def test_a_published_date_that_would_not_serialise_is_refused(extractor):
    doc = extractor.nlp.make_doc("Pabrik dibuka kemarin.")
    doc._.published = date(2020, 9, 28)
    with pytest.raises(TypeError, match="ISO date string"):
        extractor.nlp(doc)


def test_every_berita_factory_declares_its_arguments_as_types():
    # spaCy validates a factory's config against its signature; confection 0.1 (spaCy 3.8.7)
    # cannot resolve annotations written as strings (`from __future__ import annotations`) and
    # refuses to build the component.
    import inspect

    from spacy import registry
    from spacy.language import Language

    import pipeline.extraction  # noqa: F401  (registers the components)
    import pipeline.stanza_backend  # noqa: F401

    names = [name for name in Language.factories if name.startswith("berita_")]
    assert {"berita_word_split", "berita_entities", "berita_dates", "berita_quotes", "berita_facts", "berita_stanza"} <= set(names)
    for name in names:
        factory = registry.factories.get(name)
        for parameter in inspect.signature(factory).parameters.values():
            assert not isinstance(parameter.annotation, str), (name, parameter)
