"""Tests of pipeline.dates: real date expressions from the dev articles, the seed and the UD / NER
training texts, each with its exact ISO value, and the berita_dates component."""

from datetime import date

import pytest

import pipeline.dates  # noqa: F401  (registers berita_dates)
from pipeline.dates import find_dates, parse_date
from pipeline.nlp import build_nlp

MONDAY = date(2020, 9, 28)  # the seed's publication date
TUESDAY = date(2024, 8, 20)

# (expression, publication date, value, value_end)
DATES = [
    ("Senin (28/9/2020)", MONDAY, "2020-09-28", None),
    ("Selasa (29/10/2013)", MONDAY, "2013-10-29", None),
    ("Rabu (22/5/2013)", MONDAY, "2013-05-22", None),
    ("Jumat (7/2/2014)", MONDAY, "2014-02-07", None),
    ("Senin (25/2/2013)", MONDAY, "2013-02-25", None),
    ("Sabtu (4/12/2010)", MONDAY, "2010-12-04", None),
    ("Jumat (17/10/2025)", MONDAY, "2025-10-17", None),
    ("Rabu (22/10/2025)", MONDAY, "2025-10-22", None),
    ("28-9-2020", MONDAY, "2020-09-28", None),
    ("Minggu (18/8)", TUESDAY, "2024-08-18", None),
    ("Senin (19/8)", TUESDAY, "2024-08-19", None),
    ("Selasa (20/8)", TUESDAY, "2024-08-20", None),
    ("Kamis (22/8)", TUESDAY, "2024-08-22", None),
    ("Sabtu (19/12)", MONDAY, "2020-12-19", None),
    ("(17/8)", TUESDAY, "2024-08-17", None),
    ("(22/3)", MONDAY, "2021-03-22", None),
    ("Selasa, 20 Agustus 2024", TUESDAY, "2024-08-20", None),
    ("Jumat, 31 Juli 1936", MONDAY, "1936-07-31", None),
    ("Senin , 23 Juni 2014", MONDAY, "2014-06-23", None),
    ("17 Agustus", TUESDAY, "2024-08-17", None),
    ("20 Agustus", TUESDAY, "2024-08-20", None),
    ("6 September", TUESDAY, "2024-09-06", None),
    ("13 September", TUESDAY, "2024-09-13", None),
    ("28 Februari", MONDAY, "2021-02-28", None),
    ("31 Oktober", MONDAY, "2020-10-31", None),
    ("15 April", MONDAY, "2020-04-15", None),
    ("25 Januari", MONDAY, "2021-01-25", None),
    ("29 Agustus 2025", MONDAY, "2025-08-29", None),
    ("31 Desember 2006", MONDAY, "2006-12-31", None),
    ("31 Maret 2007", MONDAY, "2007-03-31", None),
    ("30 Juni 2007", MONDAY, "2007-06-30", None),
    ("14 Februari 1998", MONDAY, "1998-02-14", None),
    ("1 Oktober 1945", MONDAY, "1945-10-01", None),
    ("5 Agt 2024", MONDAY, "2024-08-05", None),
    ("12 Sept 2023", MONDAY, "2023-09-12", None),
    ("3 Okt 2019", MONDAY, "2019-10-03", None),
    ("9 Nop 2019", MONDAY, "2019-11-09", None),
    ("24 Des 2019", MONDAY, "2019-12-24", None),
    ("19–25 Agustus 2024", TUESDAY, "2024-08-19", "2024-08-25"),
    ("24–25 Agustus 2024", TUESDAY, "2024-08-24", "2024-08-25"),
    ("5–12 Januari 2025", TUESDAY, "2025-01-05", "2025-01-12"),
    ("14–17 September", TUESDAY, "2024-09-14", "2024-09-17"),
    ("13 sampai 17 Oktober 2025", MONDAY, "2025-10-13", "2025-10-17"),
    ("22-25 Januari 2013", MONDAY, "2013-01-22", "2013-01-25"),
    ("24-26 April 2007", MONDAY, "2007-04-24", "2007-04-26"),
    ("Agustus 2024", TUESDAY, "2024-08", None),
    ("awal November 2025", MONDAY, "2025-11", None),
    ("akhir Maret 2007", MONDAY, "2007-03", None),
    ("pertengahan Februari 2007", MONDAY, "2007-02", None),
    ("bulan Oktober 2007", MONDAY, "2007-10", None),
    ("akhir bulan September 2014", MONDAY, "2014-09", None),
    ("september 1988", MONDAY, "1988-09", None),
    ("Januari-September 2025", MONDAY, "2025-01", "2025-09"),
    ("Januari-Oktober 2007", MONDAY, "2007-01", "2007-10"),
    ("bulan Juni", MONDAY, "2020-06", None),
    ("akhir Desember", MONDAY, "2020-12", None),
    ("tahun 2024", TUESDAY, "2024", None),
    ("Tahun 2008", MONDAY, "2008", None),
    ("pertengahan 2024", TUESDAY, "2024", None),
    ("pertengahan tahun 1950", MONDAY, "1950", None),
    ("akhir 2006", MONDAY, "2006-12", None),
    ("awal tahun 2006", MONDAY, "2006-01", None),
    ("tahun anggaran 2020-2021", MONDAY, "2020", "2021"),
    ("tahun 1924 - 1928", MONDAY, "1924", "1928"),
    ("triwulan III", MONDAY, "2020", None),
    ("triwulan III tahun 2025", MONDAY, "2025", None),
    ("semester I - 2025", MONDAY, "2025", None),
    ("semester kedua tahun 2007", MONDAY, "2007", None),
    ("kuartal pertama", MONDAY, "2020", None),
    ("hari ini", TUESDAY, "2024-08-20", None),
    ("Pagi ini", MONDAY, "2020-09-28", None),
    ("sore ini", MONDAY, "2020-09-28", None),
    ("kemarin", MONDAY, "2020-09-27", None),
    ("kemarin sore", MONDAY, "2020-09-27", None),
    ("malam tadi", MONDAY, "2020-09-27", None),
    ("tadi malam", MONDAY, "2020-09-27", None),
    ("besok", MONDAY, "2020-09-29", None),
    ("besok pagi", MONDAY, "2020-09-29", None),
    ("lusa", MONDAY, "2020-09-30", None),
    ("pekan lalu", MONDAY, "2020-09-21", None),
    ("pekan depan", MONDAY, "2020-10-05", None),
    ("bulan lalu", MONDAY, "2020-08", None),
    ("bulan depan", MONDAY, "2020-10", None),
    ("tahun ini", TUESDAY, "2024", None),
    ("Tahun depan", MONDAY, "2021", None),
    ("tahun lalu", MONDAY, "2019", None),
    ("akhir tahun", MONDAY, "2020-12", None),
    ("Awal tahun", MONDAY, "2020-01", None),
    ("akhir tahun lalu", MONDAY, "2019-12", None),
    ("tiga hari lalu", MONDAY, "2020-09-25", None),
    ("sehari lalu", MONDAY, "2020-09-27", None),
    ("setahun lalu", MONDAY, "2019", None),
    ("dua tahun lalu", MONDAY, "2018", None),
    ("sepuluh tahun lalu", MONDAY, "2010", None),
    ("lima tahun mendatang", MONDAY, "2025", None),
    ("Selasa", date(2024, 8, 21), "2024-08-20", None),
    ("Kamis", MONDAY, "2020-09-24", None),
    ("Senin", MONDAY, "2020-09-28", None),
    ("Kamis lalu", MONDAY, "2020-09-24", None),
    ("Jumat kemarin", MONDAY, "2020-09-25", None),
    ("Senin depan", MONDAY, "2020-10-05", None),
]


