"""Facts: the cardinal quantities of an article with what they count or measure.

A fact is a number expression (pipeline.numbers) with a unit: a currency ("IDR", "USD"),
"persen", a measurement or time unit ("meter", "kg", "hari"), or the counted noun phrase after it
("3.178 industri", "sembilan kawasan industri") or before it ("industri menengah sebanyak 410").
Not facts: dates (doc._.dates), clock times, bare years, ordinals, numbers in names and codes
("Pasal 5", "RT 03", "UU 23/2014"), phone numbers and numbers without anything counted.

The component also checks stated totals against what follows them: a count that disagrees with
the list after it ("sembilan kawasan industri ... Yakni A, B, ..., G." -> "count_mismatch") and
parts that add up to more than their total ("parts_exceed_total").

Word lists are data files: fact_stopwords.txt, classifiers.txt, code_words.txt,
fact_connectors.txt, list_introducers.tsv, units.tsv.
"""

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import islice
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.dates import vocabulary
from pipeline.doc import INTERNAL, add_warning, to_plain
from pipeline.numbers import Quantity, find_quantities
from pipeline.resources import alternation, read_table
from pipeline.scanning import StartedPattern, lowered, word_starts
from pipeline.token_view import token_view

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]")
TIME = re.compile(r"\d{1,2}[.:]\d{2}")
PLAIN_YEAR = re.compile(r"(?:19|20)\d{2}")
MAX_SENTENCE_CHARS = 1_000


@dataclass
class Fact:
    """One quantity of the article; field names are those of record.Fact, but the internal kind."""

    text: str
    value: float
    unit: str | None
    start: int
    end: int
    sentence: str | None  # None when longer than max_sentence_chars
    subject: str | None = None
    value_max: float | None = None
    qualifier: str | None = None
    ambiguous: bool = False
    quote_id: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0  # where the sentence ends: where a list of parts may follow
    # currency, percent, measure or count: which facts can be summed together (check_totals)
    kind: str = field(default="count", metadata=INTERNAL)


@dataclass(frozen=True)
class FactWords:
    stopwords: frozenset[str]
    classifiers: frozenset[str]
    code_words: frozenset[str]
    connectors: frozenset[str]
    introducers: dict[str, bool]
    continuations: frozenset[str]
    units: dict[str, str]  # surface (lower case) -> kind ("length", "time", ...)
    prefixed_nouns: frozenset[str]

    def is_verb_like(self, word: str) -> bool:
        """Prefixed verb forms (menyita, berjumlah, disita, terpaksa) end a noun phrase; the
        nouns of prefixed_nouns.txt ("menengah", "terdakwa") only look like them."""
        lower = word.lower()
        return len(lower) > 5 and re.match(r"(?:me[mn]|ber|di|ter)", lower) is not None and lower not in self.prefixed_nouns


def _words(name: str) -> frozenset[str]:
    return frozenset(word for row in read_table(name) for word in row[0].split())


@lru_cache(maxsize=1)
def fact_words() -> FactWords:
    """The word lists of pipeline/data that facts are found with."""
    return FactWords(
        stopwords=_words("fact_stopwords.txt"),
        classifiers=_words("classifiers.txt"),
        code_words=_words("code_words.txt"),
        connectors=_words("fact_connectors.txt"),
        introducers={words: complete == "yes" for words, complete in read_table("list_introducers.tsv")},
        continuations=_words("list_continuations.txt"),
        units={surface: kind for surface, kind in read_table("units.tsv")},
        prefixed_nouns=_words("prefixed_nouns.txt"),
    )


