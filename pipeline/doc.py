"""The Doc extensions through which berita's components hand results to each other.

Each component writes its own attribute and reads those of earlier components. The values are
plain data (str, int, float, bool, None, lists and dicts) in the shapes of the output record
(pipeline/record.py), so that a Doc serialises the spaCy way: `DocBin(store_user_data=True)`,
`Doc.to_bytes()`, and `nlp.pipe(texts, n_process=2)`, which sends Docs between processes as bytes.
  doc._.published  str | None  ISO date (YYYY-MM-DD), set by the caller before the components run
  doc._.word_splits list[dict] record.RepairMade fields (kind "word_split"), by berita_word_split
  doc._.entities   list[dict]  record.Entity fields (mentions: list of {start, end, text}), by berita_entities
  doc._.dates      list[dict]  record.DateMention fields, by berita_dates
  doc._.quotes     list[dict]  record.Quote fields, by berita_quotes
  doc._.facts      list[dict]  record.Fact fields, by berita_facts
  doc._.warnings   list[dict]  {code, message, ...details}, appended to by any component (add_warning)
A Doc read back from a DocBin holds tuples where it had lists (spaCy reads DocBin user data
with use_list=False); Doc.to_bytes() and nlp.pipe(n_process=2) keep lists.
Spans: doc.ents (one per entity mention, kb_id = entity id), doc.spans["quote_cues"] and
doc.spans["quote_speakers"] (the cue and the speaker mention of a quote, span.id_ = quote id).
Defaults are None, not [], because spaCy shares a default value between all Docs.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from functools import cache

from spacy.tokens import Doc

EXTENSIONS = ("published", "word_splits", "entities", "dates", "quotes", "facts", "warnings")
# Dataclass field metadata of a component's working state, which to_plain leaves out.
INTERNAL = {"internal": True}

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def add_warning(doc: Doc, code: str, message: str, **details) -> None:
    """Append one warning ({code, message, ...details}) to doc._.warnings."""
    # A new list rather than append: a Doc read from a DocBin holds tuples (spaCy reads its user
    # data with use_list=False).
    doc._.warnings = [*(doc._.warnings or ()), {"code": code, "message": message, **details}]


def published_date(doc: Doc) -> date | None:
    """doc._.published as a date (None when it is not set); raises TypeError when it is not a str."""
    value = doc._.published
    if value is None:
        return None
    if not isinstance(value, str):  # a datetime.date would break DocBin and nlp.pipe(n_process=2)
        raise TypeError(f"doc._.published must be an ISO date string such as '2020-09-28', not {type(value).__name__}")
    return date.fromisoformat(value)


@cache
def _plain_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if not f.metadata.get("internal"))


def to_plain(item) -> dict:
    """A component's dataclass (Entity, Quote ...) as the dict a Doc extension holds: its fields
    but the INTERNAL ones, a list of dataclasses (an entity's mentions) as a list of such dicts.
    Written by hand rather than with dataclasses.asdict, which costs ten times as much."""
    plain = {}
    for name in _plain_fields(type(item)):
        value = getattr(item, name)
        plain[name] = [to_plain(element) for element in value] if type(value) is list else value
    return plain
