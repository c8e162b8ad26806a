"""Words glued around links, split into tokens; the text and its offsets stay as the page wrote it.

The sentences are written for these tests in the shapes the scrapers leave (none copied from an article).
"""

import pytest

from pipeline.io.readers import Article
from pipeline.nlp import build_nlp
from pipeline.word_split import known_words, shipped_vocabulary, split_word, stays_whole


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(ner_model=None)


@pytest.mark.parametrize(
    "sentence, glued, pieces",
    [
        # camel case: a link's text glued to the words around it
        ("Kapolda menegaskan peranPolridi tengah masyarakat, kata juru bicara Polri.", "peranPolridi",
         ["peran", "Polri", "di"]),
        ("Kebijakan itu disampaikan MenteriSosial kepada wartawan.", "MenteriSosial", ["Menteri", "Sosial"]),
        ("Pelatihan digelar antaraUMKM dan perbankan daerah.", "antaraUMKM", ["antara", "UMKM"]),
        ("Korban dibawa diRS terdekat.", "diRS", ["di", "RS"]),
        ("Ia berbicara kepadadetikJatengdi Semarang.", "kepadadetikJatengdi", ["kepada", "detikJateng", "di"]),
        # lower case: both halves frequent words, the whole token not a word
        ("Sentimen global membuatnilai tukar rupiahtetap menguat.", "membuatnilai", ["membuat", "nilai"]),
        ("Sentimen global membuatnilai tukar rupiahtetap menguat.", "rupiahtetap", ["rupiah", "tetap"]),
        # a name glued to a verb after it, where the name stands alone in the article too
        ("Trump berbicara di Gedung Putih. Trumpmengatakan serangan itu berhasil.", "Trumpmengatakan",
         ["Trump", "mengatakan"]),
    ],
)
def test_glued_words_become_tokens_and_the_text_stays(nlp, sentence, glued, pieces):
    doc = nlp(sentence)
    assert doc.text == sentence
    start = sentence.index(glued)
    tokens = [t for t in doc if start <= t.idx < start + len(glued)]
    assert [t.text for t in tokens] == pieces
    assert [t.idx for t in tokens] == [start + len("".join(pieces[:i])) for i in range(len(pieces))]
    assert {"kind": "word_split", "original": glued, "repaired": " ".join(pieces)} in doc._.word_splits


@pytest.mark.parametrize(
    "sentence",
    [
        # names and brands written in camel case
        "Ia mengunggah video ke YouTube dan WhatsApp lewat iPhone, lalu membayar dengan GoPay di McDonald.",
        "Startup eFishery dan profil LinkedIn miliknya ramai dibahas, juga JawaPos dan InJourney.",
        "Ketua APSyFI menyebut APSyFI menolak kebijakan impor itu.",
        "Pantauan detikJateng dan detikFinance di lokasi menunjukkan antrean panjang.",
        # Indonesian morphology: prefixes and suffixes are not split points
        "Harga BBM dinaikan pemerintah, warga mengangsur utangnya, adalah keputusan yang berat.",
        "Pelayaran antarpulau ditambah, pascabanjir warga diberikan bantuan.",
        # names made of words: places and persons
        "Warga Banjarsari, Kramatjati dan Kalisari bertemu Heryanti di Srikayu.",
        # addresses, domains, hashtags and mentions
        "Baca di Liputan6.com atau KOMPAS.com, tagar #BanjirSemarang dan akun @PemkotSemarang ramai.",
        "Surel ke humas@jatengprov.go.id atau buka www.JatengProv.go.id/BeritaTerkini sekarang.",
    ],
)
def test_names_brands_morphology_and_addresses_are_not_split(nlp, sentence):
    doc = nlp(sentence)
    assert doc._.word_splits == []
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(sentence)]


def test_a_piece_of_one_letter_or_an_unknown_word_stops_the_split():
    vocabulary = shipped_vocabulary()
    assert split_word("iNews", vocabulary) == ["iNews"]
    assert split_word("dariXyzqwv", vocabulary) == ["dariXyzqwv"]
    assert split_word("dariJakarta", vocabulary) == ["dari", "Jakarta"]


def test_extractors_see_the_split_words_and_the_record_keeps_the_page_text(extractor):
    glued = ("“Bantuan harus sampai ke warga,” kata MenteriSosial Tri Rismaharini di Demak, Senin (3/3/2025).\n\n"
             "Ia menyebut peranPolridi lapangan penting, kata Kapolda Jawa Tengah. Polri menjaga gudang bantuan.")
    spaced = glued.replace("MenteriSosial", "Menteri Sosial").replace("peranPolridi", "peran Polri di")
    record = extractor(Article(text=glued, id="glued", title="Bantuan Banjir Demak"))
    reference = extractor(Article(text=spaced, id="spaced", title="Bantuan Banjir Demak"))
    assert record.text == glued
    assert [(r.kind, r.original, r.repaired) for r in record.repairs] == [
        ("word_split", "MenteriSosial", "Menteri Sosial"), ("word_split", "peranPolridi", "peran Polri di")]
    assert {(e.type, e.name) for e in record.entities} == {(e.type, e.name) for e in reference.entities}
    assert [q.speaker for q in record.quotes] == [q.speaker for q in reference.quotes]
    for entity in record.entities:
        for mention in entity.mentions:
            assert record.text[mention.start:mention.end] == mention.text
    assert record.quotes[0].text in record.text


def test_split_tokens_and_their_repairs_survive_a_docbin(nlp):
    from spacy.tokens import DocBin

    doc = nlp("Kapolda menegaskan peranPolridi tengah masyarakat, kata MenteriSosial.")
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert [t.text for t in back] == [t.text for t in doc]
    assert [dict(r) for r in back._.word_splits] == doc._.word_splits


def test_derived_forms_of_the_lemma_table_are_known_words():
    # spaCy's Lookups Table keeps its keys as hashes: read as strings, the inflected forms count
    # as known words beside their lemmas (both sides of "menunggak" -> "tunggak").
    assert {"menunggak", "tunggak", "keabadian"} <= known_words()
    assert stays_whole("Menunggak")
    assert not any(isinstance(word, int) for word in known_words())
