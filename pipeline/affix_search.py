"""spaCy's prefix and suffix searches, with the same matches in a fraction of the time.

spaCy joins its prefix rules into one regex, each rule anchored with "^" ("^§|^%|..."), and its
suffix rules into one regex, each anchored with "$". Python's `re.search` tries such a regex at
every position of the string, and at each position every one of the ~170 alternatives: the
prefix search alone was 40% of the tokenizer's time on unseen articles. Here the prefix regex is
matched at position 0 only, and the suffix regex searched only in the last characters of the
string, with the exceptions that keep every match what `re.search` finds (tests/test_nlp.py
compares them on generated and real strings):

- a rule with a top-level "|" of its own is anchored only in its first alternative (spaCy's HTML
  tag prefix "<(b|...)\\s?/>|<a([^>]+)>" leaves "<a([^>]+)>" free to match anywhere): those free
  alternatives are searched as spaCy searches them;
- a suffix rule of unbounded length ("\\.\\.+") can start before the window: when the window's
  match starts at its first character, the whole string is searched.

Each class keeps spaCy's regex as `pattern`, so a saved tokenizer stores what spaCy would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _parser as regex_parser  # sre_parse: the widths of a pattern's matches

from spacy.util import compile_prefix_regex, compile_suffix_regex


def top_level_alternatives(rule: str) -> list[str]:
    """The alternatives of a regex split at its top-level "|" (not inside a group or a class)."""
    alternatives, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(rule):
        char = rule[i]
        if char == "\\":
            i += 1  # the escaped character
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if rule[i + 1:i + 2] == "^":
                i += 1
            if rule[i + 1:i + 2] == "]":  # "[]...]" and "[^]...]": the first "]" is a member
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(rule[start:i])
            start = i + 1
        i += 1
    alternatives.append(rule[start:])
    return alternatives


def rules_of(entries: Iterable[str]) -> list[str]:
    """The rules spaCy compiles (it drops blank ones)."""
    return [entry for entry in entries if entry.strip()]


def free_alternatives(rules: list[str]) -> re.Pattern | None:
    """The alternatives that the "^" or "$" added to a rule does not reach, as one regex."""
    free = [alternative for rule in rules for alternative in top_level_alternatives(rule)[1:]]
    return re.compile("|".join(free)) if free else None


class PrefixSearch:
    """`compile_prefix_regex(entries).search`, trying the anchored rules at position 0 only."""

    def __init__(self, entries: Iterable[str]):
        rules = rules_of(entries)
        self.regex = compile_prefix_regex(rules)
        self.pattern = self.regex.pattern
        self.free = free_alternatives(rules)

    def search(self, text: str) -> re.Match | None:
        # At 0 every alternative is tried in spaCy's order; after 0 only the free ones can match.
        found = self.regex.match(text)
        if found is None and self.free is not None:
            found = self.free.search(text, 1)
        return found


# A run of one character, two or more: "\\.\\.+".
RUN = re.compile(r"(\\?.)\1\+")


class SuffixSearch:
    """`compile_suffix_regex(entries).search`, tried only where a match can start.

    A match of a rule of bounded length starts within `window` characters of the end (the
    longest such match); a rule of unbounded length is a run ("\\.\\.+"), whose every tail is a
    match too, so a run that starts before the window also matches at the window's start, which
    sends the search back to the whole string.
    """

    def __init__(self, entries: Iterable[str]):
        rules = rules_of(entries)
        self.regex = compile_suffix_regex(rules)
        self.pattern = self.regex.pattern
        if free_alternatives(rules) is not None:
            raise ValueError("a suffix rule with a top-level '|' is not anchored at the end: search it whole")
        widths = [regex_parser.parse(rule).getwidth()[1] for rule in rules]
        runs = [rule for rule, width in zip(rules, widths) if width >= regex_parser.MAXREPEAT]
        if any(not RUN.fullmatch(rule) for rule in runs):
            raise ValueError(f"suffix rules of unbounded length other than runs: {runs}")
        # One more than the longest match: "$" also matches before a final newline.
        self.window = max(width for width in widths if width < regex_parser.MAXREPEAT) + 1

    def search(self, text: str) -> re.Match | None:
        start = len(text) - self.window
        if start <= 0:
            return self.regex.search(text)
        # `pos` (unlike slicing) lets the lookbehinds of the rules see the characters before it.
        found = self.regex.search(text, start)
        if found is not None and found.start() == start:
            found = self.regex.search(text)
        return found
