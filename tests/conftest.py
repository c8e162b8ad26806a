"""Shared fixtures: one loaded pipeline per test session, the shared data folder when present."""

from pathlib import Path

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

