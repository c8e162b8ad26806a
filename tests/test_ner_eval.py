"""Tests of the NER evaluation module and the shipped NER model."""
from pathlib import Path

import pytest
import spacy

from pipeline.evaluation.ner import (
    evaluate_ner,
    format_ner_report,
    read_conll,
    score_spans,
    tags_to_spans,
)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
MODEL_DIR = REPO / "models" / "ner-id"

BIO_SPACE_CRLF = (
    "-DOCSTART- -X- O\r\n\r\n"
    "Joko PROPN B-PER\r\nWidodo PROPN I-PER\r\nke ADP O\r\nBanten PROPN B-LOC\r\n\r\n"
    "KPK PROPN B-ORG\r\nmenahan VERB O\r\n"
)
BILOU_TAB = (
    "Menteri\tO\nSri\tB-PERSON\nMulyani\tL-PERSON\ndi\tO\nJakarta\tU-PLACE\n\n\n"
    "Bank\tB-ORGANISATION\nIndonesia\tL-ORGANISATION\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write ``text`` byte-exactly (keeps CRLF) and return the path."""
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_read_conll_bio_space_crlf(tmp_path):
    sentences = read_conll(write(tmp_path, "a.txt", BIO_SPACE_CRLF))
    assert sentences == [
        [("Joko", "B-PER"), ("Widodo", "I-PER"), ("ke", "O"), ("Banten", "B-LOC")],
        [("KPK", "B-ORG"), ("menahan", "O")],
    ]


def test_read_conll_bilou_tab(tmp_path):
    sentences = read_conll(write(tmp_path, "b.txt", BILOU_TAB))
    assert len(sentences) == 2
    assert sentences[0][1] == ("Sri", "B-PERSON")
    assert tags_to_spans([t for _, t in sentences[0]]) == [(1, 3, "PERSON"), (4, 5, "PLACE")]
    assert tags_to_spans([t for _, t in sentences[1]]) == [(0, 2, "ORGANISATION")]


IDCROSSNER_TAB = (
    "Partai\tB-politicalparty\nGolkar\tI-politicalparty\nmengusung\tO\nAirlangga\tB-politician\n"
    "Hartarto\tI-politician\ndi\tO\nIndonesia\tB-country\nKTT \tB-event\n.\tOn\n"
)


def test_idcrossner_labels_map_to_berita_types(tmp_path):
    # Parties are organisations, politicians persons, countries places; events have no type. A
    # token with a trailing space and the stray tag "On" of the published files are read too.
    sentences = read_conll(write(tmp_path, "politics.txt", IDCROSSNER_TAB))
    assert sentences[0][7] == ("KTT", "B-event")
    from pipeline.evaluation.ner import _gold_spans

    assert _gold_spans(sentences) == {(0, 0, 2, "ORG"), (0, 3, 5, "PERSON"), (0, 6, 7, "LOC")}


def test_tags_to_spans_schemes():
    # IOBES, and an I- that does not continue the open type starts a new span.
    assert tags_to_spans(["S-LOC", "B-PER", "E-PER", "O"]) == [(0, 1, "LOC"), (1, 3, "PER")]
    assert tags_to_spans(["B-PER", "I-ORG", "I-ORG", "O", "I-LOC"]) == [
        (0, 1, "PER"), (1, 3, "ORG"), (4, 5, "LOC")]


def test_score_spans_by_hand():
    gold = {(0, 0, 2, "PERSON"), (0, 3, 4, "LOC"), (1, 0, 1, "ORG"), (1, 2, 4, "LOC")}
    pred = {(0, 0, 2, "PERSON"), (0, 3, 4, "ORG"), (1, 0, 1, "ORG"), (1, 2, 3, "LOC"),
            (1, 5, 6, "PERSON")}
    result = score_spans(gold, pred)
    # PERSON: tp 1, pred 2, gold 1 -> P 0.5, R 1, F 2/3
    assert result["per_type"]["PERSON"]["f"] == pytest.approx(2 / 3)
    # ORG: tp 1, pred 2, gold 1 -> F 2/3; LOC: tp 0, pred 1, gold 2 -> F 0
    assert result["per_type"]["ORG"]["p"] == pytest.approx(0.5)
    assert result["per_type"]["LOC"]["f"] == 0.0
    assert result["per_type"]["LOC"]["gold"] == 2
    # micro: tp 2, pred 5, gold 4 -> P 0.4, R 0.5, F 4/9
    assert result["micro"]["p"] == pytest.approx(0.4)
    assert result["micro"]["r"] == pytest.approx(0.5)
    assert result["micro"]["f"] == pytest.approx(4 / 9)
    assert result["macro"]["f"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_macro_only_over_gold_types():
    result = score_spans({(0, 0, 1, "PERSON")}, {(0, 0, 1, "PERSON"), (0, 2, 3, "LOC")})
    assert result["macro"]["f"] == pytest.approx(1.0)
    assert result["micro"]["f"] == pytest.approx(2 / 3)


def test_evaluate_ner_with_rule_pipeline(tmp_path):
    """An entity_ruler predicting AGENCY/ESTATE is scored as ORG/LOC."""
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PERSON", "pattern": [{"TEXT": "Joko"}, {"TEXT": "Widodo"}]},
        {"label": "ESTATE", "pattern": "Banten"},
        {"label": "AGENCY", "pattern": "menahan"},
    ])
    result = evaluate_ner(nlp, write(tmp_path, "a.txt", BIO_SPACE_CRLF))
    assert result["per_type"]["PERSON"]["tp"] == 1
    assert result["per_type"]["LOC"]["tp"] == 1
    assert result["per_type"]["ORG"] == pytest.approx(
        {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "pred": 1, "gold": 1})
    assert result["micro"]["f"] == pytest.approx(2 / 3)
    assert result["tokens"] == 6
    report = format_ner_report(result)
    assert "PERSON" in report and "macro" in report


