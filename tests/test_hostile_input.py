"""Regression tests for hostile and broken input found by fuzzing (issue 13): each one crashed an
article, broke the record's own schema or lost articles before it was fixed."""

import json
from datetime import date

import pytest

import pipeline
from pipeline.cli import main
from pipeline.dates import find_dates
from pipeline.io.readers import read_jsonl


def record_of(text, record_validator, **meta):
    data = pipeline.extract(text, **meta).model_dump(mode="json")
    record_validator.validate(data)
    for group in ("dates", "quotes", "facts"):
        for item in data[group]:
            assert data["text"][item["start"]:item["end"]] == item["text"]
    return data


def codes(data):
    return [w["code"] for w in data["warnings"]]


def test_abbreviated_month_glued_to_the_next_sentence():
    # "Mei." before "Lalu" kept its full stop in the month group: KeyError inside berita_dates.
    [mention] = find_dates("Acara digelar pada 5 Mei.Lalu warga pulang.", None)
    assert mention.text == "5 Mei."
    [mention] = find_dates("Rapat pada 5 Mei.Lalu warga pulang.", date(2024, 5, 20))
    assert mention.value == "2024-05-05"


@pytest.mark.parametrize(
    "text, published",
    [
        ("Kemarin warga datang ke balai desa untuk rapat.", "0001-01-01"),
        ("Besok warga datang ke balai desa untuk rapat.", "9999-12-31"),
        ("Dua tahun lalu warga datang ke balai desa.", "0001-06-01"),
        ("Pada bulan depan warga datang ke balai desa.", "9999-12-10"),
        ("Pada Senin lalu warga datang ke balai desa.", "0001-01-01"),
    ],
)
def test_relative_date_beyond_the_calendar_is_a_warning(text, published, record_validator):
    # A publication date near year 1 or 9999 moved by "kemarin" raised OverflowError or gave "-001".
    data = record_of(text, record_validator, published=published)
    assert [d["value"] for d in data["dates"]] == [None]
    assert "date_out_of_range" in codes(data)


def test_number_beyond_float_range_is_a_warning_not_a_null_fact(record_validator):
    # float("9" * 400) is inf: the fact's value became null where the schema wants a number.
    data = record_of("Jumlahnya " + "9" * 400 + " orang hadir di balai desa.", record_validator)
    assert data["facts"] == []
    assert "number_out_of_range" in codes(data)


def test_lone_surrogate_is_replaced_with_a_warning(record_validator):
    data = record_of("Budi \ud800 hadir dalam acara itu.", record_validator, title="Judul \udfff")
    assert "\ud800" not in data["text"] and "\ufffd" in data["text"] and "\ufffd" in data["title"]
    assert "surrogates_replaced" in codes(data)


def test_lone_surrogate_in_a_jsonl_line_costs_nothing(tmp_path):
    # One line with "\\ud800" aborted the whole run with exit 2 (every later article lost).
    source = tmp_path / "in.jsonl"
    surrogate = "\ud800"
    lines = [json.dumps({"id": f"a{n}", "text": f"Budi {surrogate * (n == 1)} hadir dalam acara ke-{n}."})
             for n in range(3)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles = list(read_jsonl(source))
    assert [a.id for a in articles] == ["a0", "a1", "a2"]
    assert [w["code"] for w in articles[1].warnings] == ["surrogates_replaced"]
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--out", str(out), "--quiet"]) == 0
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a0", "a1", "a2"]


def test_file_of_no_break_spaces_is_empty_input(tmp_path):
    # Found by the readers' property test: b"\xa0" (a no-break space in cp1252) passed the
    # bytes-level blank check and became an article without text.
    from pipeline.io.readers import ReadError, read_articles

    (tmp_path / "blank.txt").write_bytes(b"\xa0 \xa0\n")
    [item] = read_articles([tmp_path / "blank.txt"])
    assert isinstance(item, ReadError) and item.message == "empty input"
