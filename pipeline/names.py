"""Person names, shared by the entities and quotes components: capitalisation tests, short names
("Bima" for "Bimastyaji Surya Ramadan", "Harsono" for "Suharsono") and role titles.

Pure functions on strings and spaCy tokens, the table of short titles (data/role_abbreviations.tsv)
and the words of roles written in words (data/person_descriptions.txt).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from pipeline.resources import data_sections, read_table

# Words a scraper glued together where a link was: an acronym run before or after a word
# ("RIPrabowo", "UtamaASDP") or a word of three lower-case letters or more before a capital
# ("atauWindy"). Real names keep their inner capitals after a short prefix: McIntyre, DiCaprio,
# MacDowel, NasDem (none of the persons of the shared NER corpora has the glued shapes).
GLUED = re.compile(r"^[A-Z]{2,}[A-Z][a-z]|[a-z][A-Z]{2,}|[a-z]{3,}[A-Z]")
MIN_VARIANT = 5  # shortest name word compared letter by letter: "Ahmad"/"Achmad", "Henry"/"Henri"


def is_capitalised(token: Token) -> bool:
    """Starts with a capital, or is a code in capitals that starts with a digit ("4G")."""
    return is_capitalised_text(token.text)


def is_capitalised_text(word: str) -> bool:
    """is_capitalised of a token's text."""
    return word[:1].isupper() or (word[:1].isdigit() and word.isupper())


def is_capitalised_word(token: Token) -> bool:
    """A word of letters only that starts with a capital ("Budi", not "(" nor "2024")."""
    return token.is_alpha and token.text[:1].isupper()


def is_glued(word: str) -> bool:
    """True when a word is two words glued by a scraper ("RIPrabowo", "UtamaASDPHeru")."""
    return GLUED.search(word) is not None


def is_short_for(short: str, word: str) -> bool:
    """True when `word` is a longer name word that begins with `short` ("Bima" of "Bimastyaji")
    or ends with it in lower case ("Harsono" of "Suharsono"); "RIPrabowo", two words glued by
    a scraper, is not a longer "Prabowo"."""
    return len(word) > len(short) and (word.startswith(short) or word.endswith(short.lower()))


def is_short_name_of(short: str, name: str) -> bool:
    """True when a one-word name stands for a word of `name`: "Bima" of "Bimastyaji Surya Ramadan"."""
    return any(is_short_for(short, word) for word in name.split())


def role_words(role: str) -> list[str]:
    """The words of a role in lower case, brackets dropped: "Jaksa Penuntut Umum (JPU)" ->
    ["jaksa", "penuntut", "umum", "jpu"]."""
    return role.lower().replace("(", " ").replace(")", " ").split()


def is_variant_of(word: str, other: str) -> bool:
    """True when two name words of at least MIN_VARIANT letters with the same first letter differ
    by one letter, added, dropped or changed: "Ahmad"/"Achmad", "Henry"/"Henri" (a spelling
    variant or a typo of one name in one article)."""
    if word == other or min(len(word), len(other)) < MIN_VARIANT or word[0] != other[0]:
        return False
    return edit_distance(word.lower(), other.lower(), limit=1) == 1


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of a and b, or limit + 1 when it is larger than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


@lru_cache(maxsize=1)
def role_abbreviations() -> dict[str, tuple[str, ...]]:
    """Short titles and the lower-case words of the role they stand for: "Mendag" ->
    ("menteri", "perdagangan")."""
    return {short: tuple(full.lower().split()) for short, full in read_table("role_abbreviations.tsv")}


def holds_title(role: str, title: str) -> bool:
    """True when a person's role has the title that names them: "Jaksa" or "JPU" of "Jaksa
    Penuntut Umum (JPU)", "Mendag" of "Menteri Perdagangan"."""
    words = role_words(role)
    expansion = next((full for short, full in role_abbreviations().items() if short.lower() == title.lower()), None)
    return title.lower() in words or (expansion is not None and set(expansion) <= set(words))


@lru_cache(maxsize=1)
def role_vocabulary() -> dict[str, frozenset[str]]:
    """The sections of data/person_descriptions.txt (descriptions, prefixes, ends, stops) as word sets."""
    return {
        name: frozenset(w for line in lines for w in line.split())
        for name, lines in data_sections("person_descriptions.txt").items()
    }


def describes_person(word: str) -> bool:
    """A word that describes a person, or its -nya form: "warga", "pedagang", "pengacaranya"."""
    words = role_vocabulary()["descriptions"]
    word = word.lower()
    return word in words or (word.endswith("nya") and word[:-3] in words)
