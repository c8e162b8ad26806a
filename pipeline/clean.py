"""Clean stage: turn a raw article into body text plus the metadata found in it.

Removes page furniture ("Baca juga: ...", "Artikel Terkait", ad lines), finds the title of a raw
page, parses the dateline ("RADARSEMARANG.ID, Semarang –"), repairs scraper noise (glued
sentences, lines broken inside a sentence) and the closing author codes ("(avi/ida/bas)"), and
keeps paragraphs: the cleaned text joins them with a blank line, and every
later offset points into that text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.dateline import Dateline, parse_dateline, split_dateline
from pipeline.furniture import Removal, is_furniture, remove_rule_furniture, remove_templates
from pipeline.repair import Repair, repair_lines

__all__ = ["CleanText", "Dateline", "clean", "is_furniture", "normalise", "parse_authors", "parse_dateline"]

PARAGRAPH_SEPARATOR = "\n\n"
# A title is a short line without a final full stop; longer lines are body text.
MAX_TITLE_CHARS = 200
AUTHOR_CODES = re.compile(r"\s*\(\s*([a-z]{2,6}(?:\s*/\s*[a-z]{2,6})*)\s*\)\s*$")


@dataclass
class CleanText:
    """Result of cleaning one article.

    text: the body, paragraphs joined by a blank line; every offset of later stages points here.
    paragraphs: (start, end) character offsets of each paragraph in `text`.
    removed: the furniture lines taken out, verbatim, each with the layer that took it out.
    repairs: the scraper noise repaired in `text` (pipeline/repair.py).
    """

    text: str
    title: str | None = None
    dateline: Dateline | None = None
    authors: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


def normalise(raw: str) -> str:
    """Unify line ends and invisible characters so that offsets are stable and patterns match."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return unicodedata.normalize("NFC", text)


def parse_authors(paragraph: str) -> tuple[list[str], str]:
    """Split the closing "(avi/ida/bas)" author codes off the last paragraph."""
    match = AUTHOR_CODES.search(paragraph)
    if not match:
        return [], paragraph
    codes = [code.strip() for code in match.group(1).split("/")]
    return codes, paragraph[: match.start()].rstrip()


def _looks_like_title(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ",", ":", "”", '"'))


def _lines(raw: str) -> list[str]:
    """The non-empty lines of a page, stripped."""
    return [stripped for line in normalise(raw).split("\n") if (stripped := line.strip())]


def _take_title(lines: list[str], title: str | None) -> tuple[str | None, list[str]]:
    if lines and title is None and len(lines) > 1 and _looks_like_title(lines[0]):
        return lines[0], lines[1:]
    if lines and title is not None and lines[0] == " ".join(title.split()):
        return title, lines[1:]
    return title, lines


def clean(raw: str, title: str | None = None, templates: frozenset[str] = frozenset()) -> CleanText:
    """Clean one article.

    raw: the article as read (plain text; HTML has been turned into text by the reader).
    title: the title when the source gives it; when None, the first short line of a raw page
        that is followed by body text is taken as the title.
    templates: the template lines of the article's outlet in its batch (Templates.for_outlet).
    Returns a CleanText whose `text` holds only body paragraphs.
    """
    page = _lines(raw)
    lines, removed = remove_rule_furniture(page)
    lines, by_template = remove_templates(lines, templates)
    removed = sorted(removed + by_template, key=lambda removal: page.index(removal.text))
    lines = [" ".join(line.split()) for line in lines]
    title, lines = _take_title(lines, title)
    dateline, lines = split_dateline(lines)
    lines, repairs = repair_lines(lines)
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
        repairs=repairs,
        paragraphs=paragraphs,
    )
