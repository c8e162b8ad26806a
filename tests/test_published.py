"""Publication dates as scrapers give them, and the order of slash dates inferred per source."""

import importlib.util
import json
from datetime import date

import pytest
from conftest import SHARED, needs_shared

from pipeline.io.readers import Article, read_articles
from pipeline.profile import learn_profile
from pipeline.published import DateOrderLearner, PublishedError, read_published, slash_evidence


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-08-19 17:05:15", date(2024, 8, 19)),
        ("2024-08-19T17:05:15+07:00", date(2024, 8, 19)),
        ("2020-09-28", date(2020, 9, 28)),
        ("Diperbarui 03 Mei 2025, 08:15 WIB", date(2025, 5, 3)),
        ("Diperbarui 21 Agu 2025, 23:59 WIB", date(2025, 8, 21)),
        ("Kompas.com- 14/07/2025, 06:05 WIB", date(2025, 7, 14)),
        ("Kompas.com - 31/12/2024, 23:10 WIB", date(2024, 12, 31)),
        (", Jurnalis-Senin, 07 Juli 2025 |10:01 WIB", date(2025, 7, 7)),
        (", Jurnalis-Jum'at, 04 Juli 2025 |21:30 WIB", date(2025, 7, 4)),
        ("Selasa, 01 Jul 2025 08:00 WIB", date(2025, 7, 1)),
        ("Kamis, 17 Juli 2025 | 12:12 WITA", date(2025, 7, 17)),
        ("Minggu, 2 Nop 2025 07:30 WIT", date(2025, 11, 2)),
        ("10/21/2025 16:46", date(2025, 10, 21)),
        ("July 3, 2025 09:15", date(2025, 7, 3)),
    ],
)
def test_outlet_timestamps(value, expected):
    assert read_published(value).date == expected


def test_slash_dates_in_each_order():
    assert read_published("05/06/2025").date == date(2025, 6, 5)  # day first without other evidence
    assert read_published("05/06/2025", "MDY") == read_published("5/6/2025 10:00", "MDY")
    assert read_published("05/06/2025", "MDY").date == date(2025, 5, 6)
    assert read_published("25/06/2025", "MDY").order == "DMY"  # impossible month-first: the other order
    assert (slash_evidence("10/20/2025"), slash_evidence("20/10/2025"), slash_evidence("05/06/2025")) == ("MDY", "DMY", None)


@pytest.mark.parametrize("value", ["kemarin", "tanggal tidak ada", "2025-13-45", "99/99/2025"])
def test_unreadable_published(value):
    with pytest.raises(PublishedError, match="not a date"):
        read_published(value)


def test_date_order_learnt_per_source():
    learner = DateOrderLearner()
    for source, value in [("a", "10/20/2025 12:00"), ("a", "05/06/2025"), ("b", "20/06/2025"), ("c", "05/06/2025")]:
        learner.add(source, value)
    assert learner.orders() == {"a": "MDY", "b": "DMY"}


def _article(outlet, published):
    return Article(text="Isi.", id=f"{outlet}-{published}", outlet=outlet, published_raw=published)


def test_profile_reads_ambiguous_dates_in_their_sources_order():
    articles = [_article("x", "10/20/2025 12:38"), _article("x", "10/05/2025 09:00"), _article("y", "10/05/2025 09:00")]
    profile = learn_profile(articles)
    for article in articles:
        profile.apply(article)
    assert [(a.published, a.published_order) for a in articles] == [
        (date(2025, 10, 20), "MDY"), (date(2025, 10, 5), "MDY"), (date(2025, 5, 10), "DMY")]
    forced = learn_profile(articles, date_order="DMY")
    forced.apply(articles[1])
    assert articles[1].published == date(2025, 5, 10)


def _make_input():
    path = SHARED / "eval" / "make_input.py"
    spec = importlib.util.spec_from_file_location("make_input", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared("eval", "dev", "manifest.csv")
def test_every_raw_published_of_the_dev_manifest_is_read_right(tmp_path):
    make_input = _make_input()
    raw, iso = tmp_path / "raw.jsonl", tmp_path / "iso.jsonl"
    make_input.main(str(SHARED / "eval" / "dev"), str(raw), raw_published=True)
    make_input.main(str(SHARED / "eval" / "dev"), str(iso))
    expected = {json.loads(line)["id"]: json.loads(line)["published"] for line in iso.open(encoding="utf-8")}
    articles = list(read_articles([raw]))
    profile = learn_profile(articles)
    for article in articles:
        profile.apply(article)
    assert {a.id: a.published and a.published.isoformat() for a in articles} == expected
    assert all(a.published for a in articles)


def test_extract_reports_unreadable_published_and_the_order_used(tmp_path, capsys):
    from pipeline.cli import main

    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Warga Solo menggelar kirab budaya pada Senin (5/5).", "published": "05/06/2025", "outlet": "x"},
        {"id": "b", "text": "Harga cabai naik di Pasar Gede kemarin.", "published": "kemarin", "outlet": "x"},
    ]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--out", str(out), "--date-order", "MDY", "--no-ner"]) == 0
    assert "1 with an unreadable published date" in capsys.readouterr().err
    first, second = (json.loads(line) for line in out.open(encoding="utf-8"))
    assert (first["published"], first["published_order"]) == ("2025-05-06", "MDY")
    assert second["published"] is None and second["published_order"] is None
