"""Publication dates as scrapers give them: ISO, D/M/Y and M/D/Y, and the outlets' own strings.

    2024-08-19 17:05:15                       ISO date or datetime
    10/20/2025 12:38   20/06/2025             slash dates, in the order of their source (below)
    Kompas.com- 20/06/2025, 18:47 WIB         the outlet's name before the date
    Diperbarui 20 Jun 2025, 14:20 WIB         "Diperbarui", abbreviated month, time zone
    Rabu, 18 Juni 2025 | 12:12 WIB            weekday, full month, "|"

berita's own patterns read these (month names from data/months.tsv); what they miss goes to
`dateparser` (Indonesian and English) before the value is called unreadable.

A slash date like 05/06/2025 can be read both ways. A source writes all its dates in one order, so
the order is inferred per source over a batch (DateOrderLearner): a source with a first field
over 12 somewhere is day-first, one with a second field over 12 month-first. Without such
evidence a date is read day-first, the Indonesian order, unless only month-first is possible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from pipeline.resources import alternation, read_table

Order = Literal["DMY", "MDY"]
ORDERS: tuple[Order, ...] = ("DMY", "MDY")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")


class PublishedError(ValueError):
    """A `published` value that holds no readable date; the message quotes it."""


@dataclass(frozen=True)
class Published:
    """A publication date and, for a slash date, the order it was read in (else None)."""

    date: date
    order: Order | None = None


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Month names and abbreviations (data/months.tsv), lower case -> month number."""
    return {name.lower(): int(number) for name, number in read_table("months.tsv")}


@lru_cache(maxsize=1)
def textual_date() -> re.Pattern[str]:
    """"18 Juni 2025", "20 Jun 2025", "18 Juni, 2025": day, month name, year."""
    return re.compile(rf"(?<!\d)(\d{{1,2}})\s+({alternation(months())})\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def slash_evidence(value: str | None) -> Order | None:
    """The order that a slash date in `value` proves: DMY when its first field is over 12, MDY
    when its second is, None when it could be either (or holds no slash date)."""
    match = SLASH_DATE.search(value or "")
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if first > 12 >= second:
        return "DMY"
    if second > 12 >= first:
        return "MDY"
    return None


def _slash(match: re.Match, order: Order | None) -> Published | None:
    first, second, year = (int(g) for g in match.groups())
    preferred = order or slash_evidence(match.group(0)) or "DMY"
    for reading in (preferred, *(o for o in ORDERS if o != preferred)):
        day, month = (first, second) if reading == "DMY" else (second, first)
        try:
            return Published(date(year, month, day), reading)
        except ValueError:
            continue
    return None


def _iso(text: str) -> Published | None:
    try:
        return Published(datetime.fromisoformat(text.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    match = ISO_DATE.search(text)
    if match:
        try:
            return Published(date(*(int(g) for g in match.groups())))
        except ValueError:
            return None
    return None


def _textual(text: str) -> Published | None:
    match = textual_date().search(text)
    if not match:
        return None
    try:
        return Published(date(int(match.group(3)), months()[match.group(2).lower()], int(match.group(1))))
    except ValueError:
        return None


def _dateparser(text: str, order: Order | None) -> Published | None:
    import dateparser  # imported only for the strings berita's own patterns do not read (slow to load)

    # Absolute dates only: a relative "kemarin" would be read against today's clock.
    settings = {"DATE_ORDER": order or "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["timestamp", "absolute-time"]}
    parsed = dateparser.parse(text, languages=["id", "en"], settings=settings)
    return Published(parsed.date()) if parsed else None


def read_published(value, order: Order | None = None) -> Published | None:
    """Read a publication timestamp.

    value: the source's string (or None/""); order: "DMY" or "MDY" for an ambiguous slash date
        (a date impossible in that order is read in the other). Returns a Published, None for
        an empty value; raises PublishedError for a value that holds no readable date.
    """
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return Published(value if not isinstance(value, datetime) else value.date())
    if not isinstance(value, str):
        raise PublishedError(f"'published' must be a date string, got {value!r}")
    text = " ".join(value.split())
    slash = SLASH_DATE.search(text)
    result = _iso(text) or (slash and _slash(slash, order)) or _textual(text) or _dateparser(text, order)
    if result is None:
        raise PublishedError(f"'published' is not a date: {value!r}")
    return result


def parse_published(value, order: Order | None = None) -> date | None:
    """read_published's date alone (None for an empty value); raises PublishedError."""
    published = read_published(value, order)
    return published.date if published else None


class DateOrderLearner:
    """The order of the slash dates of each source in a batch, from the dates that prove it."""

    def __init__(self):
        self.evidence: dict[str | None, set[Order]] = defaultdict(set)

    def add(self, source: str | None, value) -> None:
        """Note one `published` value of a source (values that are not strings are ignored)."""
        order = slash_evidence(value) if isinstance(value, str) else None
        if order:
            self.evidence[source].add(order)

    def orders(self) -> dict[str | None, Order]:
        """The order of each source whose dates prove one (and only one)."""
        return {source: next(iter(found)) for source, found in self.evidence.items() if len(found) == 1}
