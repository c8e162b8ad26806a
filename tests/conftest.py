"""Shared fixtures: one loaded pipeline per test session, the shared data folder when present."""

from pathlib import Path

import json

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    """The full berita pipeline with the shipped NER model (rules only when it is absent)."""
    from pipeline.extraction import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def record_validator():
    """A JSON Schema validator for output records, built from `berita schema`'s schema."""
    from pipeline.record import record_schema

    schema = record_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def needs_shared(*parts: str):
    """Skip a test when ../shared (CI and developers have it, a fresh clone does not) is missing."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"needs {path} (../shared is not part of the repository)")


@pytest.fixture(scope="module")
def rules_entity_nlp():
    """Tokenizer, sentences and berita_entities with rules only, so that tests check the rules
    (and the gazetteers), not the trained model."""
    from pipeline.nlp import build_nlp

    nlp = build_nlp(ner_model=None)
    nlp.add_pipe("berita_entities")
    return nlp


def entities(nlp, text):
    """The entities berita_entities finds in `text`, keyed by (type, name)."""
    return {(e["type"], e["name"]): e for e in nlp(text)._.entities}



def through_docbin(doc):
    """The Doc saved in a DocBin and loaded into a fresh vocabulary, as another process or a later
    session would."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    [loaded] = DocBin(store_user_data=True).from_bytes(data).get_docs(Vocab())
    return loaded


def annotations(doc) -> str:
    """Everything berita writes on a Doc: the extensions, the entity spans and the quote parts, as
    JSON (a DocBin gives lists back as tuples)."""
    from pipeline.doc import EXTENSIONS

    return json.dumps((
        [getattr(doc._, name) for name in EXTENSIONS],
        [(span.start, span.end, span.label_, span.kb_id_) for span in doc.ents],
        [[(s.start, s.end, s.label_, s.id_) for s in doc.spans.get(group, [])] for group in ("quote_cues", "quote_speakers")],
    ))
