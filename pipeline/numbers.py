"""Numbers the way Indonesian news writes them. Pure functions, no spaCy.

- digits: "." groups thousands and "," is the decimal comma ("3.178" = 3178, "4,5" = 4.5); the
  English "35,386" is read the Indonesian way (35.386) and flagged ambiguous;
- words: "sembilan", "dua belas", "dua puluh lima", "seratus", "setengah", "dua ribu";
- scales: ribu, juta, miliar, triliun and rb, jt (and M, T after a currency: "Rp 4,5 M");
- currencies (Rp, US$, rupiah, dolar), percent (%, persen), ranges ("20-30 persen", value is the
  lower bound) and qualifiers ("lebih dari", "sekitar", "hampir", "kurang dari").

Public functions:
  parse_number(text)    one numeral, optionally with a scale word -> Number | None
  find_quantities(text) every number expression in a text -> list[Quantity] (with offsets)
  parse_quantity(text)  a text that is exactly one number expression -> Quantity | None
The word lists are data files in pipeline/data (number_words.tsv, qualifiers.tsv, currencies.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pipeline.resources import alternation, read_table
from pipeline.scanning import DIGITS_START, StartedPattern, lowered, word_starts


@dataclass(frozen=True)
class Number:
    """A parsed numeral: its value, and whether the digits allow another reading (35,386)."""

    value: float
    ambiguous: bool = False


@dataclass
class Quantity:
    """A number expression found in a text.

    start/end delimit the expression without its qualifier ("13%" in "lebih dari 13%");
    qualifier_start is where the qualifier begins (== start without one).
    """

    text: str
    start: int
    end: int
    value: float
    value_max: float | None = None
    currency: str | None = None
    percent: bool = False
    qualifier: str | None = None
    qualifier_start: int = 0
    ambiguous: bool = False
    numeral: str = ""  # the first numeral as written: "3.178", "sembilan", "2026"
    in_words: bool = False
    scaled: bool = False  # a scale word follows the numeral ("4,5 miliar")


@dataclass(frozen=True)
class Lexicon:
    """Number words (word -> (value, role)), qualifiers, currencies, and the compiled pattern
    with the words and digits it starts with (pipeline/scanning.py)."""

    words: dict[str, tuple[float, str]]
    qualifiers: dict[str, str]
    currencies: dict[str, str]
    pattern: StartedPattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The number vocabulary of pipeline/data and the quantity pattern built from it."""
    words = {w: (float(v), role) for w, v, role in read_table("number_words.tsv")}
    qualifiers = dict(read_table("qualifiers.tsv"))
    prefixes = {s: code for s, code, pos in read_table("currencies.tsv") if pos == "prefix"}
    suffixes = {s: code for s, code, pos in read_table("currencies.tsv") if pos == "suffix"}
    first_words = [w for w, (_, role) in words.items() if role in ("digit", "whole") or w.startswith("se")]
    later_words = [w for w, (_, role) in words.items() if role != "money_scale"]
    scales = [w for w, (_, role) in words.items() if role == "scale" and not w.startswith("se")]
    money_scales = [w for w, (_, role) in words.items() if role == "money_scale"]
    # Atomic groups: a numeral never gives back digits, so "3.178x" is no match rather than "3".
    digits = r"(?>\d+(?:[.,]\d+)*)"
    in_words = rf"(?>(?i:\b(?:{alternation(first_words)})(?:\s+(?:{alternation(later_words)}))*\b))"
    numeral = rf"(?:{digits}|{in_words})"
    prefix = rf"(?:{alternation(prefixes)})"
    # M and T are scales only after a currency ("Rp 4,5 M"); elsewhere M is a metre or a name.
    scale = rf"(?:(?i:{alternation(scales)})|(?(cur)(?:{alternation(money_scales)})|(?!)))\b"
    pattern = re.compile(
        rf"(?<![\w./,-])"
        rf"(?:(?P<qual>(?i:{alternation(qualifiers)}))\s+)?"
        rf"(?P<body>"
        rf"(?:(?P<cur>{prefix})\s?)?"
        rf"(?P<num>{numeral})(?:\s?(?P<scale>{scale}))?"
        rf"(?P<approx>-an\b)?"
        rf"(?:\s?(?:[-–—]|s\.?d\.?|s/d)\s?(?:{prefix}\s?)?(?P<num2>{numeral})(?:\s?(?P<scale2>{scale}))?)?"
        rf"(?:\s?(?P<pct>%|(?i:persen\b)))?"
        rf"(?(cur)|(?:\s(?P<cursuf>(?i:{alternation(suffixes)}))\b)?)"
        rf")(?![\w/]|-\w)"
    )
    currencies = {s.lower(): code for s, code in {**prefixes, **suffixes}.items()}
    start_words = word_starts(word.lower() for word in [*qualifiers, *prefixes, *first_words])
    return Lexicon(words, qualifiers, currencies, StartedPattern(pattern, DIGITS_START, start_words))


