"""StartedPattern: the date and number patterns tried only where they can start find exactly
what the whole-text scan finds."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import rules
from pipeline.facts import _introducer
from pipeline.numbers import lexicon
from pipeline.scanning import DIGITS_START, StartedPattern, lowered, start_positions, word_starts


def spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(match.span(), match.groupdict()) for match in matches]


def test_a_capitalised_word_is_found_from_its_lower_case_start():
    pattern = StartedPattern(re.compile(r"(?:Senin,\s*)?\(\d+/\d+\)"), r"\(", "senin")
    text = "Rapat digelar Senin, (19/8) dan dilanjutkan (20/8)."
    assert [m[0] for m in pattern.finditer(text, lowered(text))] == ["Senin, (19/8)", "(20/8)"]


def test_a_lookbehind_still_sees_the_text_before_the_start():
    pattern = StartedPattern(re.compile(r"(?<![\d.])\d+ orang"), DIGITS_START)
    text = "Sebanyak 1.200 orang dan 35 orang hadir."
    assert [m[0] for m in pattern.finditer(text, lowered(text))] == ["35 orang"]


def test_a_digit_inside_a_number_is_no_start():
    assert [m.start() for m in re.finditer(DIGITS_START, "a 2025 b 7")] == [2, 9]


def test_word_starts_match_where_each_word_starts():
    starts = re.compile(word_starts(["awal", "akhir", "bulan", "$"]))
    assert [m.start() for m in starts.finditer("akhir bulan, awal $5")] == [0, 6, 13, 18]


def test_a_text_with_a_letter_that_lowers_elsewhere_is_scanned_whole():
    # (?i) matches "ſ" (long s) to "s", but "ſ".lower() is "ſ": the start "semester" is not in
    # the lowered text, so the text is scanned in full.
    pattern = StartedPattern(re.compile(r"(?i:\bsemester\s+I\b)"), "semester")
    text = "Pada ſemester I tahun ini"
    assert lowered(text) is None
    assert [m[0] for m in pattern.finditer(text, lowered(text))] == ["ſemester I"]


def test_matches_follow_each_other_like_finditer():
    # After a match the next one is looked for from its end, never inside it.
    pattern = StartedPattern(re.compile(r"(?i:\b(?:hari ini|ini)\b)"), "hari ini|ini")
    text = "Hari ini, ini juga."
    assert spans(pattern.finditer(text, lowered(text))) == spans(pattern.pattern.finditer(text))


def test_start_positions_include_starts_inside_another_start():
    # "20" of "2020" at 0 and 2, "02" at 1: each position a search from before it would find.
    assert start_positions(re.compile(r"20|02"), "2020 x") == [0, 1, 2]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet="20a1 -", max_size=40), start=st.sampled_from([r"20|02", r"2020|0", r"a1?a?", DIGITS_START, r"[a0]+"]))
def test_start_positions_are_every_position_where_the_start_matches(text, start):
    pattern = re.compile(start)
    assert start_positions(pattern, text) == [i for i in range(len(text)) if pattern.match(text, i)]


def test_patterns_that_share_a_start_pattern_each_find_their_own_matches():
    day = StartedPattern(re.compile(r"(?i:\b(?:senin|selasa)\b)"), "senin|selasa")
    dated = StartedPattern(re.compile(r"(?:Senin|Selasa) \(\d+/\d+\)"), "senin|selasa")
    text = "Selasa (19/8) dan Senin pagi, lalu Senin (25/8)."
    lower = lowered(text)
    assert [m[0] for m in day.finditer(text, lower)] == ["Selasa", "Senin", "Senin"]
    assert [m[0] for m in dated.finditer(text, lower)] == ["Selasa (19/8)", "Senin (25/8)"]


# Text made of the date expressions the rules find and the words they start with, in any case.
PIECES = [
    "Senin (28/9/2020)", "(19/8)", "Jum'at, 3-1", "28-9-2020", "Selasa, 20 Agustus 2024", "19-25 Agustus 2024",
    "17 Mei.", "awal November 2025", "Januari-September 2025", "bulan Des", "desa", "pada 2026", "2024",
    "tahun anggaran 2020-2021", "Nomor 16 Tahun 2018", "pertengahan 2024", "akhir tahun lalu", "awal bulan depan",
    "kemarin", "yang kemarin", "hari ini", "tiga hari lalu", "sebulan lalu", "dua puluh tahun silam",
    "5 tahun yang lalu", "triwulan III", "semester I - 2025", "Senin depan", "Minggu", "hingga", "s.d.", "12,5",
    "٣/٤", "İ", "(",
]
# ... and the number expressions and list openers of the facts.
NUMBER_PIECES = [
    "Rp 4,5 miliar", "Rp4,5 M", "US$ 10", "$5", "lebih dari 500", "sekitar 20-30 persen", "3.178 industri",
    "tempat", "kedua", "dua puluh lima", "seratus ribu", "setengah", "1.234,5", "35,386", "x5", "120-an",
    "Kurang Lebih 8.000", "terdiri dari", "yakni:", "antara lain", "Masing-masing", "٣", "ſekitar 5", "-",
]
CASES = [str.lower, str.upper, str.title, str]


def glued(parts: list[tuple[str, object, str]]) -> str:
    return "".join(case(piece) + glue for piece, case, glue in parts)


def texts(pieces: list[str]):
    """Texts glued from pieces, each in any case, with spaces, marks or nothing between them."""
    glue = [" ", "  ", ", ", "-", "", "\n", "."]
    return st.lists(st.tuples(st.sampled_from(pieces), st.sampled_from(CASES), st.sampled_from(glue)), max_size=30).map(glued)


SEARCHED = [(rule.name, rule.pattern, PIECES) for rule in rules()] + [
    ("quantity", lexicon().pattern, NUMBER_PIECES),
    ("list opener", _introducer(), NUMBER_PIECES),
]


@pytest.mark.parametrize("pattern, pieces", [searched[1:] for searched in SEARCHED], ids=[s[0] for s in SEARCHED])
@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_each_started_pattern_finds_what_the_whole_text_scan_finds(pattern, pieces, data):
    text = data.draw(texts(pieces))
    assert spans(pattern.finditer(text, lowered(text))) == spans(pattern.pattern.finditer(text))