@pytest.mark.skipif(not MODEL_DIR.exists(), reason="models/ner-id has not been trained/shipped")
def test_shipped_model_tags_sentence():
    nlp = spacy.load(MODEL_DIR)
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}
    doc = nlp("Presiden Joko Widodo meresmikan Bendungan Karian di Kabupaten Lebak, Banten.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert any(label == "PERSON" and "Joko Widodo" in text for text, label in ents), ents
    assert any(label == "LOC" for _, label in ents), ents


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data (training corpora) is absent")
@pytest.mark.parametrize("gazetteer_features", [False, True], ids=["shipped-recipe", "gazetteer-features"])
def test_train_ner_tiny(tmp_path, gazetteer_features):
    """End-to-end: convert, train 2 epochs on a small slice, save, score (the shipped recipe and
    the variant whose tok2vec embeds the gazetteer classes)."""
    from pipeline.training.ner import DEV_FILES, TRAIN_FILES, train_ner

    data = tmp_path / "data"
    for rel in [rel for files in TRAIN_FILES.values() for rel in files] + list(DEV_FILES.values()):
        units = (SHARED_DATA / rel).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n\n")
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).write_text("\n\n".join(units[:20]) + "\n", encoding="utf-8")
    figures = train_ner(data, tmp_path / "model", overrides={"training.max_epochs": 2}, pretrain_epochs=1,
                        gazetteer_features=gazetteer_features)
    assert spacy.load(tmp_path / "model").meta["name"] == "ner_id"
    embed = spacy.load(tmp_path / "model").config["components"]["tok2vec"]["model"]["embed"]
    assert (embed["@architectures"] == "berita.GazetteerEmbed.v1") == gazetteer_features
    assert 0.0 <= figures["nergrit"]["macro"]["f"] <= 1.0
    assert set(figures) >= {"idner", "nergrit", "nerui"}
    sources = {s["name"] for s in spacy.load(tmp_path / "model").meta["sources"]}
    assert {"IndoLEM NER-UI", "IDCrossNER politics"} <= sources
