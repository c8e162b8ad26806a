"""Person names, shared by the entities and quotes components: capitalisation tests, short names
("Bima" for "Bimastyaji Surya Ramadan", "Harsono" for "Suharsono") and role titles.

Pure functions on strings and spaCy tokens; no vocabulary of their own.
"""

from __future__ import annotations

from spacy.tokens import Token


def is_capitalised(token: Token) -> bool:
    """Starts with a capital, or is a code in capitals that starts with a digit ("4G")."""
    return token.text[:1].isupper() or (token.text[:1].isdigit() and token.text.isupper())


def is_capitalised_word(token: Token) -> bool:
    """A word of letters only that starts with a capital ("Budi", not "(" nor "2024")."""
    return token.is_alpha and token.text[:1].isupper()


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
