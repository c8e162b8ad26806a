"""Page furniture: the lines of a scraped page that are not the article.

Two layers, and every removed line says which one took it out:
- "rule": the patterns of data/furniture.txt: whole lines ("Baca juga: ...", "ADVERTISEMENT"),
  the linked headline after a line that announces one ("Baca juga:" alone, "... berjudul:"), and
  promo blocks that the scraper split into short lines at each link;
- "template": lines that repeat, after normalising digits, case and spaces, in many articles of
  the same outlet in one batch (TemplateLearner learns them in a first pass, see pipeline/batch.py).
  This layer knows nothing about any outlet.
A line is never taken out by a template when doing so would empty most of the article, so that a
duplicated article or an archive of one outlet's near-identical notices keeps its text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pipeline.resources import data_sections

Layer = Literal["rule", "template"]
# A headline after "Baca juga:" is a short line without a final full stop.
MAX_HEADLINE_WORDS = 25
# Lines of a promo block that the scraper split at its links are short fragments.
MAX_FRAGMENT_WORDS = 6
SENTENCE_END = (".", "!", "?", "”", '"', "’")


@dataclass(frozen=True)
class Removal:
    """One line taken out of a page: its text as it was and the layer that took it out."""

    text: str
    layer: Layer


@lru_cache(maxsize=1)
def furniture_rules() -> dict[str, re.Pattern[str]]:
    """The sections of data/furniture.txt, each as one compiled regex: "line" and "lead" match a
    whole line, "block" is searched in the joined text of a run of short lines."""
    rules = {}
    for section, patterns in data_sections("furniture.txt").items():
        alternatives = "|".join(f"(?:{p})" for p in patterns)
        anchored = section in ("line", "lead")
        rules[section] = re.compile(rf"^(?:{alternatives})\s*$" if anchored else alternatives, re.IGNORECASE)
    return rules


def collapse(line: str) -> str:
    """A line with its spaces collapsed, as the rules see it."""
    return " ".join(line.split())


def is_furniture(line: str) -> bool:
    """True when a line is page furniture by a line rule."""
    return bool(furniture_rules()["line"].match(collapse(line)))


def announces_headline(line: str) -> bool:
    """True for a line after which the scraper put the linked headline ("Baca juga:")."""
    return bool(furniture_rules()["lead"].match(collapse(line)))


def looks_like_headline(line: str) -> bool:
    """What a linked headline looks like: a short line in title case, without a final full stop,
    that is neither a quote nor a numbered item (the article's own subheadings "1. Tidur Lama")."""
    if len(line.split()) > MAX_HEADLINE_WORDS or line.rstrip().endswith((".", ",", "”", '"')):
        return False  # checked first: most lines are long paragraphs
    words = [word for word in line.split() if word[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in words)
    return not re.match(r"[“\"'‘]|\d+[.)]", line) and capitalised * 2 > len(words)


def template_key(line: str) -> str:
    """A line as the template layer compares it: digits as 0, case and spaces ignored."""
    return re.sub(r"\d", "0", collapse(line)).casefold()


@dataclass
class Templates:
    """The furniture lines learnt from a batch, per outlet (None for articles without one)."""

    lines: dict[str | None, frozenset[str]] = field(default_factory=dict)

    def for_outlet(self, outlet: str | None) -> frozenset[str]:
        return self.lines.get(outlet, frozenset())


class TemplateLearner:
    """Counts, per outlet, in how many articles each line occurs, and keeps as furniture the lines
    that occur in at least `min_articles` articles and `min_share` of the outlet's articles.

    min_articles: the fewest articles a template line is seen in (default 3);
    min_share: the smallest share of the outlet's articles (default 0.1);
    max_articles: articles per outlet that are counted (default 2,000): a sample, so that memory
        stays bounded on an archive of any size.
    """

    def __init__(self, *, min_articles: int = 3, min_share: float = 0.1, max_articles: int = 2000):
        self.min_articles, self.min_share, self.max_articles = min_articles, min_share, max_articles
        self.counts: dict[str | None, Counter] = {}
        self.articles: Counter = Counter()
        self.seen_texts: set[int] = set()

    def add(self, outlet: str | None, text: str) -> None:
        """Count the lines of one article (a text seen before is not counted twice)."""
        if self.articles[outlet] >= self.max_articles or hash(text) in self.seen_texts:
            return
        self.seen_texts.add(hash(text))
        self.articles[outlet] += 1
        keys = {template_key(line) for line in text.splitlines()}
        self.counts.setdefault(outlet, Counter()).update(key for key in keys if key)

    def templates(self) -> Templates:
        """The furniture lines of each outlet learnt so far."""
        lines = {}
        for outlet, counts in self.counts.items():
            needed = max(self.min_articles, self.min_share * self.articles[outlet])
            lines[outlet] = frozenset(key for key, count in counts.items() if count >= needed)
        return Templates(lines)


def remove_templates(lines: list[str], templates: frozenset[str]) -> tuple[list[str], list[Removal]]:
    """Take the template lines out of an article's lines, unless that would leave less than half
    of them (a duplicated article, not a page of furniture)."""
    if not templates:
        return lines, []
    kept = [line for line in lines if template_key(line) not in templates]
    if len(kept) < len(lines) / 2:
        return lines, []
    return kept, [Removal(line, "template") for line in lines if template_key(line) in templates]


def _continues(line: str) -> bool:
    """A line that goes on the sentence of the line before: it starts small or with punctuation."""
    return not line[:1].isupper() and not line[:1].isdigit()


def _joins(lines: list[str], index: int) -> bool:
    """Whether line `index` goes on the sentence of the line before it (which does not close one)."""
    return index > 0 and not lines[index - 1].endswith(SENTENCE_END) and _continues(lines[index])


def _split_sentences(lines: list[str], fits) -> Iterable[tuple[int, int]]:
    """(start, end) of each run of two or more lines that `fits` and that look like one sentence
    the scraper split at its links: after the first, each line continues the one before (it
    starts small or with punctuation), and no line but the last closes a sentence."""
    start = None
    for index, line in enumerate(lines):
        joins_before = start is not None and _joins(lines, index)
        joins_after = _joins(lines, index + 1) if index + 1 < len(lines) else False
        # A line that joins neither neighbour is in no run: fits() (a regex search) is not asked.
        fit = (joins_before or joins_after) and fits(line)
        if start is not None and not (joins_before and fit):
            if index - start >= 2:
                yield start, index
            start = None
        if start is None and joins_after and fit:
            start = index
    if start is not None:  # a run open at the end has two lines at least: its first joins the next
        yield start, len(lines)


def promo_blocks(lines: list[str]) -> set[int]:
    """Indexes of the lines that belong to a promo block which the scraper split into short
    lines ("Simak / breaking news / dan / berita pilihan ..."): a run of short lines (or lines
    with promo words) whose joined text holds promo words."""
    block = furniture_rules()["block"]

    def promo_word(line: str) -> bool:
        return bool(block.search(collapse(line)))

    def fits(line: str) -> bool:
        return len(line.split()) <= MAX_FRAGMENT_WORDS or promo_word(line)

    found: set[int] = set()
    for start, end in _split_sentences(lines, fits):
        if block.search(collapse(" ".join(lines[start:end]))):
            found.update(range(start, end))
    return found


def remove_rule_furniture(lines: list[str]) -> tuple[list[str], list[Removal]]:
    """Take out the lines that the rules of data/furniture.txt call furniture.

    lines: an article's stripped, non-empty lines, as written. Returns (kept lines, removals in page order).
    """
    marked: set[int] = set()
    for index, line in enumerate(lines):
        if is_furniture(line):
            marked.add(index)
        # The headline test first: it is cheaper than the lead patterns, and most lines fail it.
        if index + 1 < len(lines) and looks_like_headline(lines[index + 1]) and announces_headline(line):
            marked.update((index, index + 1))
    rest = [index for index in range(len(lines)) if index not in marked]
    marked.update(rest[i] for i in promo_blocks([lines[i] for i in rest]))
    kept = [line for index, line in enumerate(lines) if index not in marked]
    return kept, [Removal(lines[index], "rule") for index in sorted(marked)]
