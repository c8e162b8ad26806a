"""Place finding and typing for the entities component, on the gazetteers of pipeline/gazetteers.py.

- Administrative units: "Kota Semarang", "Kab. Bogor", "Kecamatan Pulogadung", "Desa Konga", bare
  province, regency and city names ("Klaten", "Jakarta Selatan") and bare district names after a
  place word ("di Sukmajaya"). Adjacent units are separate places ("Desa Konga Kecamatan Titehena"),
  a compass or "Raya" suffix stays on its place ("Natuna Utara").
- Streets, buildings, venues, landmarks and natural places: a head word of data/venue_heads.txt and
  a capitalised name ("Jalan Veteran", "Gedung DPRD DKI Jakarta", "Stadion Manahan", "Pasar Senen
  Blok 4"); they are places even when a body's name is inside them.
- Places inside a body's name stay inside it: the entities component asks `region_at` where a
  body's name ends ("Pengadilan Negeri Jakarta Pusat" is one organisation).
- `annotate_regions` gives each place entity its Kemendagri level and code where the name says
  which region it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.gazetteers import LEVEL_HEADS, bare_name, find_regions, resolve_region, upper_regions, villages
from pipeline.resources import data_lines, data_sections, lemma_table
from pipeline.token_view import TokenView, token_view

MAX_NAME_WORDS = 4
# Words after which a capitalised district or village name is a place ("di Sukmajaya").
LOCATIVES = frozenset({"di", "ke", "wilayah", "kawasan", "daerah", "Polsek", "Koramil"})
# Units below the village that have no code but start a new place as the others do.
SUB_HEADS = frozenset({"dusun", "kampung", "dukuh"})
# "Wali Kota Bima Arya" is a mayor, not the city of Bima.
ROLE_BEFORE_UNIT = frozenset({"Wali"})


@dataclass(frozen=True)
class PlaceMatch:
    start: int  # token offsets
    end: int
    kind: str  # "unit" ("Kota X", "Desa X"), "region" (a bare known place) or "venue" (street, building, landmark)


class NameTable:
    """Multi-word names looked up by their first word, longest first (case-sensitive)."""

    def __init__(self, names):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for name in set(names):
            words = tuple(name.split())
            if words:
                self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)

    def match(self, words: list[str], i: int) -> int:
        """Number of words of the longest name starting at words[i] (0 when none)."""
        for option in self.by_first.get(words[i], ()):
            if tuple(words[i:i + len(option)]) == option:
                return len(option)
        return 0


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Base forms of spaCy's Indonesian lemma table: a capitalised "Batu" or "Malang" that opens a
    sentence is more likely the common word than the city."""
    return frozenset(w.lower() for w in lemma_table().values())


