"""The per-Doc token table: its columns are the Doc's token attributes, its texts the Spans' texts."""

import pytest

from pipeline.nlp import build_nlp
from pipeline.token_table import TABLE_KEY, TokenTable, drop_token_table, token_table

TEXTS = [
    "Kepala Disperin Kota Semarang, Mustohar, mengatakan (35) warga  terdampak.\n\nIa datang pukul 10.30 WIB!",
    "“Kami siap,” kata Budi di Jalan Veteran. Harganya Rp 4,5 juta per ton",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(ner_model=None)


@pytest.mark.parametrize("text", TEXTS)
def test_columns_are_the_token_attributes(nlp, text):
    doc = nlp(text)
    table = TokenTable.of(doc)
    assert len(table) == len(doc)
    assert table.text == [t.text for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.whitespace == [t.whitespace_ for t in doc]
    assert table.sent_start == [t.is_sent_start is True for t in doc]
    assert table.is_punct == [t.is_punct for t in doc]
    assert table.is_alpha == [t.is_alpha for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert table.like_num == [t.like_num for t in doc]
    assert table.idx == [t.idx for t in doc]
    assert table.doc_text == doc.text
    assert table.text_positions == {word: [t.i for t in doc if t.text == word] for word in table.text}


@pytest.mark.parametrize("text", TEXTS)
def test_span_texts_and_offsets_are_the_spans(nlp, text):
    doc = nlp(text)
    table = TokenTable.of(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = doc[start:end]
            assert table.span_text(start, end) == span.text
            assert (table.idx[start], table.end_char(end)) == (span.start_char, span.end_char)
    assert table.span_text(3, 3) == "" and table.span_text(3, 2) == ""


def test_table_is_kept_until_dropped(nlp):
    doc = nlp(TEXTS[0])
    assert token_table(doc) is token_table(doc)
    drop_token_table(doc)
    assert TABLE_KEY not in doc.user_data


def test_entities_leave_no_table_on_the_doc(rules_entity_nlp):
    doc = rules_entity_nlp(TEXTS[0])
    assert doc._.entities and TABLE_KEY not in doc.user_data
