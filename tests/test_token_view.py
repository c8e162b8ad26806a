"""The per-Doc token view that the entities and quotes components share: its columns are the
Doc's token attributes, its texts and offsets the Spans', and it lives as long as its Doc."""

import gc
import weakref

import pytest

from pipeline.nlp import build_nlp
from pipeline.quote_view import DocView
from pipeline.token_view import TokenView, _views, token_view

TEXTS = [
    "Kepala Disperin Kota Semarang, Mustohar, mengatakan (35) warga  terdampak.\n\nIa datang pukul 10.30 WIB!",
    "“Kami siap,” kata Budi di Jalan Veteran. Harganya Rp 4,5 juta per ton",
    "“Stok beras aman,” ujar Kepala Bulog Jateng, Sri Hartati.\n\nIa menambahkan,  warga   diminta tenang. Menurut Ani, PT ABC rugi!",
    "\n\n  Banjir merendam 120 rumah di Desa Sukamaju.\n \nWarga mengungsi ke balai desa. Bantuan tiba sore hari.  \n",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(ner_model=None)


@pytest.mark.parametrize("text", TEXTS)
def test_columns_are_the_token_attributes(nlp, text):
    doc = nlp(text)
    tokens = TokenView(doc)
    assert len(tokens) == len(doc)
    assert tokens.text == [t.text for t in doc]
    assert tokens.lower == [t.lower_ for t in doc]
    assert tokens.whitespace == [t.whitespace_ for t in doc]
    assert tokens.sent_start == [t.is_sent_start is True for t in doc]
    assert tokens.is_punct == [t.is_punct for t in doc]
    assert tokens.is_alpha == [t.is_alpha for t in doc]
    assert tokens.is_space == [t.is_space for t in doc]
    assert tokens.like_num == [t.like_num for t in doc]
    assert tokens.idx == [t.idx for t in doc]
    assert tokens.doc_text == doc.text
    assert tokens.text_positions == {word: [t.i for t in doc if t.text == word] for word in tokens.text}


@pytest.mark.parametrize("text", TEXTS)
def test_span_texts_and_offsets_are_the_spans(nlp, text):
    doc = nlp(text)
    tokens = TokenView(doc)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = doc[start:end]
            assert tokens.span_text(start, end) == span.text
            assert (tokens.idx[start], tokens.end_char(end)) == (span.start_char, span.end_char)
    assert tokens.span_text(3, 3) == "" and tokens.span_text(3, 2) == "" and tokens.end_char(0) == 0


def test_positions_are_the_tokens_with_those_words(nlp):
    doc = nlp(TEXTS[2])
    tokens = token_view(doc)
    assert tokens.positions({"“", "”"}) == [t.i for t in doc if t.text in "“”"]
    assert tokens.positions({"menurut", "ujar"}, lower=True) == [t.i for t in doc if t.lower_ in ("menurut", "ujar")]
    assert tokens.positions({"menurut"}) == []  # "Menurut" as written


def test_one_view_per_doc_for_entities_and_quotes(nlp):
    doc = nlp(TEXTS[2])
    assert token_view(doc) is token_view(doc) is DocView(doc).tokens
    assert not any(isinstance(value, TokenView) for value in doc.user_data.values())  # nothing to serialise
    other = nlp(TEXTS[2])
    assert token_view(other) is not token_view(doc)


def test_view_is_forgotten_with_its_doc(nlp):
    doc = nlp(TEXTS[0])
    view = weakref.ref(token_view(doc))
    before = len(_views)
    del doc
    gc.collect()
    assert view() is None and len(_views) == before - 1


def test_view_follows_a_change_of_tokenisation(nlp):
    doc = nlp(TEXTS[1])
    assert token_view(doc).text[:3] == ["“", "Kami", "siap"]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[1:3])
    assert token_view(doc).text == [t.text for t in doc] and token_view(doc).text[1] == "Kami siap"


def reference_tables(doc, has_sents):
    """Paragraph and sentence of each token and each sentence's (start, end without trailing
    whitespace), token by token from spaCy's Tokens."""
    breaks = [t.is_space and "\n" in t.text for t in doc]
    paragraph, sentence, bounds = [], [], []
    for t in doc:
        opens = t.i > 0 and (breaks[t.i - 1] or (t.is_sent_start if has_sents else doc[t.i - 1].text in ".!?"))
        paragraph.append((paragraph[-1] + breaks[t.i - 1]) if t.i else 0)
        sentence.append((sentence[-1] + opens) if t.i else 0)
        if t.i == 0 or opens:
            bounds.append([t.i, t.i])
        if not t.is_space:
            bounds[-1][1] = t.i + 1
    return breaks, paragraph, sentence, [tuple(b) for b in bounds]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("with_sentences", [True, False])
def test_quote_view_tables_are_the_tokens_paragraphs_and_sentences(nlp, text, with_sentences):
    doc = nlp(text) if with_sentences else nlp.make_doc(text)
    view = DocView(doc)
    assert view.text is view.tokens.text and view.lower is view.tokens.lower
    assert (view.breaks, view.paragraph, view.sentence, view.bounds) == reference_tables(doc, with_sentences)
    assert all(view.sentence_bounds(i) == view.bounds[view.sentence[i]] for i in range(len(doc)))


def test_entities_and_quotes_leave_no_view_on_the_doc(rules_entity_nlp):
    doc = rules_entity_nlp(TEXTS[0])
    assert doc._.entities and not any(isinstance(value, TokenView) for value in doc.user_data.values())
