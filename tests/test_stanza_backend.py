"""The optional stanza backend: small models trained here, then loaded and run on berita's tokens.

The models are built by the session fixture with stanza's own training scripts (as `berita train
stanza` does, with tiny settings) on 60 short sentences of UD Indonesian CSUI in tests/data; they
learn little beyond punctuation, so the tests check the plumbing, not accuracy.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extraction import Extractor
from pipeline.io.readers import read_articles
from pipeline.nlp import build_nlp
from pipeline.stanza_backend import LEMMA_MODEL, POS_MODEL, StanzaModelError, load_stanza
from pipeline.training.stanza import StanzaSettings, train_models

pytest.importorskip("stanza", reason="the stanza backend needs stanza and torch: pip install -e '.[stanza]'")

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "id_csui_sample.conllu"
UPOS = {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X"}
TINY = StanzaSettings(pos_steps=150, eval_interval=150, batch_size=16, parser_batch_words=200, hidden_dim=32,
                      lemma_epochs=2, lemma_hidden_dim=32, dev_every=6)
TEXT = ("Presiden Joko Widodo meresmikan jalan tol di Semarang, Senin (28/9/2020). Dia datang bersama menteri.\n\n"
        "Harga beras naik 10 persen, kata pedagang.")


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """A folder with a tagger, a lemmatizer and a parser trained for seconds, and the summary."""
    folder = tmp_path_factory.mktemp("stanza-id")
    summary = train_models(SAMPLE, SAMPLE, folder, TINY, processors=("pos", "lemma", "depparse"))
    return folder, summary


@pytest.fixture(scope="session")
def tagger_dir(trained, tmp_path_factory):
    """The same models without the parser: what `berita train stanza` builds by default."""
    folder = tmp_path_factory.mktemp("stanza-tagger")
    for name in (POS_MODEL, LEMMA_MODEL):
        shutil.copyfile(trained[0] / name, folder / name)
    return folder


def words(doc):
    return [token for token in doc if not token.is_space]


def test_training_keeps_only_the_model_files(trained):
    folder, summary = trained
    assert sorted(path.name for path in folder.iterdir()) == ["depparse.pt", "lemma.pt", "pos.pt"]
    assert summary["sentences"] == {"train": 50, "dev": 10, "test": 60}
    test = summary["scores"]["test"]
    assert test["words"] == 731 and set(test) >= {"upos", "lemma", "uas", "las", "words_per_second"}


def test_loaded_pipeline_tags_pretokenized_sentences(tagger_dir):
    document = load_stanza(tagger_dir)([["Harga", "beras", "naik", "."], ["Dia", "datang", "!"]])
    assert [[word.text for word in sentence.words] for sentence in document.sentences] == [
        ["Harga", "beras", "naik", "."], ["Dia", "datang", "!"]]
    assert all(word.upos in UPOS and word.lemma for sentence in document.sentences for word in sentence.words)


def test_component_sets_pos_and_lemmas_on_berita_tokens(tagger_dir):
    nlp = build_nlp(None, stanza_dir=tagger_dir)
    doc = nlp(TEXT)
    assert [t.text for t in doc] == [t.text for t in build_nlp(None)(TEXT)]  # stanza does not retokenize
    assert all(token.pos_ in UPOS and token.lemma_ for token in words(doc))
    # Each token carries what stanza says of that word (no shift between words and tokens).
    direct = load_stanza(tagger_dir)([[t.text for t in words(s)] for s in doc.sents])
    said = [(word.upos, word.lemma) for sentence in direct.sentences for word in sentence.words]
    assert [(token.pos_, token.lemma_) for token in words(doc)] == said
    punctuation = [token for token in doc if token.text in {",", "."}]
    assert len(punctuation) == 5 and all(token.pos_ == "PUNCT" for token in punctuation)
    assert [token.pos_ for token in doc if token.is_space] == ["SPACE"]  # the paragraph break
    assert not doc.has_annotation("DEP")
    assert [token.pos_ for token in nlp("\n\n")] == ["SPACE"]  # no words: stanza is not called


def test_parser_gives_one_tree_per_berita_sentence(trained):
    sentences = [s.text for s in build_nlp(None)(TEXT).sents]
    doc = build_nlp(None, stanza_dir=trained[0])(TEXT)
    assert doc.has_annotation("DEP") and [s.text for s in doc.sents] == sentences
    for sentence in doc.sents:
        assert [token.dep_ for token in sentence if token.head == token] == ["ROOT"]
        assert all(sentence.start <= token.head.i < sentence.end and token.dep_ for token in sentence)


def test_missing_models_say_what_is_missing_and_how_to_build_it(tmp_path, tagger_dir):
    with pytest.raises(StanzaModelError, match="no stanza model folder at .*berita train stanza"):
        load_stanza(tmp_path / "nothing")
    shutil.copyfile(tagger_dir / POS_MODEL, tmp_path / POS_MODEL)
    with pytest.raises(FileNotFoundError, match="lemma.pt is missing.*berita train stanza"):
        build_nlp(None, stanza_dir=tmp_path)


def test_extract_refuses_a_missing_stanza_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(DATA / "seed_radarsemarang.txt"), "--out", str(tmp_path / "out.jsonl"),
              "--stanza", str(tmp_path / "nothing")])
    assert exit_info.value.code == 2
    assert "no stanza model folder" in capsys.readouterr().err


def test_whole_pipeline_with_stanza_gives_the_same_record(tagger_dir, record_validator):
    [article] = list(read_articles([DATA / "seed_radarsemarang.txt"]))
    plain = Extractor(ner_model=None)(article).model_dump(mode="json")
    record = Extractor(ner_model=None, stanza_dir=tagger_dir)(article).model_dump(mode="json")
    record_validator.validate(record)
    assert record["pipeline"]["models"]["stanza"] == f"{tagger_dir.name} (pos+lemma)"
    del record["pipeline"]["models"]["stanza"]
    assert record == plain and record["quotes"] and record["entities"]


def test_extract_with_stanza_imports_torch_and_tags(tmp_path, tagger_dir):
    out = tmp_path / "out.jsonl"
    # A fresh interpreter: without --stanza the command hides torch from thinc, with it not.
    script = ("import sys\nfrom pipeline.cli import main\ncode = main(sys.argv[1:])\nimport thinc.compat\n"
              "print(code, thinc.compat.has_torch)")
    done = subprocess.run([sys.executable, "-c", script, "extract", str(DATA / "seed_radarsemarang.txt"),
                           "--out", str(out), "--stanza", str(tagger_dir), "--quiet"],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["0", "True"], done.stderr
    assert out.read_text(encoding="utf-8").count("(pos+lemma)") == 1


@pytest.mark.parametrize("workers", ["1", "2"])
def test_extract_stops_on_a_model_that_does_not_load(tmp_path, tagger_dir, workers):
    broken = tmp_path / "broken"
    shutil.copytree(tagger_dir, broken)
    (broken / POS_MODEL).write_bytes(b"")
    out = tmp_path / "out.jsonl"
    # In a subprocess with a timeout: a worker that cannot load must end the run, not hang it.
    done = subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import main; raise SystemExit(main())", "extract",
         str(DATA / "seed_radarsemarang.txt"), "--out", str(out), "--stanza", str(broken), "--workers", workers],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 2
    assert "cannot load the pipeline" in done.stderr and "Traceback" not in done.stderr