@pytest.mark.parametrize("text, published, value, value_end", DATES)
def test_parse_date(text, published, value, value_end):
    mention = parse_date(text, published)
    assert (mention.value, mention.value_end) == (value, value_end)


@pytest.mark.parametrize("text", ["kemarin", "hari ini", "tahun depan", "(19/8)", "17 Agustus", "triwulan III"])
def test_without_publication_date_nothing_relative_is_resolved(text):
    assert parse_date(text, None).value is None


@pytest.mark.parametrize(
    "text",
    [
        "UU 23/2014",
        "Nomor 16 Tahun 2018",
        "APBD 2026",
        "periode 2024–2029",
        "1/2",
        "20-30 persen",
        "pukul 10.00 WIB",
        "menang (3-1)",
        "Rp 2-3 miliar",
    ],
)
def test_names_codes_and_numbers_are_no_dates(text):
    assert find_dates(text, MONDAY) == []


def test_a_year_after_a_cue_word_is_a_date():
    assert [(m.text, m.value) for m in find_dates("Pada 2026, BPS akan melakukan sensus", MONDAY)] == [("2026", "2026")]


def test_both_ends_written_as_dates_are_two_mentions():
    mentions = find_dates("dibuka mulai 20 Agustus hingga 6 September", TUESDAY)
    assert [(m.text, m.value) for m in mentions] == [("20 Agustus", "2024-08-20"), ("6 September", "2024-09-06")]


