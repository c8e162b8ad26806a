"""Clean stage: turn a raw article into body text plus the metadata found in it.

Removes page furniture ("Baca juga: ...", "Artikel Terkait", ad lines), finds the title of a raw
page, parses the dateline ("RADARSEMARANG.ID, Semarang –") and the closing author codes
("(avi/ida/bas)"), and keeps paragraphs: the cleaned text joins them with a blank line, and every
later offset points into that text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.resources import data_lines

PARAGRAPH_SEPARATOR = "\n\n"
# A title is a short line without a final full stop; longer lines are body text.
MAX_TITLE_CHARS = 200
DASH = r"[–—-]"
AUTHOR_CODES = re.compile(r"\s*\(\s*([a-z]{2,6}(?:\s*/\s*[a-z]{2,6})*)\s*\)\s*$")


@dataclass(frozen=True)
class Dateline:
    """The opening "OUTLET, Place –" of a news article."""

    place: str | None
    outlet: str | None


@dataclass
class CleanText:
    """Result of cleaning one article.

    text: the body, paragraphs joined by a blank line; every offset of later stages points here.
    paragraphs: (start, end) character offsets of each paragraph in `text`.
    removed: the furniture lines taken out, verbatim.
    """

    text: str
    title: str | None = None
    dateline: Dateline | None = None
    authors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def furniture_pattern() -> re.Pattern[str]:
    """One regex matching a whole furniture line (patterns in data/furniture.txt)."""
    alternatives = "|".join(f"(?:{p})" for p in data_lines("furniture.txt"))
    return re.compile(rf"^(?:{alternatives})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def dateline_patterns() -> list[re.Pattern[str]]:
    """Dateline regexes built from the outlet names in data/outlets.txt, most specific first."""
    outlet = "(?P<outlet>" + "|".join(f"(?:{p})" for p in data_lines("outlets.txt")) + ")"
    place = r"(?P<place>[A-Z][\w'.]*(?:[ -][A-Z][\w'.]*){0,3})"
    return [
        # RADARSEMARANG.ID, Semarang –
        re.compile(rf"^{outlet}\s*,\s*{place}\s*{DASH}\s+"),
        # JAKARTA, KOMPAS.com -   /   JAKARTA , KOMPAS —
        re.compile(rf"^{place}\s*,\s*{outlet}\s*{DASH}\s+"),
        # Jakarta (ANTARA) -
        re.compile(rf"^{place}\s*\(\s*{outlet}\s*\)\s*{DASH}\s+"),
        # JP Bogor –
        re.compile(rf"^{outlet}\s*{DASH}\s+"),
        # JawaPos.com Festival ... (a domain-like outlet glued to the first sentence)
        re.compile(r"^(?P<outlet>[A-Z][A-Za-z0-9]*\.(?:com|id|co\.id))\s+(?=[A-Z])"),
    ]


def normalise(raw: str) -> str:
    """Unify line ends and invisible characters so that offsets are stable and patterns match."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def is_furniture(line: str) -> bool:
    """True when a stripped line is page furniture rather than article text."""
    return bool(furniture_pattern().match(line))


def parse_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Split an opening paragraph into its dateline and the rest of the paragraph."""
    for pattern in dateline_patterns():
        match = pattern.match(paragraph)
        if match:
            groups = match.groupdict()
            place = groups.get("place")
            if place and place.isupper():
                place = place.title()
            return Dateline(place=place, outlet=groups.get("outlet")), paragraph[match.end():]
    return None, paragraph


def parse_authors(paragraph: str) -> tuple[list[str], str]:
    """Split the closing "(avi/ida/bas)" author codes off the last paragraph."""
    match = AUTHOR_CODES.search(paragraph)
    if not match:
        return [], paragraph
    codes = [code.strip() for code in match.group(1).split("/")]
    return codes, paragraph[: match.start()].rstrip()


def _looks_like_title(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ",", ":", "”", '"'))


def clean(raw: str, title: str | None = None) -> CleanText:
    """Clean one article.

    raw: the article as read (plain text; HTML has been turned into text by the reader).
    title: the title when the source gives it; when None, the first short line of a raw page
        that is followed by body text is taken as the title.
    Returns a CleanText whose `text` holds only body paragraphs.
    """
    removed: list[str] = []
    lines: list[str] = []
    for line in normalise(raw).split("\n"):
        stripped = " ".join(line.split())
        if not stripped:
            continue
        if is_furniture(stripped):
            removed.append(line.strip())
        else:
            lines.append(stripped)

    if lines and title is None and len(lines) > 1 and _looks_like_title(lines[0]):
        title = lines.pop(0)
    elif lines and title is not None and lines[0] == " ".join(title.split()):
        lines.pop(0)

    dateline = None
    if lines:
        dateline, lines[0] = parse_dateline(lines[0])
    authors: list[str] = []
    if lines:
        authors, lines[-1] = parse_authors(lines[-1])
    lines = [line for line in lines if line]

    paragraphs, position = [], 0
    for line in lines:
        paragraphs.append((position, position + len(line)))
        position += len(line) + len(PARAGRAPH_SEPARATOR)
    return CleanText(
        text=PARAGRAPH_SEPARATOR.join(lines),
        title=title,
        dateline=dateline,
        authors=authors,
        removed=removed,
        paragraphs=paragraphs,
    )
