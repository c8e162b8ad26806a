"""Property tests over the public API (issue 13), with generated text: any unicode (control
characters, NUL, bidi and zero-width marks, combining marks, astral characters, lone surrogates)
mixed with what trips rules up (lone and unbalanced quote marks, long digit runs with
separators, dates such as "(31/2)" and "32/13/2020", lines of punctuation, publication dates at
the ends of the calendar).

For `pipeline.extract`, each component on its own and the readers: no exception; every offset
inside the text and text[start:end] equal to the span's own text; every record valid against
`berita schema`. A few hundred examples per property here, thousands under `pytest -m slow`.
Every failure found this way is a named test in test_hostile_input.py.
"""

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.extraction import EXTRACTORS, ArticleError, build_pipeline
from pipeline.io.readers import Article, ReadError, SkippedFile, read_articles

# Examples per property: in the normal suite, and under the slow marker (CI's second step).
SIZES = [150, pytest.param(2000, marks=pytest.mark.slow, id="thousands")]


def property_settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRAGMENTS = [
    "“", "”", '"', "„", "«", "»", "'", "’", "(", ")", "[", "—", "-", "–", ",", ".", ":", ";", "!!!", "...", "?",
    "(31/2)", "32/13/2020", "(28/9/2020)", "19/8", "0/0/0000", "5 Mei.", "17 Agustus", "Januari-September 2025",
    "Senin", "kemarin", "tiga hari lalu", "tahun depan", "akhir tahun lalu", "triwulan III", "tahun 2024",
    "kata Budi", "Menurut Siti,", "mengatakan", "ujarnya", "Dijelaskan Ani,", "Hal itu disampaikan",
    "Rp 4,5 miliar", "3.178 industri", "20-30 persen", "1.234,5", "35,386", "lebih dari", "sebanyak",
    "yakni", "terdiri dari", "sembilan", "dua puluh lima", "seratus ribu", "0812345678", "99999999999999999999",
    "Kota Semarang", "PT Maju Jaya", "Dinas Pendidikan (Disdik)", "Bupati", "Baca juga:", "Home | News",
    "anak-anak", "Covid-19", "ke-79", "RADARSEMARANG.ID", "Jl.", "https://contoh.id/a-b",
    "\u200b", "\u200f", "\u202e", "\u0301", "\ufeff", "\U0001F600", "\U00010348", "\x00", "\x07", "\x1b",
    "\ud800", "\udfff", "\n", "\n\n", "\r\n", "\t", " ", "  ",
]
pieces = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=12),
    st.from_regex(r"\d{1,40}(?:[.,/-]\d{1,6}){0,5}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{2,9}(?: [A-Z][a-z]{2,9}){0,2}", fullmatch=True),
    st.text(alphabet="“”\"()-.,!?|/ ", min_size=1, max_size=30),
)
texts = st.lists(pieces, max_size=40).map("".join)
words = st.lists(st.sampled_from(FRAGMENTS[:80]), min_size=1, max_size=60).map(" ".join)
any_text = st.one_of(texts, words)
published = st.one_of(st.none(), st.dates(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1, 3, 1)]))


def assert_spans_inside(text: str, spans) -> None:
    for span in spans:
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span


def check_record(data: dict, validator) -> None:
    validator.validate(data)
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # writable as a JSON line
    text = data["text"]
    assert_spans_inside(text, data["dates"] + data["quotes"] + data["facts"])
    assert_spans_inside(text, [m for e in data["entities"] for m in e["mentions"]])
    for fact in data["facts"]:
        assert 0 <= fact["sentence_start"] <= fact["start"] < fact["sentence_end"] <= len(text) or fact["start"] == fact["end"]
        if fact["sentence"] is not None:
            assert text[fact["sentence_start"]:fact["sentence_end"]] == fact["sentence"]


def extract_property(validator, text, day):
    try:
        record = pipeline.extract(text, published=day, title=text[:30] or None)
    except ArticleError as error:
        assert str(error) == "no article text left after removing page furniture"
        return
    check_record(record.model_dump(mode="json"), validator)


@pytest.mark.parametrize("examples", SIZES)
def test_extract_any_text(examples, record_validator):
    property_settings(examples)(given(text=any_text, day=published)(extract_property))(validator=record_validator)


@pytest.fixture(scope="module")
def rules_pipeline():
    return build_pipeline(None)


def components_property(nlp, text, day):
    """Each extractor alone on a Doc with sentences, the others' results absent."""
    for name in EXTRACTORS:
        doc = nlp.get_pipe("berita_sentences")(nlp.make_doc(text))
        doc._.published = day.isoformat() if day else None
        doc = nlp.get_pipe(name)(doc)
        assert_spans_inside(doc.text, (doc._.dates or []) + (doc._.quotes or []) + (doc._.facts or []))
        assert_spans_inside(doc.text, [m for e in doc._.entities or [] for m in e["mentions"]])


@pytest.mark.parametrize("examples", SIZES)
def test_each_component_alone(examples, rules_pipeline):
    property_settings(examples)(given(text=any_text, day=published)(components_property))(nlp=rules_pipeline)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
jsonl_lines = st.one_of(
    st.fixed_dictionaries({"text": any_text}, optional={"id": json_values, "title": json_values,
                                                         "published": st.one_of(json_values, st.dates().map(str)),
                                                         "url": json_values, "outlet": json_values}).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=30),
)
files = st.one_of(
    st.tuples(st.just("in.jsonl"), st.lists(jsonl_lines, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))),
    st.tuples(st.sampled_from(["in.txt", "in.html", "in.csv"]), st.one_of(any_text.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=200))),
)


def readers_property(file):
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for item in read_articles([folder]):
            assert isinstance(item, (Article, ReadError, SkippedFile))
            if isinstance(item, Article):
                item.text.encode("utf-8")  # no lone surrogate left
                assert item.text.strip()


@pytest.mark.parametrize("examples", SIZES)
def test_readers_any_file(examples):
    property_settings(examples)(given(file=files)(readers_property))()