def test_offsets_point_into_the_text():
    text = "kata Mustohar, Senin (28/9/2020)."
    (mention,) = find_dates(text, MONDAY)
    assert text[mention.start : mention.end] == "Senin (28/9/2020)"


def test_relative_days_resolve_against_the_reported_day():
    # Published on Tuesday about Monday's event: "hari ini" in Monday's quote is Monday.
    text = "kata Hery, Senin (19/8). “Hari ini kita bersyukur,” ujarnya."
    values = {m.text: m.value for m in find_dates(text, TUESDAY)}
    assert values == {"Senin (19/8)": "2024-08-19", "Hari ini": "2024-08-19"}


def test_yang_kemarin_is_no_date():
    assert find_dates("Yang kemarin tidak sempat kami sapa", MONDAY) == []


@pytest.fixture(scope="module")
def nlp():
    nlp = build_nlp(ner_model=None)
    nlp.add_pipe("berita_dates")
    return nlp


def run(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published.isoformat() if published else None
    return nlp(doc)


def test_component_writes_dates(nlp):
    doc = run(nlp, "Hal itu disampaikan Senin (28/9/2020). Tahun depan produksi naik.", MONDAY)
    assert [(d["text"], d["value"]) for d in doc._.dates] == [("Senin (28/9/2020)", "2020-09-28"), ("Tahun depan", "2021")]
    assert not doc._.warnings


def test_contradicting_weekday_keeps_the_date_and_warns(nlp):
    doc = run(nlp, "Sidang digelar Selasa (22/10/2025).", date(2025, 10, 21))
    assert [d["value"] for d in doc._.dates] == ["2025-10-22"]
    assert [(w["code"], w["value"]) for w in doc._.warnings] == [("weekday_mismatch", "2025-10-22")]


def test_component_without_publication_date(nlp):
    doc = run(nlp, "Kemarin, tepatnya Senin (28/9/2020), pabrik dibuka.", None)
    assert [(d["text"], d["value"]) for d in doc._.dates] == [("Kemarin", None), ("Senin (28/9/2020)", "2020-09-28")]


@pytest.mark.parametrize(
    "text, value",
    [
        # Published mid-January: September could be last year's or this year's; the weekday decides.
        ("Sabtu, 19 September", "2020-09-19"),
        ("Kamis, 19 September", "2019-09-19"),
        # Without a weekday, the nearest date wins.
        ("19 September", "2019-09-19"),
    ],
)
def test_weekday_chooses_the_year_of_a_yearless_date(text, value):
    assert parse_date(text, date(2020, 1, 15)).value == value
