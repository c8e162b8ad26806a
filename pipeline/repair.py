"""Scraper noise repaired before the NLP, each repair recorded.

Scrapers that turn a page's links into text lose the spaces and breaks around them:
- sentences glued without a space: "di Semarang.Pilihan lokasi" -> "di Semarang. Pilihan lokasi";
- a comma glued to the next word: "menyebut,kapal" -> "menyebut, kapal";
- a line break inside a sentence, where a link began: "Warga yang" / "terdampak banjir ..." become
  one line when the first has no closing punctuation and the second starts in lower case.
Nothing is changed inside a URL, an e-mail address or a domain ("Liputan6.com", "KOMPAS.com"),
and no letters are added or removed, so the words stay the words of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that ends like this closes its sentence (or opens a list): the next line is a new one.
CLOSING = (".", "!", "?", ":", ";", "”", '"', "’", "'", ")", "]")
# The full stop or comma between two words, with no space after it. The mark comes first and
# the letters before it are looked behind from it: the regex engine then skips to the marks
# instead of trying the lookbehind at every character (twice as fast).
GLUED = re.compile(r"(?P<mark>\.)(?<=[a-z]{2}\.)(?=[A-Z][a-z])|(?P<comma>,)(?<=[a-z],)(?=[A-Za-z])")
# A token that is (or holds) a URL, an e-mail address or a domain: never repaired.
ADDRESS = re.compile(r"://|www\.|@|\.(?:com|co|id|net|org|go|ac|or|info|news|tv)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Repair:
    """One repair: its kind, the text as the page had it and as it is now in the record's text."""

    kind: str
    original: str
    repaired: str


def _token_at(line: str, index: int) -> str:
    start = line.rfind(" ", 0, index) + 1
    end = line.find(" ", index)
    return line[start:] if end < 0 else line[start:end]


def repair_glued_marks(line: str) -> tuple[str, list[Repair]]:
    """Put the missing space after a full stop or comma between two words of a line."""
    repairs: list[Repair] = []

    def fix(match: re.Match) -> str:
        token = _token_at(line, match.start())
        if ADDRESS.search(token):
            return match.group(0)
        kind = "sentence_space" if match.group("mark") else "comma_space"
        repairs.append(Repair(kind, token, token.replace(match.group(0), match.group(0) + " ", 1)))
        return match.group(0) + " "

    return GLUED.sub(fix, line), repairs


def join_broken_lines(lines: list[str]) -> tuple[list[str], list[Repair]]:
    """Join each line to the one before when the scraper broke a sentence there (see above)."""
    joined: list[str] = []
    repairs: list[Repair] = []
    for line in lines:
        if joined and not joined[-1].endswith(CLOSING) and line[:1].islower():
            tail, head = joined[-1].rsplit(" ", 1)[-1], line.split(" ", 1)[0]
            repairs.append(Repair("line_join", f"{tail}\n{head}", f"{tail} {head}"))
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined, repairs


def repair_lines(lines: list[str]) -> tuple[list[str], list[Repair]]:
    """All repairs of this module on an article's body lines; returns (lines, repairs)."""
    lines, repairs = join_broken_lines(lines)
    repaired = []
    for line in lines:
        line, found = repair_glued_marks(line)
        repaired.append(line)
        repairs.extend(found)
    return repaired, repairs
