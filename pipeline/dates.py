"""Dates: every date expression of an article, normalised to ISO against the publication date.

Handles full dates ("Senin (28/9/2020)", "Selasa, 20 Agustus 2024"), year-less dates ("(19/8)",
"17 Agustus": the year nearest to publication), months ("awal November 2025", "Januari-September
2025"), years after a cue word ("pada 2026", "tahun anggaran 2020-2021"), quarters and semesters
("triwulan III"), relative expressions ("kemarin", "tahun depan", "tiga hari lalu", "Selasa") and
day ranges ("19-25 Agustus 2024": value is the first day, value_end the last).

Regexes only (no dateparser): each rule below is one pattern and one resolver, the word lists are
data files (months.tsv, weekdays.tsv, relative_dates.tsv, date_steps.tsv, date_directions.tsv,
year_cues.txt). Without a publication date, anything that needs one gets value None.

Public: find_dates(text, published) -> list[DateMention]; parse_date(text, published); and the
spaCy component "berita_dates" (DateRecognizer).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.doc import INTERNAL, add_warning, published_date, to_plain
from pipeline.numbers import parse_number
from pipeline.resources import alternation, read_table
from pipeline.scanning import DIGITS_START, StartedPattern, lowered, word_starts
from pipeline.token_view import token_view


@dataclass
class DateMention:
    """One date expression: text and character offsets, ISO value (None when unresolvable),
    value_end for ranges; and, for the component's own checks only (not on doc._.dates), the
    weekday written with it (ISO, Monday = 1) and whether it fell outside years 1-9999."""

    text: str
    value: str | None
    start: int
    end: int
    value_end: str | None = None
    weekday: int | None = field(default=None, metadata=INTERNAL)
    out_of_range: bool = field(default=False, metadata=INTERNAL)


@dataclass(frozen=True)
class Resolved:
    value: str | None
    value_end: str | None = None
    weekday: int | None = None
    out_of_range: bool = False  # the date would fall before year 1 or after 9999


# A resolution that left the calendar (relative to a publication date near year 1 or 9999).
OUT_OF_RANGE = Resolved(None, out_of_range=True)
ISO_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4}
PARTS = {"awal": "start", "akhir": "end", "pertengahan": "middle", "medio": "middle"}
DASH = r"\s*(?:[-–—]|s\.?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    steps: dict[str, tuple[str, int]]
    directions: dict[str, int]
    year_cues: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The date word lists of pipeline/data."""
    months = {surface: int(number) for surface, number in read_table("months.tsv")}
    # Full month names also occur in lower case ("17 agustus"); abbreviations only capitalised.
    months.update({s.lower(): n for s, n in list(months.items()) if len(s) > 4})
    cues = read_table("year_cues.txt")
    return Vocabulary(
        months=months,
        weekdays={surface: int(number) for surface, number in read_table("weekdays.tsv")},
        relative={expr.lower(): (step, int(offset)) for expr, step, offset in read_table("relative_dates.tsv")},
        steps={word: (step, int(size)) for word, step, size in read_table("date_steps.tsv")},
        directions={words: int(sign) for words, sign in read_table("date_directions.tsv")},
        year_cues=frozenset(row[0] for row in cues),
    )


# --- resolution helpers ------------------------------------------------------------------------


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(month: int, day: int | None, published: date | None, weekday: int | None = None) -> int | None:
    """The year that puts day/month nearest to the publication date (None without one); with a
    written weekday ("Sabtu, 19 September"), the nearest year where the date is that weekday."""
    if published is None:
        return None
    candidates = [published.year - 1, published.year, published.year + 1]
    if day is None:
        return min(candidates, key=lambda y: abs((y - published.year) * 12 + month - published.month))
    dated = [(abs((d - published).days), y, d.isoweekday()) for y in candidates if (d := _day(y, month, day))]
    agreeing = [c for c in dated if c[2] == weekday]
    return min(agreeing or dated)[1] if dated else None


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _shift(published: date | None, step: str, offset: int) -> str | None:
    """The publication date moved by offset days, months or years, at that granularity."""
    if published is None:
        return None
    if step == "day":
        return (published + timedelta(days=offset)).isoformat()
    if step == "month":
        return "%04d-%02d" % _add_months(published.year, published.month, offset)
    return "%04d" % (published.year + offset)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