def _heads(lines: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """Head phrases by lower-case first word, longest first."""
    heads: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        words = tuple(line.lower().split())
        heads.setdefault(words[0], []).append(words)
    for options in heads.values():
        options.sort(key=len, reverse=True)
    return heads


class PlaceFinder:
    """Finds places in a Doc: `find` for the entities component, `region_at` for names of bodies."""

    def __init__(self):
        sections = data_sections("venue_heads.txt")
        self.street_heads = _heads(sections["street"])
        self.venue_heads = _heads(sections["street"] + sections["venue"] + sections["nature"])
        self.lower_heads = frozenset(line.lower() for line in sections["lower_too"])
        self.not_places = _heads(sections["not_places"])
        regions = upper_regions()
        top_names = [bare_name(r.name) for found in regions.values() for r in found if r.level <= 2]
        cased_aliases = [line.split("\t")[0] for line in data_lines("place_aliases.tsv") + data_lines("region_aliases.tsv")]
        # Known places: provinces, regencies, cities, their short names and data/places.txt (countries,
        # islands, regions abroad).
        self.known = NameTable(top_names + cased_aliases + data_lines("places.txt"))
        self.districts = frozenset(name for name, found in regions.items() if any(r.level == 3 for r in found))
        self.suffixes = NameTable(data_lines("place_suffixes.txt"))
        self.first_words = frozenset(self.known.by_first)
        self.lower_first_words = frozenset(self.venue_heads) | frozenset(LEVEL_HEADS) | SUB_HEADS
        # The words of the heads as written capitalised ("Jalan", "Kota", "Kab."): not name words.
        heads = [line for name, lines in sections.items() if name != "not_places" for line in lines]
        heads += list(LEVEL_HEADS) + list(SUB_HEADS)
        self.head_words = frozenset(w[:1].upper() + w[1:] for head in heads for w in head.split())

    # --- pieces --------------------------------------------------------------------------------
    def _head_at(self, words: list[str], i: int, heads: dict) -> int:
        """Words of the venue/street head phrase at i (0 if none); lower case only for lower_too heads."""
        for option in heads.get(words[i].lower(), ()):
            phrase = words[i:i + len(option)]
            if tuple(w.lower() for w in phrase) == option:
                if is_capitalised(words[i]) or " ".join(option) in self.lower_heads:
                    return len(option)
        return 0

    def _level_head(self, words: list[str], i: int) -> int | None:
        """The level of a capitalised administrative head word at i ("Kota" 2, "Desa" 4), 0 for a
        unit without code ("Dusun"), None when the word is no such head."""
        word = words[i]
        if not is_capitalised(word):
            return None
        low = word.lower()
        return LEVEL_HEADS.get(low, 0 if low in SUB_HEADS else None)

    def _suffix_end(self, words: list[str], end: int) -> int:
        """End after a place suffix at `end` ("Utara", "Barat Daya"), if there is one."""
        return end + (self.suffixes.match(words, end) if end < len(words) else 0)

    def _chain_end(self, words: list[str], start: int, limit: int, numbers: bool = False) -> int:
        """End of the capitalised words from `start` (at most `limit`), stopping before an
        administrative head (a new unit starts there); numbers=True takes a number after a name
        word ("Blok 4")."""
        end = start
        while end < len(words) and end - start < limit and self._level_head(words, end) is None:
            word = words[end]
            if not (is_capitalised(word) or (numbers and end > start and word.isdigit())):
                break
            end += 1
        return end

    def _gazetteer_name(self, words: list[str], start: int, level: int) -> int:
        """Words of the longest name of a region of `level` at `start` ("Tlogosari Kulon")."""
        index = villages() if level == 4 else upper_regions()
        for n in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            phrase = words[start:start + n]
            if all(is_capitalised(w) for w in phrase):
                found = index.get(bare_name(" ".join(phrase)).lower(), ())
                if any(r.level == level for r in found):
                    return n
        return 0

    # --- matches -----------------------------------------------------------------------------
    def unit_at(self, words: list[str], i: int) -> int:
        """Words of "Kota X", "Kecamatan X", "Desa X", "Dusun X" at i (0 if none): the
        gazetteer's name of that level when there is one, else the capitalised words up to the
        next unit."""
        level = self._level_head(words, i)
        if level is None or i + 1 >= len(words) or (i > 0 and words[i - 1] in ROLE_BEFORE_UNIT):
            return 0
        n = self._gazetteer_name(words, i + 1, level) if level else 0
        end = i + 1 + n if n else self._chain_end(words, i + 1, MAX_NAME_WORDS - 1)
        return self._suffix_end(words, end) - i if end > i + 1 else 0

    def known_at(self, words: list[str], i: int, sentence_start: bool = False, alone: bool = True) -> int:
        """Words of a bare known place at i: a province, regency, city, short name or place of
        data/places.txt, with its suffix ("Jakarta Selatan", "Natuna Utara"); 0 when none or a
        common word opening a sentence ("Batu"). alone=True (a place on its own, not a body's
        qualifier) also gives 0 when it is glued to more capitalised words (a person's "Bima Arya")."""
        n = self.known.match(words, i)
        if not n:
            return 0
        end = self._suffix_end(words, i + n)
        if sentence_start and all(w.lower() in common_words() for w in words[i:i + n]):
            return 0  # "Batu bara ..." opening a sentence
        if alone and end < len(words) and is_capitalised(words[end]) and self._level_head(words, end) is None:
            return 0  # more name after it: part of a longer name
        return end - i

    def district_at(self, words: list[str], i: int) -> int:
        """Words of a bare district name after a place word ("di Pulogadung", "ke Sukmajaya")."""
        if i == 0 or words[i - 1] not in LOCATIVES or not is_capitalised(words[i]):
            return 0
        end = self._chain_end(words, i, MAX_NAME_WORDS)
        if end > i and " ".join(words[i:end]).lower() in self.districts:
            return end - i
        return 0

    def region_at(self, words: list[str], i: int, sentence_start: bool = False, alone: bool = False) -> int:
        """Words of an administrative unit or known place at i (0 if none); by default as the
        qualifier of a body's name ("Pengadilan Negeri Jakarta Pusat"), see :meth:`known_at`."""
        return self.unit_at(words, i) or self.known_at(words, i, sentence_start, alone)

    def venue_at(self, words: list[str], i: int, stops: frozenset[int] = frozenset()) -> int:
        """Words of a street, building, venue or natural place at i ("Jalan Jenderal Sudirman",
        "Gedung DPRD DKI Jakarta"); a street stops before the city after it ("Jalan Veteran Klaten"),
        any name before a token of `stops` (where a person was found)."""
        head = self._head_at(words, i, self.venue_heads)
        if not head or self._head_at(words, i, self.not_places):
            return 0  # "Pengamat Pasar Uang": a financial market
        start = i + head
        end = self._chain_end(words, start, MAX_NAME_WORDS, numbers=True)
        is_street = bool(self._head_at(words, i, self.street_heads))
        for k in range(start, end):
            if k in stops or (is_street and k > start and self.known.match(words, k)):
                end = k
                break
        return end - i if end > start else 0

    def find(self, doc: Doc, persons: frozenset[int] = frozenset()) -> list[PlaceMatch]:
        """Places of a Doc, left to right, not overlapping.

        Args:
            doc: a Doc with sentence starts.
            persons: token positions inside persons found by the rules ("Kepala Pasar Johar Budi
                Santoso": the market's name stops before him).
        Returns:
            PlaceMatch list: venues first where both start at a token.
        """
        tokens = token_view(doc)
        words = tokens.text
        found = []
        free = 0
        for i in self._starts(tokens):
            if i < free:
                continue
            kind, n = "venue", self.venue_at(words, i, persons)
            if not n:
                kind, n = "unit", self.unit_at(words, i)
            if not n:
                kind = "region"
                n = self.known_at(words, i, tokens.sent_start[i]) or self.district_at(words, i)
            if n:
                found.append(PlaceMatch(i, i + n, kind))
                free = i + n
        return found

    def _starts(self, tokens: TokenView) -> list[int]:
        """Positions where a place may start: a head word, the first word of a known place, or a
        word after a place word ("di"). The finders visit only these."""
        first, lower_first, words = self.first_words, self.lower_first_words, tokens.text
        return [i for i, word in enumerate(words)
                if word in first or tokens.lower[i] in lower_first or (i and words[i - 1] in LOCATIVES)]

    def inside_known(self, words: list[str], i: int) -> bool:
        """Whether words[i] is inside (not the first word of) a known place ("Serikat" of "Amerika
        Serikat")."""
        return any(self.known.match(words, j) > i - j for j in range(max(0, i - MAX_NAME_WORDS + 1), i))

    def is_known_place(self, words: list[str]) -> bool:
        """Whether these words are exactly a province, regency, city or known place name: the
        model's "Siak" or "Georgia" tagged as a person is a place."""
        return self.known.match(words, 0) == len(words)


def annotate_regions(entities) -> None:
    """Set `admin_level` and `code` of the article's place entities from the region gazetteer.

    Names that say which region they are go first ("Kota Semarang", "Klaten"); their codes then
    decide between regions of the same name ("Desa Konga" of Flores Timur, not of another
    regency). A name that stays ambiguous keeps its level, without a code ("Semarang": a city and
    a regency).

    Args:
        entities: the article's Entity objects (only type LOC is looked at); changed in place.
    """
    places = [e for e in entities if e.type == "LOC"]
    resolved = {id(e): resolve_region(e.name) for e in places}
    context = {region.code for region in resolved.values() if region}
    for entity in places:
        region = resolved[id(entity)] or resolve_region(entity.name, context)
        if region:
            entity.admin_level, entity.code = region.level, region.code
        else:
            levels = [r.level for r in find_regions(entity.name)]
            entity.admin_level = min(levels, default=None)