def parse_digits(text: str) -> Number | None:
    """A numeral written in digits, Indonesian style first.

    text: e.g. "3.178", "1.700.000", "4,5", "1.234,5", "35,386", "2.5".
    Returns Number (ambiguous when an English reading differs, e.g. "35,386") or None.
    """
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", text):
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # The later separator is the decimal one: "1.234,5" (Indonesian) or "1,234.5" (English).
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, fraction = text.rpartition(decimal)
        if decimal in whole or not _is_grouped(whole.split(thousands)):
            return None
        return Number(float(whole.replace(thousands, "") + "." + fraction), ambiguous=decimal == ".")
    if dots or commas:
        separator = "." if dots else ","
        groups = text.split(separator)
        if len(groups) > 2:
            return Number(float("".join(groups))) if _is_grouped(groups) else None
        whole, fraction = groups
        if separator == ".":
            # "3.178" groups thousands; "2.5" can only be an English decimal point.
            if _is_grouped(groups):
                return Number(float(whole + fraction))
            return Number(float(whole + "." + fraction))
        # "4,5" is a decimal; "35,386" is one too, but an English writer means 35386.
        return Number(float(whole + "." + fraction), ambiguous=_is_grouped(groups))
    return Number(float(text))


def _is_grouped(groups: list[str]) -> bool:
    """Whether digit groups are thousands groups: 1-3 digits, then groups of exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_words(text: str) -> float | None:
    """A number written in words ("dua puluh lima", "seratus", "dua ribu", "setengah").

    text: the words, separated by spaces (case does not matter). Returns the value or None when
    the words are not a well-formed number ("dua tiga", "belas").
    """
    words = lexicon().words
    total = group = 0.0
    digit: float | None = None
    for word in text.lower().split():
        if word not in words:
            return None
        value, role = words[word]
        if role == "digit":
            if digit is not None:
                return None
            digit = value
        elif role == "whole":
            if digit is not None:
                return None
            group += value
        elif role in ("teen", "tens", "hundreds"):
            if digit is None:
                return None
            group += digit + value if role == "teen" else digit * value
            digit = None
        elif role == "scale":
            amount = group + (digit or 0)
            if amount == 0:
                if not word.startswith("se"):  # "seribu" is one thousand, "ribu" alone is nothing
                    return None
                amount = 1
            total += amount * value
            group, digit = 0.0, None
        else:
            return None
    return total + group + (digit or 0)


def parse_number(text: str) -> Number | None:
    """One numeral in digits or words, optionally followed by a scale word.

    text: e.g. "3.178", "4,5", "dua puluh lima", "1,3 juta", "4,5 miliar", "dua ribu".
    Returns Number or None when the text is not a number.
    """
    text = text.strip()
    words = lexicon().words
    head, _, last = text.rpartition(" ")
    if head and last.lower() in words and words[last.lower()][1] == "scale" and re.match(r"\d", head):
        number = parse_digits(head.strip())
        return _times(number, words[last.lower()][0]) if number else None
    if re.match(r"\d", text):
        return parse_digits(text)
    value = parse_words(text)
    return Number(value) if value is not None else None


def _times(number: Number, factor: float) -> Number:
    """number x a scale, in decimal arithmetic (67,608 miliar is 67608000000, not ...00001).
    A scale settles the reading: "175,443 triliun" is no English thousands grouping."""
    return Number(float(Decimal(repr(number.value)) * Decimal(repr(factor))), ambiguous=False)


def _scaled(numeral: str, scale: str | None) -> Number | None:
    number = parse_number(numeral)
    if number is None or scale is None:
        return number
    words = lexicon().words
    return _times(number, words.get(scale, words.get(scale.lower()))[0])


def _quantity(match: re.Match) -> Quantity | None:
    lex = lexicon()
    scale = match["scale"] or match["scale2"]  # "2-3 miliar": the scale applies to both ends
    number = _scaled(match["num"], scale)
    if number is None:
        return None
    upper = _scaled(match["num2"], match["scale2"] or match["scale"]) if match["num2"] else None
    if match["num2"] and (upper is None or upper.value <= number.value):
        return None  # "2020-2021" style codes and reversed spans are no ranges of one quantity
    currency = match["cur"] or match["cursuf"]
    qualifier = lex.qualifiers[match["qual"].lower()] if match["qual"] else None
    if match["approx"]:
        qualifier = qualifier or "sekitar"  # "120-an": about 120
    return Quantity(
        text=match["body"],
        start=match.start("body"),
        end=match.end("body"),
        value=number.value,
        value_max=upper.value if upper else None,
        currency=lex.currencies[currency.lower()] if currency else None,
        percent=bool(match["pct"]),
        qualifier=qualifier,
        qualifier_start=match.start(),
        ambiguous=number.ambiguous or bool(upper and upper.ambiguous),
        numeral=match["num"],
        in_words=not match["num"][0].isdigit(),
        scaled=bool(scale),
    )


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in a text, in order.

    text: any text (an article, a sentence). Returns Quantity objects with character offsets into
    text. Dates, codes and ordinals are not told apart here; pipeline.facts decides what a fact is.
    """
    found = []
    for match in lexicon().pattern.finditer(text, lowered(text)):
        quantity = _quantity(match)
        if quantity is not None:
            found.append(quantity)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """A text that is exactly one number expression ("Rp 4,5 M", "lebih dari 500", "20-30 persen").

    text: the expression. Returns its Quantity or None when the text is not one quantity.
    """
    text = text.strip()
    match = lexicon().pattern.pattern.fullmatch(text)
    return _quantity(match) if match else None
