"""PFSA-ID evaluation of the quotes: article split, Docs from the given tokens, span scores."""

import pytest

from pipeline.evaluation.ner import read_conll
from pipeline.evaluation.quotes import (
    article_doc,
    evaluate_pfsa,
    format_quote_report,
    overlap_matches,
    split_articles,
)
from pipeline.nlp import build_nlp


@pytest.fixture(scope="module")
def nlp():
    pipeline = build_nlp(None)
    pipeline.add_pipe("berita_quotes")
    return pipeline


def test_split_articles_at_each_dateline(shared_datadir):
    articles = split_articles(read_conll(shared_datadir / "quotes_pfsa_sample.txt"))
    assert [len(a) for a in articles] == [3, 3]
    assert [a[0][0][0] for a in articles] == ["JAKARTA", "SURABAYA"]


def test_article_doc_keeps_the_given_tokens_and_sentences(nlp, shared_datadir):
    article = split_articles(read_conll(shared_datadir / "quotes_pfsa_sample.txt"))[0]
    doc, tags = article_doc(nlp, article)
    assert [t.text for t in doc] == [token for sentence in article for token, _ in sentence]
    assert len(tags) == len(doc)
    assert [s[0].text for s in doc.sents] == ["JAKARTA", "Kami", "Jangan"]
    assert "terlambat, ” kata Budi." in doc.text


def test_scores_direct_quotes_with_their_marks_cues_and_speakers(nlp, shared_datadir):
    result = evaluate_pfsa(nlp, shared_datadir / "quotes_pfsa_sample.txt")
    assert result["articles"] == 2
    # The quote of Rina is not annotated in the sample (as the corpus leaves out ordinary people).
    statement = result["statement"]["exact"]
    assert (statement["tp"], statement["pred"], statement["gold"]) == (2, 3, 2)
    assert statement["p"] == pytest.approx(0.6667) and statement["r"] == 1.0
    cue = result["cue"]["exact"]
    assert (cue["tp"], cue["pred"], cue["gold"]) == (2, 3, 2)
    person = result["person"]["exact"]
    assert (person["tp"], person["pred"], person["gold"]) == (1, 2, 2)
    report = format_quote_report(result)
    assert "STATEMENT exact" in report and "PERSON+PERSONCOREF overlap" in report


def test_overlap_matches_are_one_to_one():
    assert overlap_matches({(0, 5), (6, 9)}, {(2, 8)}) == 1
    assert overlap_matches({(0, 5), (6, 9)}, {(4, 7), (8, 12)}) == 2
    assert overlap_matches({(0, 5)}, {(5, 9)}) == 0
