"""The Doc extensions through which berita's components hand results to each other.

Each component writes its own attribute and reads those of earlier components:
  doc._.published  datetime.date | None  set by the caller before the components run
  doc._.entities   list[entities.Entity] written by berita_entities
  doc._.dates      list[dates.DateMention] written by berita_dates
  doc._.quotes     list[quotes.Quote]     written by berita_quotes
  doc._.facts      list[facts.Fact]       written by berita_facts
  doc._.warnings   list[dict]             appended to by any component (add_warning)
Defaults are None, not [], because spaCy shares a default value between all Docs.
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = ("published", "entities", "dates", "quotes", "facts", "warnings")

for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def add_warning(doc: Doc, code: str, message: str, **details) -> None:
    """Append one warning ({code, message, ...details}) to doc._.warnings."""
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.append({"code": code, "message": message, **details})