# --- rules: a pattern and a resolver each ------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A date pattern and its resolver; relative rules resolve against the article's anchor date.
    pattern.starts: where in the lower-cased text a match can start (pipeline/scanning.py)."""

    name: str
    pattern: StartedPattern
    resolve: Callable[[re.Match, date | None, str], Resolved | None]
    relative: bool = False


def _month_number(surface: str) -> int:
    """The month of a written name, with or without the full stop of an abbreviation ("Mei.",
    "Agt.")."""
    return vocabulary().months[surface.rstrip(".")]


def _numeric(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"(28/9/2020)", "Senin (19/8)", "28-9-2020": a year-less one needs brackets or a weekday."""
    day, month = int(match["d"]), int(match["m"])
    weekday = vocabulary().weekdays.get(match["wd"]) if match["wd"] else None
    if not match["y"] and (match["sep"] == "-" or not (match["open"] or weekday)):
        return None  # a bare "1/2" is a fraction or a code, "(3-1)" a score
    if match["open"] and not match["close"] or match["close"] and not match["open"]:
        return None
    year = _year(match["y"]) if match["y"] else _nearest(month, day, published, weekday)
    if not 1 <= month <= 12 or _day(year or 2000, month, day) is None:
        return None
    return Resolved(_day(year, month, day).isoformat() if year else None, weekday=weekday)


