"""The components declare what they need and write, so nlp.analyze_pipes() checks their order."""

from pipeline.extraction import EXTRACTORS, build_pipeline
from pipeline.nlp import build_nlp


def test_berita_pipeline_order_has_no_problems():
    nlp = build_pipeline(ner_model=None)
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    assert "doc._.entities" in analysis["summary"]["berita_entities"]["assigns"]
    assert "doc._.entities" in analysis["summary"]["berita_quotes"]["requires"]


def test_a_wrong_order_is_reported():
    nlp = build_nlp(ner_model=None)
    # Facts before dates and quotes, quotes before entities: each misses what it reads.
    for name in ("berita_facts", "berita_quotes", "berita_dates", "berita_entities"):
        nlp.add_pipe(name)
    problems = nlp.analyze_pipes()["problems"]
    assert set(problems["berita_facts"]) == {"doc._.dates", "doc._.quotes"}
    assert set(problems["berita_quotes"]) == {"doc.ents", "doc._.entities"}
    assert problems["berita_entities"] == [] and set(EXTRACTORS) <= set(nlp.pipe_names)
