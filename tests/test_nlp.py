"""Tokenizer rules and sentence boundaries of the berita Language."""

import re
from pathlib import Path

import pytest

from pipeline.nlp import ModelNotFoundError, build_nlp, word_trie


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(ner_model=None)


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Sebanyak 3.178 industri", ["Sebanyak", "3.178", "industri"]),
        ("Senin (28/9/2020).", ["Senin", "(", "28/9/2020", ")", "."]),
        ("Minggu (18/8).", ["Minggu", "(", "18/8", ")", "."]),
        ("Pandemi Covid-19 ini", ["Pandemi", "Covid-19", "ini"]),
        ("HUT ke-79 RI", ["HUT", "ke-79", "RI"]),
        ("RADARSEMARANG.ID, Semarang", ["RADARSEMARANG.ID", ",", "Semarang"]),
        ("di Jl. Pemuda No. 5 Kec. Gayamsari", ["di", "Jl.", "Pemuda", "No.", "5", "Kec.", "Gayamsari"]),
        ("Rp4,5 miliar", ["Rp", "4,5", "miliar"]),
        ("146,8% dan 20-30 persen", ["146,8", "%", "dan", "20", "-", "30", "persen"]),
        ("Pasal 2 ayat (1) jo", ["Pasal", "2", "ayat", "(", "1", ")", "jo"]),
        # an opening bracket glued to the word before it
        ("PT Sinar Abadi(SA) di Siak", ["PT", "Sinar", "Abadi", "(", "SA", ")", "di", "Siak"]),
        ("“Kami siap,” katanya.", ["“", "Kami", "siap", ",", "”", "katanya", "."]),
        # spaCy's Indonesian hyphenated exceptions stay whole, also inside brackets and in capitals
        ("(anak-anak), Anak-Anak dan KUPU-KUPU.", ["(", "anak-anak", ")", ",", "Anak-Anak", "dan", "KUPU-KUPU", "."]),
        ("Paragraf satu.\n\nParagraf dua.\nBaris", ["Paragraf", "satu", ".", "\n\n", "Paragraf", "dua", ".", "\n", "Baris"]),
    ],
)
def test_tokens(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_word_trie_matches_exactly_its_words():
    words = ["anak-anak", "anak-anaknya", "abc", "abd", "ab"]
    pattern = re.compile(rf"(?:{word_trie(words)})\Z")
    assert all(pattern.match(word) for word in words)
    assert not any(pattern.match(other) for other in ["anak-ana", "anak-anakku", "a", "abcd", "abx", "Abc", ""])


def test_tokenizer_saved_and_loaded_gives_the_same_tokens(nlp):
    # The hyphenated words are a set lookup at run time and a regex once saved (WholeWords).
    text = "Anak-anak (19/8) di Jl. Pemuda, kupu-kupu, anak-anakku dan Covid-19 ke-79."
    loaded = build_nlp(None).tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
    assert "anak-anakku" not in [t.text for t in loaded(text)]


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_no_break_after_abbreviations(nlp):
    assert sentences(nlp, "Kantornya di Jl. Pemuda No. 5 Kec. Gayamsari. Dr. Budi dan dr. Ani hadir.") == [
        "Kantornya di Jl. Pemuda No. 5 Kec. Gayamsari.", "Dr. Budi dan dr. Ani hadir."]


def test_sentences_never_cross_paragraphs(nlp):
    assert sentences(nlp, "Paragraf tanpa titik\n\nParagraf kedua juga\n\nKetiga.") == [
        "Paragraf tanpa titik", "Paragraf kedua juga", "Ketiga."]


def test_quote_closing_stays_with_its_sentence(nlp):
    assert sentences(nlp, "“Ini potensi besar.” Kata dia, produksi naik.  Dua spasi tidak mengubah apa pun.") == [
        "“Ini potensi besar.”", "Kata dia, produksi naik.", "Dua spasi tidak mengubah apa pun."]


def test_lower_case_after_full_stop_continues(nlp):
    assert sentences(nlp, "Ada masker, APD, dll. dan jamu. Semua laku.") == [
        "Ada masker, APD, dll. dan jamu.", "Semua laku."]


def test_a_missing_model_is_an_error_not_rules_only(tmp_path):
    with pytest.raises(ModelNotFoundError, match="--no-ner"):
        build_nlp(tmp_path / "ner-id")


def test_the_shipped_ner_tokenizes_with_beritas_tokenizer():
    # The override must reach the model's config on every spaCy that pyproject.toml admits (a
    # whole {"@tokenizers": ...} block was once ignored, and spaCy's own tokenizer ran instead).
    from pipeline.nlp import DEFAULT_NER_MODEL, load_ner

    ner = load_ner(DEFAULT_NER_MODEL)
    assert ner.config["nlp"]["tokenizer"] == {"@tokenizers": "berita.Tokenizer.v1"}
    words = [t.text for t in ner.make_doc("Senin (28/9/2020) PT Seraya Sumber Lestari(SSL) HUT ke-79")]
    assert words == ["Senin", "(", "28/9/2020", ")", "PT", "Seraya", "Sumber", "Lestari", "(", "SSL", ")", "HUT", "ke-79"]


def test_the_ner_on_numpys_blas_finds_what_it_finds_on_blis():
    import spacy
    from thinc.api import NumpyOps

    from pipeline.nlp import BERITA_TOKENIZER, DEFAULT_NER_MODEL, load_ner, one_blas_thread

    ner = load_ner(DEFAULT_NER_MODEL)
    assert {type(node.ops) for node in ner.get_pipe("tok2vec").model.walk()} == {NumpyOps}
    assert not ner.get_pipe("tok2vec").model.ops.use_blis
    on_blis = spacy.load(DEFAULT_NER_MODEL, config=BERITA_TOKENIZER, exclude=["tokenizer"])
    assert on_blis.get_pipe("tok2vec").model.ops.use_blis
    seed = (Path(__file__).parent / "data" / "seed_radarsemarang.txt").read_text(encoding="utf-8")
    with one_blas_thread():
        found = [(e.start_char, e.end_char, e.label_) for e in ner(seed).ents]
    assert found and found == [(e.start_char, e.end_char, e.label_) for e in on_blis(seed).ents]


def test_blas_runs_on_one_thread_only_while_berita_runs():
    from threadpoolctl import threadpool_info

    from pipeline.nlp import one_blas_thread

    def blas_threads():
        return {library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"}

    before = blas_threads()
    with one_blas_thread():
        assert blas_threads() <= {1}
    assert blas_threads() == before


FREED_MEMORY_PROBE = """
import ctypes, sys
import numpy
from pipeline.nlp import keep_freed_memory

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
if sys.argv[1] == "keep":
    assert keep_freed_memory()
for _ in range(3):  # a batch's arrays: made, used, freed
    arrays = [numpy.ones(5 * 2**20 // 4, dtype="float32") for _ in range(6)]
    del arrays
print(libc.mallinfo2().fordblks)
"""


def test_freed_model_memory_is_kept_for_the_next_batch():
    """After keep_freed_memory (called when an Extractor loads), six freed 5 MB arrays stay in
    glibc's heap for reuse; by default glibc gives them back to the system, and the next batch
    page-faults them in again."""
    import ctypes
    import subprocess
    import sys

    if not hasattr(ctypes.CDLL(None), "mallinfo2"):
        pytest.skip("not glibc >= 2.33 (no mallinfo2 to read what malloc holds)")

    def free_bytes_held(mode):
        run = subprocess.run([sys.executable, "-c", FREED_MEMORY_PROBE, mode], capture_output=True, text=True, check=True)
        return int(run.stdout)

    assert free_bytes_held("keep") >= 30 * 2**20 > 4 * free_bytes_held("default")
