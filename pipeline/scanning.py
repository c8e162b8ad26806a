"""Regex scans that try a pattern only where it can start.

Python's re engine skips fast through a text only to a literal or character-set prefix of the
pattern. A pattern that opens with \\b, a lookbehind, an optional group or a case-insensitive
word is tried at every character instead: the date and number patterns spent most of their time
so. A StartedPattern pairs such a pattern with `starts`, case-sensitive patterns with a literal
prefix that match, in the lower-cased text, wherever the pattern can start ("kemarin" for
"(?i:\\bkemarin\\b)"; a digit and "senin" for "(?:Senin,\\s*)?\\d+/\\d+"). Its finditer tries
the pattern only there and gives the same matches as pattern.finditer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from pipeline.resources import alternation

# Characters that re.IGNORECASE matches to an ASCII letter though str.lower() gives another one
# ("İ" even two characters, which would move every later offset): a text holding one is
# scanned in full. Every other character lower-cases to the letter it matches case-insensitively
# (checked against all code points; the Kelvin sign lower-cases to "k").
UNFOLDED = ("İ", "ı", "ſ")


def lowered(text: str) -> str | None:
    """text.lower() for StartedPattern.finditer: None when the text holds a character of UNFOLDED,
    whose lower case does not match what the case-insensitive patterns match."""
    return None if any(character in text for character in UNFOLDED) else text.lower()


# A digit that starts a run of digits: the patterns that start with a number never start inside one.
DIGITS_START = r"\d(?<!\d\d)"


def word_starts(words: Iterable[str]) -> str:
    """A start pattern for words (in lower case): they are grouped by their first character,
    "a(?:khir|wal)|bulan", so that at a position the regex engine tries one group rather than
    every word (a third faster on the date words)."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(re.escape(first) + (f"(?:{alternation(rests)})" if all(rests) else "") for first, rests in groups.items())


class StartedPattern:
    """A compiled pattern and the patterns of the places where it can start.

    pattern: the regex; it never matches an empty string.
    starts: regexes (str) that together match, in text.lower(), at every position where
        `pattern` can match in text. Each should begin with a literal or a character set, which
        the regex engine skips to fast: a digit and a word ("[\\d(]" and "senin|selasa") are two
        patterns rather than one alternation, which the engine would try at every position.
    """

    def __init__(self, pattern: re.Pattern, *starts: str):
        self.pattern = pattern
        self.starts = tuple(re.compile(start) for start in starts)

    def finditer(self, text: str, lower: str | None) -> Iterator[re.Match]:
        """The matches of pattern.finditer(text), trying the pattern only where a start matches.

        text: the text searched. lower: lowered(text), computed once for all the patterns run
            over a text (None scans the whole text).
        """
        if lower is None:
            yield from self.pattern.finditer(text)
            return
        starts = [start_positions(start, lower) for start in self.starts]
        position = 0
        for start in starts[0] if len(starts) == 1 else sorted(sum(starts, [])):
            if start < position:
                continue  # inside the last match, or a second start pattern at the same place
            # pattern.match(text, i) sees the text before i (lookbehinds, \b) as finditer does.
            match = self.pattern.match(text, start)
            if match is None:
                position = start + 1
            else:
                yield match
                position = max(match.end(), start + 1)


# Several patterns share a start pattern (the weekdays start three date rules, a digit the dates
# and the numbers of the facts, which run on the same text one after the other): each start
# pattern is searched once per text. Bounded: a few texts' positions.
@lru_cache(maxsize=64)
def start_positions(start: re.Pattern, lower: str) -> list[int]:
    """Every position where `start` matches in lower (overlapping matches included: a search
    from each position finds the first of them at or after it)."""
    positions = []
    match = start.search(lower)
    while match is not None:
        positions.append(match.start())
        match = start.search(lower, match.start() + 1)
    return positions
