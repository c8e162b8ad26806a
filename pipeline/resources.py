"""Word lists and tables shipped in pipeline/data: one place that reads them.

Files are UTF-8; blank lines and lines starting with '#' are comments.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """The non-comment lines of pipeline/data/<name>, stripped."""
    text = resources.files("pipeline.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def read_table(name: str) -> list[list[str]]:
    """The rows of a tab-separated file in pipeline/data, each a list of fields."""
    return [line.split("\t") for line in data_lines(name)]


def data_sections(name: str) -> dict[str, list[str]]:
    """The "[section]"-headed parts of a file in pipeline/data, as {section: lines}."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in data_lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line)
    return sections


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's Indonesian lemma table (spacy-lookups-data), {word form: lemma}: 36,872 forms
    ("menunggak" -> "tunggak"). Read once for all its users, with the forms as strings (a spaCy
    Lookups Table keeps only their hashes: its keys never equal a word)."""
    from spacy.util import load_language_data, registry

    return load_language_data(registry.lookups.get("id")["lemma_lookup"])


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so that a longer word wins over its
    prefix ("kemarin sore" before "kemarin")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