class Word(NamedTuple):
    """A word or punctuation mark near a number (a tuple: thousands are made per article)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


# How far around a number its words are looked for (characters).
WINDOW = 120


# The most words a rule reads on one side of a number ("jumlah TPS kurang lebih 8.000": 8 before).
NEAR_WORDS = 8


class NearWords:
    """The words and punctuation marks near the numbers of one text. The rules of one number read
    the words at the same place up to three times (is_not_a_fact, measure_unit, counted_noun;
    is_not_a_fact, subject_before): each place is scanned once per text, and the memo goes with
    the text (one held across texts grows with them or, bounded, misses on long pages)."""

    def __init__(self, text: str):
        self.text = text
        self._after: dict[int, list[Word]] = {}
        self._before: dict[int, list[Word]] = {}

    def after(self, position: int, limit: int = 6) -> list[Word]:
        """Up to `limit` words and punctuation marks after position, stopping at a line break."""
        return self._near(_scan_after, self._after, position, limit)

    def before(self, position: int, limit: int = 6) -> list[Word]:
        """Up to `limit` words and punctuation marks before position, nearest first, from the line
        break before it on."""
        return self._near(_scan_before, self._before, position, limit)

    def _near(self, scan, memo: dict[int, list[Word]], position: int, limit: int) -> list[Word]:
        if limit > NEAR_WORDS:
            return scan(self.text, position, limit)
        words = memo.get(position)
        if words is None:
            words = memo[position] = scan(self.text, position, NEAR_WORDS)
        return words[:limit]


def _scan_after(text: str, position: int, limit: int) -> list[Word]:
    end = text.find("\n", position, position + WINDOW)
    matches = WORD.finditer(text, position, end if end != -1 else position + WINDOW)
    return [Word(m[0], m.start(), m.end()) for m in islice(matches, limit)]


def _scan_before(text: str, position: int, limit: int) -> list[Word]:
    start = max(text.rfind("\n", max(0, position - WINDOW), position) + 1, position - WINDOW)
    matches = list(WORD.finditer(text, start, position))
    return [Word(m[0], m.start(), m.end()) for m in reversed(matches[-limit:])]


class Spans:
    """Non-overlapping (start, end) character spans in text order, found by binary search."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self.starts = [start for start, _ in spans]

    def at(self, position: int) -> int | None:
        """Index of the span that holds `position`, or None."""
        index = bisect_right(self.starts, position) - 1
        return index if index >= 0 and position < self.spans[index][1] else None

    def overlap(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span."""
        index = bisect_right(self.starts, end - 1) - 1
        return index >= 0 and self.spans[index][1] > start


class FactFinder:
    """Turns the quantities of a text into facts, given the spans that are dates."""

    def __init__(self, max_unit_words: int = 3):
        self.words = fact_words()
        self.max_unit_words = max_unit_words
        self.unrepresentable: list[Quantity] = []  # numbers of the last find() beyond float range

    def find(self, text: str, date_spans: list[tuple[int, int]]) -> list[Fact]:
        """The facts of a text (sentence and quote_id left empty), in text order. Numbers too
        large for a float ("1" and 400 zeros) are no facts; they are kept in self.unrepresentable.
        date_spans: (start, end) of the dates, in text order."""
        facts = []
        self.unrepresentable = []
        dates, near = Spans(date_spans), NearWords(text)
        for quantity in find_quantities(text):
            if not all(math.isfinite(v) for v in (quantity.value, quantity.value_max or 0)):
                self.unrepresentable.append(quantity)
                continue
            if dates.overlap(quantity.start, quantity.end) or self.is_not_a_fact(near, quantity):
                continue
            fact = self.with_unit(near, quantity)
            if fact is not None:
                facts.append(fact)
        return facts

    def is_not_a_fact(self, near: NearWords, quantity: Quantity) -> bool:
        """Times, years, phone numbers and numbers in names or codes."""
        text = near.text
        numeral = quantity.numeral
        if quantity.currency or quantity.percent:
            return False
        if PLAIN_YEAR.fullmatch(numeral) and not quantity.scaled:
            return True
        if numeral.startswith("0") and len(numeral) > 1 and not numeral.startswith("0,"):
            return True  # "RT 03", "0812..." phone numbers
        after = text[quantity.end : quantity.end + 6]
        before = near.before(quantity.qualifier_start, 2)
        if TIME.fullmatch(numeral) and (re.match(r"\s*WI[BT]A?\b", after) or (before and before[0].lower in ("pukul", "jam", "pkl"))):
            return True
        if quantity.qualifier or not before:
            return False
        previous = before[0]
        if previous.text == "." and len(before) > 1:
            previous = Word(before[1].text + ".", before[1].start, previous.end)  # "No. 1"
        if previous.lower in self.words.code_words:
            return True
        following = near.after(quantity.end, 1)
        if (
            previous.text[0].isupper()
            and previous.lower not in self.words.stopwords  # "Sebanyak 35 Inovasi" starts a sentence
            and following
            and following[0].text[0].isupper()
            and not quantity.in_words
        ):
            return True  # "SD Negeri 3 Jekulo", "SMA Negeri 3 Madiun": a number inside a name
        # "PM 10", "KM 12", "UU 23": an acronym right before a bare number names a thing.
        return previous.text.isupper() and previous.is_word and len(previous.text) <= 5 and not quantity.scaled

    def with_unit(self, near: NearWords, quantity: Quantity) -> Fact | None:
        """The fact of a quantity with its unit and subject, or None when nothing is counted."""
        text = near.text
        end, unit, subject, kind = quantity.end, None, None, "count"
        if quantity.currency:
            unit, kind = quantity.currency, "currency"
        elif quantity.percent:
            unit, kind = "persen", "percent"
        else:
            found = self.measure_unit(near, quantity.end) or self.counted_noun(near, quantity.end)
            if found:
                unit, subject, end, kind = found
        # "satu" is as often "a"/"one of" as a count: only "satu minggu", "satu meter" count.
        if quantity.in_words and quantity.value == 1 and kind not in ("measure", "currency", "percent"):
            return None
        start = quantity.start
        backward = self.subject_before(near, quantity)
        if backward is not None:
            before_start, before_subject = backward
            subject = subject or before_subject
            if unit is None:
                unit, start = before_subject.lower(), before_start
        if unit is None:
            return None
        return Fact(
            text=text[start:end],
            value=quantity.value,
            unit=unit,
            start=start,
            end=end,
            sentence="",
            subject=subject,
            value_max=quantity.value_max,
            qualifier=quantity.qualifier,
            ambiguous=quantity.ambiguous,
            kind=kind,
        )

    def measure_unit(self, near: NearWords, position: int) -> tuple[str, None, int, str] | None:
        """A unit of units.tsv right after position ("100 meter", "150 gram per jam")."""
        text = near.text
        words = near.after(position, 4)
        for size in (3, 2, 1):
            if len(words) < size or not all(w.is_word or w.text in "/²³" for w in words[:size]):
                continue
            surface = text[words[0].start : words[size - 1].end]
            # One-letter units are case-sensitive: "100 m", but "100 M" is no metre.
            key = surface if len(surface) == 1 else surface.lower()
            if key in self.words.units and words[0].start - position <= 1:
                end = words[size - 1].end
                rest = words[size:]
                if len(rest) >= 2 and rest[0].lower == "per" and rest[1].is_word:
                    end = rest[1].end  # "150 gram per jam"
                return text[words[0].start : end].lower(), None, end, "measure"
        return None

    def counted_noun(self, near: NearWords, position: int) -> tuple[str, str, int, str] | None:
        """The counted noun phrase after position: "industri", "kawasan industri", "orang"."""
        text = near.text
        words = near.after(position, self.max_unit_words + 1)
        if not words or not words[0].is_word or words[0].start - position > 1:
            return None
        head = words[0]
        if head.lower in self.words.stopwords or head.lower in self.words.units or self.words.is_verb_like(head.text):
            return None
        if head.text in vocabulary().months:
            return None  # "tanggal lima Desember" is a date
        phrase = [head]
        if head.lower not in self.words.classifiers:
            for word in words[1 : self.max_unit_words]:
                if not word.is_word or word.lower in self.words.stopwords or self.words.is_verb_like(word.text):
                    break
                if word.lower.endswith("nya"):
                    break  # "dua dekade akhirnya": -nya words are adverbs or new phrases
                if word.text[0].isupper() and not head.text[0].isupper():
                    break  # "sembilan kawasan industri Kota ..." : a name starts
                phrase.append(word)
        noun = text[phrase[0].start : phrase[-1].end]
        return noun.lower(), noun, phrase[-1].end, "count"

    def subject_before(self, near: NearWords, quantity: Quantity) -> tuple[int, str] | None:
        """The subject written before a connector: "industri menengah sebanyak 410",
        "aset yang disita sebanyak 38", "jumlah TPS kurang lebih 8.000". Returns (start, subject)."""
        text = near.text
        words = near.before(quantity.qualifier_start, 8)
        index = 0
        while index < len(words) and words[index].lower in self.words.connectors:
            index += 1
        if index == 0 and not quantity.qualifier:
            return None
        collected: list[Word] = []
        for word in words[index:]:
            if word.lower == "yang" and collected and all(self.words.is_verb_like(w.text) for w in collected):
                collected = []  # skip the relative clause: "aset [yang disita] sebanyak 38"
                continue
            if not word.is_word or word.lower in self.words.stopwords or len(collected) == 2:
                break
            collected.insert(0, word)
        if not collected or any(self.words.is_verb_like(w.text) for w in collected):
            return None
        earlier = near.before(collected[0].start, 1)
        if earlier and earlier[0].text[0].isdigit():
            return None  # "turun 25 basis poin menjadi 12,5": the words are the unit of 25
        subject = text[collected[0].start : collected[-1].end]
        # "penduduknya" -> "penduduk": the possessive names no other thing.
        subject = re.sub(r"(?<=\w{3})nya$", "", subject)
        return collected[0].start, subject


def unify_units(facts: list[Fact]) -> list[Fact]:
    """Give repeated counts one unit: when "2 penghargaan" and "dua penghargaan tingkat provinsi"
    count the same, the unit of both is the shorter "penghargaan" (the subject keeps the words).

    facts: the facts of one article. Returns the same list, units changed in place.
    """
    counts: dict[float, list[Fact]] = {}
    for fact in facts:
        if fact.kind == "count":
            counts.setdefault(fact.value, []).append(fact)
    for same_value in counts.values():
        # Each value's units once, shortest first (a chain of "3 orang, 3 orang, ..." is one unit).
        units = sorted({fact.unit for fact in same_value}, key=lambda unit: len(unit.split()))
        for fact in same_value:
            words = fact.unit.split()
            fact.unit = next((u for u in units if len(u.split()) < len(words) and words[: len(u.split())] == u.split()), fact.unit)
    return facts


def find_facts(doc: Doc, max_unit_words: int = 3, max_sentence_chars: int = MAX_SENTENCE_CHARS, *,
               text: str | None = None) -> list[Fact]:
    """The facts of a Doc, with their sentence and the id of the quote they are said in.

    doc: a Doc with sentence boundaries; doc._.dates (spans that are not facts) and doc._.quotes
        are read when set. max_unit_words: longest counted noun phrase. max_sentence_chars:
        longest sentence copied into a fact (a longer one is given by its offsets only: a page
        without full stops would otherwise repeat itself in every fact). text: doc.text when
        the caller has read it already (Doc.text joins every token again on each access).
    Returns Fact objects in text order; a number beyond float range gives a warning
    ("number_out_of_range") instead of a fact.
    """
    text = doc.text if text is None else text
    date_spans = [(d["start"], d["end"]) for d in doc._.dates or []]
    finder = FactFinder(max_unit_words)
    facts = unify_units(finder.find(text, date_spans))
    for quantity in finder.unrepresentable:
        add_warning(doc, "number_out_of_range", f"'{quantity.text[:40]}' is too large to represent; no fact",
                    start=quantity.start, end=quantity.end)
    quotes = sorted(
        (q for q in doc._.quotes or [] if q["start"] is not None and q["end"] is not None), key=lambda q: q["start"]
    )
    quote_spans = Spans([(q["start"], q["end"]) for q in quotes])
    sentences = Spans(sentence_bounds(doc, text)) if doc.has_annotation("SENT_START") else None
    for fact in facts:
        index = sentences.at(fact.start) if sentences else None
        fact.sentence_start, fact.sentence_end = sentences.spans[index] if index is not None else (fact.start, fact.end)
        long = fact.sentence_end - fact.sentence_start > max_sentence_chars
        fact.sentence = None if long else text[fact.sentence_start:fact.sentence_end]
        quote = quote_spans.at(fact.start)
        fact.quote_id = quotes[quote]["id"] if quote is not None else None
    return facts


def sentence_bounds(doc: Doc, text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of doc.sents, once per Doc, from the token columns (a Span
    per sentence builds Token objects); a sentence ends with the paragraph break token after it:
    the end is that of its words."""
    tokens = token_view(doc)
    if not len(tokens):
        return []
    starts = [0] + [i for i, start in enumerate(tokens.sent_start) if start and i > 0]
    bounds = []
    for start, end in zip(starts, starts[1:] + [len(tokens)]):
        start_char, end_char = tokens.idx[start], tokens.end_char(end)
        while end_char > start_char and text[end_char - 1].isspace():
            end_char -= 1
        bounds.append((start_char, max(end_char, start_char)))
    return bounds


LIST_END = re.compile(r"[.!?](?=\s|$)|\n|[“”\"]")
CONTINUED = re.compile(r"\.\s+([^\W\d_]+)")
SPACES = re.compile(r" *")
# No written list is longer; a page without sentence ends would otherwise make each list run to
# its end (and checking every total cost the length of the page).
MAX_LIST_CHARS = 2_000
ITEM_SEPARATOR = re.compile(r"\s*(?:[,;](?!\d)|\.(?=\s)|\bdan\b|\bserta\b)\s*")


@lru_cache(maxsize=1)
def _introducer() -> StartedPattern:
    """A list opener (list_introducers.tsv) with the colon and spaces after it."""
    openers = alternation(fact_words().introducers)
    starts = word_starts(opener.lower() for opener in fact_words().introducers)
    return StartedPattern(re.compile(rf"(?i)\b({openers})\b\s*:?\s*"), starts)


class ListMarks:
    """Where lists may open (list_introducers.tsv) and end in a text, found once per text."""

    def __init__(self, text: str):
        self.text = text
        self.openers = list(_introducer().finditer(text, lowered(text)))
        self.opener_starts = [m.start() for m in self.openers]

    @cached_property
    def ends(self) -> list[int]:
        """Where sentences and lines end: read only for a text with a list opener."""
        return [m.start() for m in LIST_END.finditer(self.text)]

    def opener(self, start: int, end: int) -> tuple[str, int] | None:
        """The first list opener whose word stands in [start, end): (opener, where its list starts)."""
        index = bisect_left(self.opener_starts, start)
        if index < len(self.openers) and self.openers[index].end(1) <= end:
            return self.openers[index][1], min(self.openers[index].end(), end)
        return None

    def end_after(self, position: int) -> int:
        """The first list end at or after position (the text's end without one)."""
        index = bisect_left(self.ends, position)
        return self.ends[index] if index < len(self.ends) else len(self.text)


def _list_after(marks: ListMarks, total: Fact) -> tuple[bool, int, int] | None:
    """The list opened after a fact: in the rest of its sentence ("tiga terdakwa yakni A, B dan C")
    or at the start of the next ("... kawasan industri. Yakni A, B."), continued by sentences that
    start with a continuation word ("Lalu D dan E."). Returns (complete, start, end) or None."""
    words = fact_words()
    text = marks.text
    opened = marks.opener(total.end, total.sentence_end)
    if opened is None:
        match = _introducer().pattern.match(text, SPACES.match(text, total.sentence_end).end())
        opened = (match[1], match.end()) if match else None
    if opened is None:
        return None
    opener, start = opened
    end = start
    while True:
        end = marks.end_after(end)
        following = CONTINUED.match(text, end)
        if not (following and following[1].lower() in words.continuations):
            break
        end = following.end()
    return words.introducers[opener.lower()], start, min(end, start + MAX_LIST_CHARS)


def list_items(text: str) -> list[str]:
    """The items of a written list ("A, B, dan C" -> 3); an apposition ("Direktur PT X, Nasori,")
    is one item with what it names."""
    items: list[str] = []
    pieces = [piece for piece in ITEM_SEPARATOR.split(text) if piece.strip()]
    for index, item in enumerate(pieces):
        words = item.split()
        # A short name between commas after a long item names it; the last item is never one,
        # nor is one that repeats a word of the item before ("Balai Desa Damarsi, Desa Entalsewu").
        if (
            items
            and index < len(pieces) - 1
            and len(words) <= 2
            and all(w[0].isupper() for w in words)
            and len(items[-1].split()) >= 3
            and not set(words) & set(items[-1].split())
        ):
            items[-1] += ", " + item
        else:
            items.append(item)
    return items


def check_totals(text: str, facts: list[Fact]) -> list[tuple[str, str, dict]]:
    """Stated totals that disagree with what follows them.

    text: the article text; facts: its facts in text order, with sentence_end set. For each list
    that opens after a fact (list_introducers.tsv) and before the next fact, that fact is the
    total: numeric parts of the same kind must not add up to more than it, and a complete list of
    names must have as many items as it counts.
    Returns (code, message, details) triples.
    """
    problems = []
    marks = ListMarks(text)
    starts = [fact.start for fact in facts]
    for index, total in enumerate(facts):
        opened = _list_after(marks, total)
        if opened is None:
            continue
        complete, start, end = opened
        if index + 1 < len(facts) and facts[index + 1].start < start:
            continue  # another fact stands between: the list is that one's
        # Parts are counted in the total's own unit ("12 tim" is not the sum of "57 orang dan 12
        # kendaraan"); percentages are rates of different bases and never add up.
        inside = facts[bisect_left(starts, start):bisect_left(starts, end)]
        parts = [f for f in inside if f.kind == total.kind and f.unit == total.unit]
        if len(parts) >= 2 and total.unit != "persen":
            added = sum(p.value for p in parts)
            if added > total.value * (1 + 1e-9):
                problems.append(
                    (
                        "parts_exceed_total",
                        f"the parts of '{total.text}' add up to {added:g}, more than {total.value:g}",
                        {"fact": total.text, "start": total.start, "total": total.value, "parts": added},
                    )
                )
        elif not parts and complete and total.kind == "count" and total.qualifier is None:
            listed = named_items(list_items(text[start:end]))
            if listed is not None and listed >= 2 and float(total.value).is_integer() and listed != int(total.value):
                problems.append(
                    (
                        "count_mismatch",
                        f"'{total.text}' announces {total.value:g} but {listed} are listed",
                        {"fact": total.text, "start": total.start, "stated": total.value, "listed": listed},
                    )
                )
    return problems


def _names_something(item: str) -> bool:
    # "kawasan Industri Wijayakusuma", "Kabupaten Tegal": a capital in the first two words.
    return any(word[:1].isupper() for word in item.split()[:2])


def named_items(items: list[str]) -> int | None:
    """How many items a list of names has, or None when it cannot be counted safely.

    Lists of common nouns ("disiplin, kode etik, dan pidana") split wrongly on the "dan" inside
    their items, so only names are counted: the list is its leading run of named items (the
    sentence may go on after it: "..., Kabupaten Pemalang, kembali mengumumkan"), and a named
    item after an unnamed one makes the list unreadable (None).
    """
    named = [_names_something(item) for item in items]
    count = named.index(False) if False in named else len(named)
    return None if any(named[count:]) else count


# Requires the dates ("tiga hari" of a date range is not a fact) and the quotes (the quote a fact
# is said in).
@Language.factory(
    "berita_facts",
    default_config={"max_unit_words": 3, "check_totals": True},
    requires=["token.is_sent_start", "doc._.dates", "doc._.quotes"],
    assigns=["doc._.facts"],
)
class FactRecognizer:
    """spaCy component: writes doc._.facts (Facts as plain dicts) and warns about totals that disagree.

    max_unit_words: longest counted noun phrase ("kawasan industri" is two words).
    check_totals: whether to add "count_mismatch" and "parts_exceed_total" warnings.
    """

    def __init__(self, nlp: Language, name: str, max_unit_words: int = 3, check_totals: bool = True):
        self.name = name
        self.max_unit_words = max_unit_words
        self.check_totals = check_totals

    def __call__(self, doc: Doc) -> Doc:
        text = token_view(doc).doc_text  # Doc.text joins every token again on each access
        self.set_annotations(doc, find_facts(doc, self.max_unit_words, text=text), text)
        return doc

    def set_annotations(self, doc: Doc, facts: list[Fact], text: str | None = None) -> None:
        """Store the facts on doc._.facts and add the warnings of check_totals.
        text: doc.text when already read."""
        doc._.facts = [to_plain(fact) for fact in facts]
        if self.check_totals:
            for code, message, details in check_totals(doc.text if text is None else text, facts):
                add_warning(doc, code, message, **details)