def _textual(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"17 Agustus", "Selasa, 20 Agustus 2024", "19-25 Agustus 2024".

    "20 Agustus hingga 6 September" is two mentions: each end is written as a date of its own."""
    month = _month_number(match["m"])
    day, last = int(match["d"]), int(match["d2"]) if match["d2"] else None
    if last is not None and last <= day:
        return None
    weekday = vocabulary().weekdays.get(match["wd"]) if match["wd"] else None
    year = _year(match["y"]) or _nearest(month, day, published, weekday)
    if _day(year or 2000, month, day) is None or (last and _day(year or 2000, month, last) is None):
        return None
    if year is None:
        return Resolved(None, weekday=weekday)
    value_end = date(year, month, last).isoformat() if last else None
    return Resolved(date(year, month, day).isoformat(), value_end, weekday)


def _month(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"Agustus 2024", "awal November 2025", "Januari-September 2025", "bulan Agustus"."""
    first = _month_number(match["m1"])
    last = _month_number(match["m2"]) if match["m2"] else None
    if not match["y"] and not (match["part"] or match["bulan"]):
        return None  # a month name alone is too often a name ("Juni", "Mei")
    year = _year(match["y"]) or _nearest(first, None, published)
    if year is None:
        return Resolved(None)
    start_year = year - 1 if last and first > last else year
    return Resolved("%04d-%02d" % (start_year, first), "%04d-%02d" % (year, last) if last else None)


def _year_rule(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"tahun 2024", "pada 2026", "pertengahan 2024", "tahun anggaran 2020-2021"."""
    year, last = int(match["y"]), int(match["y2"]) if match["y2"] else None
    before = text[max(0, match.start() - 30) : match.start()]
    if re.search(r"(?i)\b(?:nomor|no\.?)\s*\d+\s*$", before):
        return None  # "Nomor 16 Tahun 2018" names a law
    cue = re.search(r"(\w+)\W*$", before)
    has_cue = bool(match["tahun"] or match["part"]) or bool(cue and cue[1].lower() in vocabulary().year_cues)
    # A span of years is a date only as "tahun (anggaran) 2020-2021"; "periode 2024-2029" is a term.
    if not has_cue or (last and not match["tahun"]) or (last and last <= year):
        return None
    # "akhir (tahun) 2006" is December, like "akhir tahun"; "pertengahan 2024" stays a year.
    part = PARTS.get((match["part"] or "").lower())
    if part in ("start", "end") and not last:
        return Resolved("%04d-%02d" % (year, 1 if part == "start" else 12))
    return Resolved("%04d" % year, "%04d" % last if last else None)


def _period(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"triwulan III", "semester I - 2025", "kuartal kedua tahun 2024": the year."""
    year = _year(match["y"]) or (published.year if published else None)
    return Resolved("%04d" % year if year else None)


def _part_of(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"akhir tahun", "awal bulan depan", "akhir tahun lalu"."""
    part = PARTS[match["part"].lower()]
    offset = {"ini": 0, "depan": 1, "lalu": -1, "kemarin": -1}[match["rel"].lower()] if match["rel"] else 0
    if published is None:
        return Resolved(None)
    if match["unit"].lower() == "bulan":
        return Resolved(_shift(published, "month", offset))
    year = published.year + offset
    return Resolved({"start": "%04d-01" % year, "end": "%04d-12" % year, "middle": "%04d" % year}[part])


def _relative(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"kemarin", "hari ini", "tahun depan", "pekan lalu"; not "yang kemarin" (= "the earlier")."""
    if re.search(r"(?i)\byang\s+$", text[max(0, match.start() - 6) : match.start()]):
        return None
    step, offset = vocabulary().relative[re.sub(r"\s+", " ", match[0].lower())]
    return Resolved(_shift(published, step, offset))


def _counted(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"tiga hari lalu", "dua pekan lagi", "sebulan lalu", "5 tahun silam"."""
    vocab = vocabulary()
    number = 1.0 if match["n"].lower() == "se" else getattr(parse_number(match["n"]), "value", None)
    if number is None or not float(number).is_integer():
        return None
    step, size = vocab.steps[match["unit"].lower()]
    sign = vocab.directions[re.sub(r"\s+", " ", match["dir"].lower())]
    return Resolved(_shift(published, step, sign * size * int(number)))


def _weekday(match: re.Match, published: date | None, text: str) -> Resolved | None:
    """"Selasa": the latest such day up to publication; "Senin depan": the next one after it."""
    weekday = vocabulary().weekdays[match["wd"]]
    if published is None:
        return Resolved(None, weekday=weekday)
    back = (published.isoweekday() - weekday) % 7
    direction = (match["dir"] or "").lower()
    if direction in ("depan", "mendatang"):
        return Resolved((published + timedelta(days=(weekday - published.isoweekday()) % 7 or 7)).isoformat())
    if direction in ("lalu", "kemarin"):
        back = back or 7
    return Resolved((published - timedelta(days=back)).isoformat())


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The date rules, compiled from the vocabulary, each with the words it can start with."""
    vocab = vocabulary()
    month = rf"(?:{alternation(vocab.months)})\.?"
    weekday = rf"(?:{alternation(vocab.weekdays)})"
    relative = alternation(vocab.relative).replace(r"\ ", r"\s+")
    steps = alternation(vocab.steps)
    directions = alternation(vocab.directions).replace(r"\ ", r"\s+")
    counts = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas"
    number_words = rf"(?:\d{{1,3}}|se|(?:{counts})(?:\s+(?:belas|puluh))?)"
    with_weekday = rf"(?:(?P<wd>{weekday})\s*,?\s*(?:tanggal\s+)?)?"
    year = r"(?:19|20)\d{2}"
    parts = "awal|akhir|pertengahan|medio"
    periods = "triwulan|kuartal|kwartal|caturwulan|semester"
    # What each rule can start with, in lower case (see StartedPattern).
    weekday_starts = word_starts(w.lower() for w in vocab.weekdays)
    month_starts = word_starts([*parts.split("|"), "bulan", *(m.lower() for m in vocab.months)])
    relative_starts = word_starts(expression.split()[0] for expression in vocab.relative)
    relative_rules = {"part", "relative", "counted", "weekday", "period"}
    specs = [
        ("numeric", rf"{with_weekday}(?P<open>\()?(?<![\d/.])(?P<d>\d{{1,2}})(?P<sep>[/-])(?P<m>\d{{1,2}})"
         rf"(?:(?P=sep)(?P<y>{year}|\d{{2}}))?(?![\d/])(?P<close>\))?", r"[\d(](?<!\d\d)", weekday_starts, _numeric),
        ("textual", rf"\b{with_weekday}(?<![\d/.,])(?P<d>\d{{1,2}})(?:{DASH}(?P<d2>\d{{1,2}}))?"
         rf"\s+(?P<m>{month})(?:\s+(?P<y>{year}))?\b", DIGITS_START, weekday_starts, _textual),
        ("month", rf"\b(?:(?P<part>(?i:{parts}))\s+)?(?P<bulan>(?i:bulan)\s+)?(?P<m1>{month})"
         rf"(?:\s*[-–—]\s*(?P<m2>{month}))?(?:\s+(?P<y>{year}))?\b", month_starts, _month),
        ("period", rf"(?i:\b(?:{periods})\s+(?:IV|I{{1,3}}|[1-4]|pertama|kedua|ketiga|keempat)"
         rf"\b(?:\s*(?:[-–—]|tahun)\s*(?P<y>{year}))?)\b", word_starts(periods.split("|")), _period),
        ("part", rf"(?i:\b(?P<part>awal|akhir|pertengahan)\s+(?P<unit>bulan|tahun)(?:\s+(?P<rel>ini|depan|lalu|kemarin))?)\b"
         rf"(?!\s+{year})", word_starts(["awal", "akhir", "pertengahan"]), _part_of),
        ("year", rf"\b(?:(?P<part>(?i:{parts}))\s+)?(?P<tahun>(?i:tahun)\s+(?:(?i:anggaran)\s+)?)?"
         rf"(?<![\d.,/])\b(?P<y>{year})(?:\s*[-–—/]\s*(?P<y2>{year}))?(?![\d.,/]?\d)", word_starts([*parts.split("|"), "tahun", "19", "20"]), _year_rule),
        ("relative", rf"(?i:\b(?:{relative})\b)", relative_starts, _relative),
        ("counted", rf"(?i:\b(?P<n>{number_words})\s*(?P<unit>{steps})\s+(?P<dir>{directions})\b)",
         DIGITS_START, word_starts(["se", *counts.split("|")]), _counted),
        ("weekday", rf"\b(?P<wd>{weekday})\b(?:\s+(?P<dir>(?i:lalu|depan|kemarin|mendatang|ini))\b)?", weekday_starts,
         _weekday),
    ]
    return tuple(
        Rule(name, StartedPattern(re.compile(pattern), *starts), resolve, name in relative_rules)
        for name, pattern, *starts, resolve in specs
    )


def _anchor(candidates: list[tuple[re.Match, Resolved]], published: date | None) -> date | None:
    """The day the article reports on: its first weekday-marked date ("Senin (19/8)") in the week
    up to publication, else the publication date. "hari ini" in a quote said on Monday and
    published on Tuesday means Monday."""
    if published is None:
        return None
    for _, resolved in sorted(candidates, key=lambda c: c[0].start()):
        if resolved.weekday and resolved.value and len(resolved.value) == 10:
            day = date.fromisoformat(resolved.value)
            if day.isoweekday() == resolved.weekday and 0 <= (published - day).days <= 7:
                return day
    return published


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date expression in a text, longest first where they overlap, in text order.

    text: the article text. published: publication date that year-less and relative dates are
        resolved against (None leaves them with value None, never today's date).
    Returns DateMention objects with offsets into text.
    """
    lower = lowered(text)
    absolute = _matches([rule for rule in rules() if not rule.relative], text, lower, published)
    anchor = _anchor(absolute, published)
    candidates = absolute + _matches([rule for rule in rules() if rule.relative], text, lower, anchor)
    mentions: list[DateMention] = []
    taken_until = -1
    for match, resolved in sorted(candidates, key=lambda c: (c[0].start(), -c[0].end())):
        if match.start() < taken_until:
            continue  # overlaps a longer mention that starts earlier or at the same place
        taken_until = match.end()
        mentions.append(
            DateMention(match[0], resolved.value, match.start(), match.end(), resolved.value_end, resolved.weekday,
                        resolved.out_of_range)
        )
    return mentions


def _matches(rules_: list[Rule], text: str, lower: str | None, reference: date | None) -> list[tuple[re.Match, Resolved]]:
    found = []
    for rule in rules_:
        for match in rule.pattern.finditer(text, lower):
            resolved = _resolve(rule, match, reference, text)
            if resolved is not None:
                found.append((match, resolved))
    return found


def _resolve(rule: Rule, match: re.Match, reference: date | None, text: str) -> Resolved | None:
    """A rule's resolution, or OUT_OF_RANGE when the date would leave years 1-9999."""
    try:
        resolved = rule.resolve(match, reference, text)
    except OverflowError:  # date arithmetic past 0001-01-01 or 9999-12-31
        return OUT_OF_RANGE
    if resolved is None or all(_representable(v) for v in (resolved.value, resolved.value_end)):
        return resolved
    return OUT_OF_RANGE


def _representable(value: str | None) -> bool:
    """An ISO value of years 1-9999 ("%04d" writes year 0 as "0000" and year -1 as "-001")."""
    return value is None or (ISO_VALUE.fullmatch(value) is not None and not value.startswith("0000"))


def parse_date(text: str, published: date | None = None) -> DateMention | None:
    """A text that is one date expression ("Senin (28/9/2020)", "tiga hari lalu"), parsed.

    text: the expression. published: as for find_dates. Returns its DateMention or None.
    """
    stripped = text.strip()
    mentions = find_dates(stripped, published)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return mentions[0]
    return None


def weekday_conflict(mention: DateMention) -> bool:
    """Whether the weekday written with a full date contradicts it ("Selasa (22/10/2025)")."""
    if mention.weekday is None or mention.value is None or len(mention.value) != 10:
        return False
    return date.fromisoformat(mention.value).isoweekday() != mention.weekday


@Language.factory("berita_dates", default_config={"check_weekdays": True}, assigns=["doc._.dates"])
class DateRecognizer:
    """spaCy component: writes doc._.dates (DateMentions as plain dicts) resolved against doc._.published,
    and warns ("weekday_mismatch") when a weekday contradicts its date; the written date is kept.

    check_weekdays: whether to add the weekday warnings.
    """

    def __init__(self, nlp: Language, name: str, check_weekdays: bool = True):
        self.name = name
        self.check_weekdays = check_weekdays

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, find_dates(token_view(doc).doc_text, published_date(doc)))
        return doc

    def set_annotations(self, doc: Doc, mentions: list[DateMention]) -> None:
        """Store the mentions on doc._.dates and add a warning for each contradicting weekday."""
        doc._.dates = [to_plain(mention) for mention in mentions]
        for mention in mentions:
            if mention.out_of_range:
                add_warning(doc, "date_out_of_range", f"'{mention.text}' falls outside years 1-9999; left without a value",
                            text=mention.text, start=mention.start, end=mention.end)
        if not self.check_weekdays:
            return
        names = {number: name for name, number in vocabulary().weekdays.items()}
        for mention in mentions:
            if weekday_conflict(mention):
                actual = date.fromisoformat(mention.value).isoweekday()
                add_warning(
                    doc,
                    "weekday_mismatch",
                    f"'{mention.text}': {mention.value} is a {names[actual]}, not a {names[mention.weekday]}",
                    text=mention.text,
                    start=mention.start,
                    end=mention.end,
                    value=mention.value,
                )
