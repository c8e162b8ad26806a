"""Datelines: the "JAKARTA, KOMPAS.com -" that opens a news article, for any outlet.

One small grammar, with the outlet names in data/outlets.txt:

    dateline := PLACE [","] OUTLET DASH    JAKARTA, KOMPAS.com -      SEMARANG, Jateng Terkini -
              | OUTLET "," PLACE DASH      Liputan6.com, Jakarta -    RADARSEMARANG.ID, Semarang –
              | PLACE "(" OUTLET ")" DASH  Jakarta (ANTARA) -
              | OUTLET DASH                KOMPAS.com -               JP Bogor –
              | PLACE DASH                 JAKARTA- (capitals)        Jakarta - (spaced dash)
              | OUTLET "," PLACE           Liputan6.com, JakartaPemuda (dash lost, place glued)
              | "," PLACE DASH             , Jakarta - (the outlet's name lost)
              | DOMAIN                     JawaPos.com Festival ...   (outlet glued to the text)

DASH is one or two of - – —, with or without spaces, also glued to the first word ("-Bank").
The place is returned in title case, the outlet as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import alternation, data_lines

DASH = r"\s*[–—-]{1,2}"
# A place: one to four capitalised words ("Tel Aviv", "Washington D.C", "LEBAK").
PLACE = r"[A-Z][\w'.]*(?:[ -][A-Z][\w'.]*){0,3}?"
CAPITAL_PLACE = r"[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3}"
TITLE_PLACE = r"[A-Z][a-z'.]+(?: [A-Z][a-z'.]+){0,2}"
# What may follow the dash: a space, or a word glued to it (not a second dash).
AFTER_DASH = r"(?:\s+|(?=[^\s–—-])|$)"


@dataclass(frozen=True)
class Dateline:
    """The opening "OUTLET, Place –" of a news article."""

    place: str | None
    outlet: str | None


@lru_cache(maxsize=1)
def known_capitals() -> str:
    """The known places of data/places.txt in capitals, as a regex alternation."""
    return alternation(place.upper() for place in data_lines("places.txt"))


@lru_cache(maxsize=1)
def known_places() -> str:
    """The known places of data/places.txt as written, as a regex alternation."""
    return alternation(data_lines("places.txt"))


def _outlet(group: str = "outlet") -> str:
    return f"(?P<{group}>" + "|".join(f"(?:{p})" for p in data_lines("outlets.txt")) + ")"


@lru_cache(maxsize=1)
def outlet_mentions() -> re.Pattern[str]:
    """An outlet's name of data/outlets.txt, to match whole tokens of a text ("kepada
    detikJateng", "dilansir dari Antara"): the entities component takes it for an organisation."""
    return re.compile(_outlet())


@lru_cache(maxsize=1)
def dateline_grammar() -> list[re.Pattern[str]]:
    """The dateline forms of the module docstring as regexes, most specific first."""
    outlet = _outlet()
    forms = [
        rf"(?P<place>{PLACE})(?:\s*,\s*|\s+){outlet}{DASH}{AFTER_DASH}",
        # "Liputan6.com, Washington, DC -": a place may carry a short region after a comma.
        rf"{outlet}\s*,\s*(?P<place>{PLACE}(?:, [A-Z]{{2,3}})?){DASH}{AFTER_DASH}",
        rf"(?P<place>{PLACE})\s*\(\s*{outlet}\s*\){DASH}{AFTER_DASH}",
        rf"{outlet}{DASH}{AFTER_DASH}",
        # A dash with a space on at least one side: "JAKARTA- Pemerintah", "LEBAK -- Warga";
        # glued on both sides only after a known place ("JAKARTA-MNC"), not "TNI-Polri".
        rf"(?P<place>{CAPITAL_PLACE})(?:\s+[–—-]{{1,2}}\s*|[–—-]{{1,2}}\s+)",
        rf"(?P<place>{known_capitals()})[–—-](?=[A-Z])",
        rf"(?P<place>{TITLE_PLACE})\s[–—-]{{1,2}}\s+",
        # The outlet's name lost before its comma: ", Jakarta - Siapa pun ..."
        rf",\s*(?P<place>{TITLE_PLACE}){DASH}{AFTER_DASH}",
        # The scraper dropped the dash and glued the place to the first word: the place ends
        # where a capital follows a small letter.
        rf"{outlet}\s*,\s*(?P<place>{TITLE_PLACE}?)(?<=[a-z])(?=[A-Z“\"‘])",
        # ... or to a word in small letters, after a place that is known: "Jakartasensual".
        rf"{outlet}\s*,\s*(?P<place>{known_places()})(?=[a-z])",
        r"(?P<outlet>[A-Z][A-Za-z0-9]*\.(?:com|id|co\.id))\s+(?=[A-Z])",
    ]
    return [re.compile("^" + form) for form in forms]


def title_case(place: str | None) -> str | None:
    """"JAKARTA" -> "Jakarta"; a place already in mixed case is kept as written."""
    if place and place.isupper():
        return place.title()
    return place


def parse_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Split an opening paragraph into its dateline and the rest of the paragraph.

    paragraph: the first paragraph of the body. Returns (Dateline, rest) or (None, paragraph).
    """
    for pattern in dateline_grammar():
        match = pattern.match(paragraph)
        if match:
            groups = match.groupdict()
            dateline = Dateline(place=title_case(groups.get("place")), outlet=groups.get("outlet"))
            return dateline, paragraph[match.end():].lstrip()
    return None, paragraph


def split_dateline(lines: list[str]) -> tuple[Dateline | None, list[str]]:
    """The dateline of an article's body lines, also when the scraper broke it over two lines
    ("KOMPAS.com" then "- Presiden ...", or "JAKARTA, KOMPAS.com -" alone on the first line).

    lines: the body lines, furniture removed. Returns (Dateline or None, the lines without it).
    """
    if not lines:
        return None, lines
    dateline, rest = parse_dateline(lines[0])
    if len(lines) > 1 and (dateline is None or not rest):
        joined, joined_rest = parse_dateline(f"{lines[0]} {lines[1]}")
        # Only a dateline that reaches over the break joins the two lines.
        if joined is not None and len(joined_rest) < len(lines[1]):
            return joined, [joined_rest, *lines[2:]]
        if dateline is not None:
            return dateline, lines[1:]
    if dateline is None:
        return None, lines
    return dateline, [rest, *lines[1:]] if rest else lines[1:]
