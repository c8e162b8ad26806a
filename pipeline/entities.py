"""Entities component: agencies with acronyms, organisations, estates, places and persons with roles.

Rules and gazetteers (pipeline/data/*.txt, acronyms.tsv) find agencies ("Dinas Perindustrian
(Disperin) Kota Semarang"), organisations, industrial estates ("Kawasan Industri Wijayakusuma"),
places ("Kota Semarang") and "<role> <Name>" persons; the statistical NER, when the pipeline has
one, adds the persons, organisations and places the rules do not know. Rules win where the two
overlap. Mentions of one entity are merged: a later bare "Disperin" joins the agency that defined
it, a later "Mustohar" or "Hery" joins the person first named in full.

Writes doc._.entities (each Entity as a plain dict, see pipeline/doc.py) and doc.ents (one span
per mention, label = entity type, kb_id = entity id).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.dateline import outlet_mentions
from pipeline.doc import to_plain
from pipeline.gazetteers import national_agencies, resolve_region
from pipeline.names import (
    describes_person,
    is_capitalised_text,
    is_glued,
    is_short_name_of,
    is_variant_of,
    role_abbreviations,
    role_vocabulary,
)
from pipeline.places import PlaceFinder, annotate_regions, common_words
from pipeline.resources import data_lines, data_sections, lemma_table, read_table
from pipeline.token_view import TokenView, token_view
from pipeline.word_split import VERB_PREFIXES

CONNECTORS = frozenset({"dan", "&"})
WORD = re.compile(r"\w+")
# Statistical labels as berita types.
MODEL_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
MODEL_PERSON = frozenset(label for label, kind in MODEL_LABELS.items() if kind == "PERSON")
# Higher wins when candidate mentions overlap.
BODY_TYPES = frozenset({"AGENCY", "ORG"})
PRIORITY = {"ESTATE": 5, "AGENCY": 4, "ORG": 4, "PERSON": 3, "LOC": 2}
# A street, building or landmark is a place even with a body's name in it ("Gedung DPRD"); a
# unit named with its level word is a place, not a person ("warga Kecamatan Tlogosari"), but
# stays inside a body's name ("Pemerintah Kota Semarang").
PLACE_PRIORITY = {"venue": 5, "unit": 3.5, "region": PRIORITY["LOC"]}
MODEL_PRIORITY = 1
INITIALS_PRIORITY = 6  # "berinisial MK": the cue settles it, whatever body has that acronym
MAX_CHAIN = 8
MAX_NAME_TOKENS = 4
INITIALS = re.compile(r"[A-Z]{1,4}")  # "RR", "MK": a person the article names by initials only
GLUED_TAIL = re.compile(r"(?<=[a-zA-Z])[A-Z][a-z]{2,}$")  # "Heru" of "UtamaASDPHeru"


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One entity of an article with all its mentions (character offsets into doc.text)."""

    id: str
    type: str
    name: str
    acronym: str | None = None
    role: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    admin_level: int | None = None  # LOC: Kemendagri level (1 province ... 4 village)
    code: str | None = None  # LOC: Kemendagri region code


@dataclass
class Candidate:
    """A mention found by a rule or the model, before overlaps are resolved and mentions merged."""

    start: int  # token offsets
    end: int
    type: str
    priority: int
    name: str
    acronym: str | None = None
    defines_acronym: bool = False  # the text spells it out: "Dinas Perindustrian (Disperin)"


class Phrases:
    """Multi-word phrases looked up by their first word, longest first."""

    def __init__(self, phrases: list[str], lower: bool = False):
        self.lower = lower
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(phrase.lower().split() if lower else phrase.split())
            self.by_first.setdefault(words[0], []).append(words)
        for options in self.by_first.values():
            options.sort(key=len, reverse=True)
        self.words = frozenset(w for options in self.by_first.values() for o in options for w in o)

    def starts(self, doc: Doc) -> list[int]:
        """Token positions where one of the phrases may start: the finders visit only these."""
        return token_view(doc).positions(self.by_first, self.lower)

    def match(self, doc: Doc, i: int) -> int:
        """Number of tokens of the longest phrase starting at token i (0 when none)."""
        tokens = token_view(doc)
        texts = tokens.lower if self.lower else tokens.text
        options = self.by_first.get(texts[i])
        if options:
            for words in options:
                if tuple(texts[i:i + len(words)]) == words:
                    return len(words)
        return 0


CACHE_KEY = "berita_entities_cache"  # per-Doc results, kept in doc.user_data while the component runs


@lru_cache(maxsize=1)
def gazetteers() -> dict:
    """All entity word lists from pipeline/data, loaded once."""
    acronyms: dict[str, tuple[str, str]] = {}
    for agency in national_agencies().values():
        if " " not in agency.acronym:
            acronyms[agency.acronym] = ("AGENCY", agency.name)
    for acronym, kind, *full in read_table("acronyms.tsv"):
        acronyms[acronym] = (kind, full[0] if full else "")
    # "Komnas HAM", "Kementerian ESDM": the national agencies' names of several words open a body's name.
    agency_names = [a.acronym for a in national_agencies().values() if " " in a.acronym]
    place_aliases = dict(read_table("place_aliases.tsv"))
    known_bodies = read_table("known_bodies.tsv")  # "Reuters", "Bank Dunia": bodies by name alone
    cues = data_sections("quote_cues.txt")

    def cue_words(*sections: str) -> frozenset[str]:
        # The quote component's vocabulary: what it reads as cues and non-names, so do we.
        return frozenset(w for section in sections for line in cues[section] for w in line.split())

    calendar = [row[0] for table in ("weekdays.tsv", "months.tsv") for row in read_table(table)]
    return {
        # spaCy's Indonesian lemma table, {inflected form: base form}; its base forms (lower-case,
        # shared with the place finder) are common words, not names.
        "lemmas": lemma_table(),
        "common_words": common_words(),
        "name_stopwords": frozenset(w for line in data_lines("name_stopwords.txt") for w in line.split()) | frozenset(calendar),
        "speech_verbs": cue_words("verbs"),
        "speech_words": cue_words("inverted"),
        "cue_words": cue_words("verbs", "passive", "inverted"),
        "not_speaker_names": cue_words("pronouns", "first_person", "not_names"),
        "subject_pronouns": cue_words("pronouns", "first_person"),
        "demonstratives": cue_words("demonstratives"),
        "place_aliases": place_aliases,
        "agency": Phrases(data_lines("agency_heads.txt") + agency_names),
        "qualifier_heads": frozenset(data_lines("qualifier_heads.txt")),
        "org": Phrases(data_lines("org_heads.txt") + [name for name, kind, _ in known_bodies if kind == "ORG"]),
        "known_bodies": frozenset(name for name, _, _ in known_bodies),
        "estate": Phrases(data_lines("estate_heads.txt"), lower=True),
        "places": Phrases(data_lines("places.txt") + list(place_aliases)),
        "roles": Phrases(data_lines("roles.txt")),
        "role_words": role_vocabulary(),
        "not_person_context": {
            name: frozenset(w for line in lines for w in line.split())
            for name, lines in data_sections("not_person_context.txt").items()
        },
        "alias_cues": Phrases(data_lines("alias_cues.txt"), lower=True),
        "ranks": Phrases(data_lines("ranks.txt")),
        "acronyms": acronyms,
    }


def name_words(name: str) -> list[str]:
    """The words of a name in lower case, punctuation left out ("Hewan, Ikan, dan" -> hewan ikan dan)."""
    return WORD.findall(name.lower())


def same_kind(kind: str, other: str) -> bool:
    """Whether mentions of these two types may be one entity: the same type, or two kinds of body
    (the model's ORG "Kemensos" is the rules' AGENCY)."""
    return kind == other or (kind in BODY_TYPES and other in BODY_TYPES)


def opens_sentence(doc: Doc, i: int) -> bool:
    """Token i is the first word of its sentence, quote marks and brackets before it aside ("“Alhamdulillah")."""
    tokens = token_view(doc)
    while i > 0 and not tokens.sent_start[i] and tokens.is_punct[i - 1]:
        i -= 1
    return tokens.sent_start[i]


def _text(doc: Doc, start: int, end: int) -> str:
    return token_view(doc).span_text(start, end)


def capitalised_column(doc: Doc) -> list[bool]:
    """is_capitalised of each token of a Doc, made once per Doc while the component runs."""
    cache = doc.user_data.setdefault(CACHE_KEY, {})
    if "capitalised" not in cache:
        cache["capitalised"] = [is_capitalised_text(word) for word in token_view(doc).text]
    return cache["capitalised"]


def capitalised(doc: Doc, i: int) -> bool:
    """is_capitalised(doc[i]) without building the Token."""
    return capitalised_column(doc)[i]


def _first_word_place(tokens: TokenView, i: int) -> bool:
    """Whether token i stands where its sentence's first word goes: at a sentence start or the
    Doc's, or after nothing but punctuation and spaces since one."""
    while i > 0 and not tokens.sent_start[i]:
        if not (tokens.is_punct[i - 1] or tokens.is_space[i - 1]):
            return False
        i -= 1
    return True


def sentence_bounds(tokens: TokenView) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as doc.sents gives them: the first starts at token 0."""
    starts = [0] + [i for i in range(1, len(tokens)) if tokens.sent_start[i]] if len(tokens) else []
    return list(zip(starts, starts[1:] + [len(tokens)]))


def is_acronym_word(tokens: TokenView, i: int) -> bool:
    """A word of capital letters only, two or more: "MK", "KPKP"."""
    word = tokens.text[i]
    return tokens.is_alpha[i] and word.isupper() and len(word) > 1


class EntityRecognizer:
    """The `berita_entities` component: find candidate mentions, then merge them into entities."""

    def __init__(self, nlp: Language, name: str = "berita_entities", use_model: bool = True):
        self.name = name
        self.use_model = use_model
        self.gaz = gazetteers()
        self.places = PlaceFinder()
        self.national = frozenset(national_agencies())
        self.initials_cues = self.gaz["role_words"]["initials"]  # "berinisial", "inisial"
        # Each mention's name is keyed, and names recur in and across articles; the word tests
        # run on the same words again and again (spaCy's lemma table hashes each word it is
        # asked). Bounded caches.
        self.name_key = lru_cache(maxsize=8192)(self._key)
        self.is_common_word = lru_cache(maxsize=32768)(self._is_common_word)
        self._is_name_word = lru_cache(maxsize=32768)(self._name_word)
        self.body_of = lru_cache(maxsize=8192)(self._body_of)
        # Where a role in words before a name stops, and where one after it ends.
        self.description_stops = self.gaz["role_words"]["stops"] | self.gaz["cue_words"]
        self.role_ends = self.gaz["role_words"]["ends"] | self.gaz["cue_words"]
        # Known bodies' full names, longest first (see _body_of).
        self.body_names = sorted({full.lower() for _, full in self.gaz["acronyms"].values() if full}, key=len, reverse=True)
        g = self.gaz
        self.not_name = (
            g["name_stopwords"] | g["places"].words | g["roles"].words | g["ranks"].words | g["agency"].words
            | g["org"].words | self.places.head_words | frozenset(g["acronyms"]) | frozenset(role_abbreviations())
        )

    # --- finding ---------------------------------------------------------------------------
    def _chain(self, doc: Doc, i: int, limit: int = MAX_CHAIN, brackets: bool = False) -> int:
        """End of the run of capitalised words (with inner 'dan'/'&', and with brackets=True
        bracketed acronyms such as "(Pj)") starting at token i."""
        end = i
        is_capitalised_at, lower = capitalised_column(doc), token_view(doc).lower
        while end < len(doc) and end - i < limit:
            bracketed = self._acronym_at(doc, end) if brackets else None
            if bracketed:
                end = bracketed.end
            elif is_capitalised_at[end]:
                end += 1
            elif lower[end] in CONNECTORS and end + 1 < len(doc) and is_capitalised_at[end + 1] and end > i:
                end += 1
            elif end > i and self._joins_words(doc, end):
                end += 1  # "Jateng-DIY", "Kemenpan-RB"
            else:
                break
        return end

    @staticmethod
    def _joins_words(doc: Doc, i: int) -> bool:
        """A hyphen at token i glued to capitalised words on both sides: "Jateng-DIY"."""
        tokens = token_view(doc)
        return (
            tokens.text[i] == "-" and not tokens.whitespace[i - 1] and not tokens.whitespace[i]
            and i + 1 < len(doc) and capitalised(doc, i + 1)
        )

    def _acronym_at(self, doc: Doc, i: int) -> Span | None:
        """The bracketed acronym at token i, "(Disperin)" or "(Kanwil DJP)", brackets included."""
        texts = token_view(doc).text
        if i >= len(texts) or texts[i] != "(":
            return None
        for end in range(i + 2, min(i + 5, len(texts))):
            if texts[end] == ")":
                # "(Kemenpan-RB)": a hyphen between capitalised parts
                if all(capitalised(doc, k) or texts[k] == "-" for k in range(i + 1, end)) and len(_text(doc, i + 1, end)) <= 20:
                    return doc[i:end + 1]
                return None
        return None

    def _region_at(self, doc: Doc, i: int) -> int:
        """Tokens of a region qualifier at i: "Kota Semarang", "Jawa Tengah", "Jakarta Pusat",
        "Jateng" (0 if none)."""
        if i >= len(doc):
            return 0
        tokens = token_view(doc)
        return self.places.region_at(tokens.text, i, tokens.sent_start[i])

    def _org_head(self, doc: Doc, i: int) -> tuple[str | None, int, bool]:
        """(type, head length, is a known acronym) of an organisation name starting at token i."""
        kind, head_len = None, 0
        for key, label in (("agency", "AGENCY"), ("org", "ORG")):
            n = self.gaz[key].match(doc, i)
            if n > head_len:
                kind, head_len = label, n
        if kind:
            # "Kemenkeu", "Komnas HAM", "Reuters": a national agency's short name or a known body's
            # name is a body on its own.
            head = _text(doc, i, i + head_len)
            return kind, head_len, head in self.national or head in self.gaz["known_bodies"]
        known = self.gaz["acronyms"].get(token_view(doc).text[i])
        return (known[0], 1, True) if known else (None, 0, False)

    def find_organisations(self, doc: Doc) -> list[Candidate]:
        """Agencies and organisations: a head word or known acronym, more name words, an optional
        "(ACR)" and a region ("Dinas Perindustrian (Disperin) Kota Semarang", "DPRD Jabar")."""
        found = []
        texts = token_view(doc).text
        heads = set(self.gaz["agency"].starts(doc)) | set(self.gaz["org"].starts(doc))
        acronyms = self.gaz["acronyms"]
        heads |= {i for i, word in enumerate(texts) if word in acronyms}
        free = 0
        initials = self.initials(doc)
        for i in sorted(heads):
            if i < free or self.places.inside_known(texts, i) or not self._may_head(doc, i) or texts[i] in initials:
                continue
            kind, head_len, known = self._org_head(doc, i)
            if not kind:
                continue
            name_end = i + head_len
            while (name_end < len(doc) and name_end - i < MAX_CHAIN and capitalised(doc, name_end)
                   and not self._region_at(doc, name_end) and doc[name_end].ent_type_ not in MODEL_PERSON
                   and not self._rank_in_capitals(doc, name_end)):
                name_end += 1
                # "Komisi XI DPR Muhammad Misbakhun": a known acronym closes the body's name.
                if token_view(doc).text[name_end - 1] in self.gaz["acronyms"] and name_end - 1 > i:
                    break
            name_end = self._person_tail(doc, i + (1 if known else head_len + 1), name_end)
            # "Badan Keuangan dan Aset Daerah": a connector inside a spelt-out name, not between acronyms.
            # Not between two bodies: "Kemenkeu dan Komnas HAM".
            if (not known and name_end + 1 < len(doc) and token_view(doc).lower[name_end] in CONNECTORS and capitalised(doc, name_end + 1)
                    and not self._org_head(doc, name_end + 1)[0]):
                name_end = self._chain(doc, name_end + 1)
            name_end = self._listed_name_end(doc, name_end)
            defined = self._acronym_at(doc, name_end)
            region_start = defined.end if defined else name_end
            end = region_start + self._region_at(doc, region_start)
            name = " ".join(filter(None, (_text(doc, i, name_end), _text(doc, region_start, end))))
            if not defined and end > region_start and self._acronym_at(doc, end):
                defined = self._acronym_at(doc, end)  # "Ikatan Pencak Silat Indonesia (IPSI)"
                end = defined.end
            acronym = defined[1:-1].text if defined else (token_view(doc).text[i] if known and name_end == i + 1 else None)
            if acronym is None and not known and name_end == i + head_len + 1 and self._names_body(doc, i, name_end - 1):
                acronym = token_view(doc).text[name_end - 1]  # "PT KAI", "Badan Kesbangpol": the body named by its acronym
            if not known and name_end == i + head_len and not defined and end == name_end:
                continue  # a bare head ("Dinas yang lain", "Pemerintah Kota akan") names no body
            if known and end == i + 1 and self._common_opener(doc, i):
                continue  # "Antara lain, ...": the common word opening a sentence, not the news agency
            if not defined and self._acronym_after_atau(doc, end):
                defined = doc[end + 1:end + 2]  # "PT Chandra Asri Pacific Tbk atau TPIA"
                acronym = defined.text
            found.append(Candidate(i, end, kind, PRIORITY[kind], name, acronym, defines_acronym=bool(defined)))
            free = end
        return found

    def _rank_in_capitals(self, doc: Doc, i: int) -> bool:
        """A rank written in capitals at token i ("AKBP", "AKP"): it opens a person's name and is
        never a word of a body's ("RS Polri Kramat Jati AKBP Firdaus"; unlike "Universitas
        Jenderal Soedirman")."""
        return token_view(doc).text[i].isupper() and self.gaz["ranks"].match(doc, i) > 0

    def initials(self, doc: Doc) -> set[str]:
        """Persons' initials written in capitals, with a cue word before them or an age after them
        ("berinisial MK", "AS (35)"): in that article the word names the person, not a body.
        Made once per Doc while the component runs."""
        cache = doc.user_data.setdefault(CACHE_KEY, {})
        if "initials" not in cache:
            tokens, cues = token_view(doc), self.initials_cues
            cache["initials"] = {
                word for i, word in enumerate(tokens.text)
                if word.isupper() and is_acronym_word(tokens, i)  # isupper() first: most words are not
                and ((i > 0 and tokens.lower[i - 1] in cues) or self._age_after(doc, i + 1))
            }
        return cache["initials"]

    @staticmethod
    def _age_after(doc: Doc, i: int) -> bool:
        """An age in brackets at token i: "(35)"."""
        texts = token_view(doc).text
        return i + 2 < len(texts) and texts[i] == "(" and token_view(doc).like_num[i + 1] and texts[i + 2] == ")"

    def _may_head(self, doc: Doc, i: int) -> bool:
        """Whether token i may open a body's name: not a qualifier after a name ("Komando Pusat
        AS", data/qualifier_heads.txt), not a body counted by a number ("35 DPD PSI", "tiga
        Polres": a class of bodies, not one; a year is no count: "Pada 2024 KPU ...")."""
        if i == 0:
            return True
        tokens = token_view(doc)
        before = tokens.text[i - 1]
        if tokens.text[i] in self.gaz["qualifier_heads"] and capitalised(doc, i - 1) and not self.gaz["roles"].match(doc, i - 1):
            return False
        return not (tokens.like_num[i - 1] and not (before.isdigit() and len(before) == 4))

    def _listed_name_end(self, doc: Doc, end: int) -> int:
        """End of a name that goes on over a list and then defines its acronym: "Dinas Ketahanan
        Pangan, Kelautan dan Perikanan (KPKP)", "Balai Karantina Hewan, Ikan, dan Tumbuhan
        (BKHIT)"; `end` when no bracketed acronym closes the list."""
        k = end
        while k + 1 < len(doc) and token_view(doc).text[k] == ",":
            item = k + 1 + (token_view(doc).lower[k + 1] in CONNECTORS)
            item_end = self._chain(doc, item, limit=4)
            if item_end == item or self._region_at(doc, item):
                return end  # "Polri Kramat Jati, Jakarta Timur (Jaktim)": a place, not a list item
            k = item_end
        return k if k > end and self._acronym_at(doc, k) else end

    def _names_body(self, doc: Doc, head: int, body: int) -> bool:
        """True when the one word after an organisation's head is its acronym: an unknown one in
        capitals ("PT KAI", "Dinas KPKP") or a known one that spells out from that head ("Badan
        Kesbangpol"); not another body's ("Sekretariat DPRD")."""
        known = self.gaz["acronyms"].get(token_view(doc).text[body])
        if known:
            return known[1].split()[:1] == [token_view(doc).text[head]]
        return is_acronym_word(token_view(doc), body)

    @staticmethod
    def _acronym_after_atau(doc: Doc, end: int) -> bool:
        """True when "atau" and a word in capitals follow a name: "... Tbk atau TPIA ini"."""
        return (
            end + 1 < len(doc) and token_view(doc).lower[end] == "atau" and is_acronym_word(token_view(doc), end + 1)
            and (end + 2 == len(doc) or not capitalised(doc, end + 2))
        )

    def find_outlets(self, doc: Doc) -> list[Candidate]:
        """News outlets named in the text (data/outlets.txt): "kepada detikJateng", "dikutip dari
        KONTAN", "dilansir dari Antara"; not a common word opening a sentence ("Antara lain")."""
        # Whole tokens, not the text: the glued-word split makes "detikJateng" a token of
        # "PantauandetikJatengdi", with letters on both sides in the text.
        # Plain strings, not Spans: this looks at every token of every article.
        pattern, found, free = outlet_mentions(), [], 0
        tokens = token_view(doc)
        texts, spaces, text, idx = tokens.text, tokens.whitespace, tokens.doc_text, tokens.idx
        for i, word in enumerate(texts):
            # The patterns have no anchors or lookarounds: a name of one or two words here starts
            # a match of the text here, so one match() sets most tokens aside.
            if i < free or not word[:1].isalpha() or not pattern.match(text, idx[i]):
                continue
            two = word + spaces[i] + texts[i + 1] if i + 1 < len(texts) else None  # "CNN Indonesia"
            end = i + 2 if two is not None and pattern.fullmatch(two) else i + 1 if pattern.fullmatch(word) else None
            if end is not None and not self._common_opener(doc, i):
                found.append(Candidate(i, end, "ORG", PRIORITY["ORG"], _text(doc, i, end)))
                free = end
        return found

    def find_estates(self, doc: Doc) -> list[Candidate]:
        """Industrial estates: "Kawasan Industri X", "Lingkungan Industri Kecil X" (any case)."""
        found = []
        for i in self.gaz["estate"].starts(doc):
            n = self.gaz["estate"].match(doc, i)
            if n:
                end = self._chain(doc, i + n, limit=5)
                if end > i + n:
                    found.append(Candidate(i, end, "ESTATE", PRIORITY["ESTATE"], _text(doc, i, end)))
        return found

    def find_places(self, doc: Doc, persons: frozenset[int] = frozenset()) -> list[Candidate]:
        """Places (pipeline/places.py): administrative units, known places, streets, buildings and
        landmarks; a name stops before a person the rules found (`persons`: token positions). The
        model's persons do not stop it: a head word outweighs them ("Jalan Jenderal Sudirman")."""
        return [
            Candidate(m.start, m.end, "LOC", PLACE_PRIORITY[m.kind], _text(doc, m.start, m.end))
            for m in self.places.find(doc, persons)
        ]

    def _name_word(self, word: str) -> bool:
        """A token's text that is capitalised, and not a word of bodies, places, titles, an acronym
        ("FMP") or a derived word ("Keamanan", "Kesehatan": names are not affixed common words)."""
        acronym = word.isupper() and len(word) > 1 and not word.endswith(".")  # "P." is an initial
        if not is_capitalised_text(word) or word in self.not_name or acronym or is_glued(word):
            return False
        lower = word.lower()
        lemma = self.gaz["lemmas"].get(lower)
        return lemma is None or lemma == lower

    def _name_end(self, doc: Doc, start: int) -> int:
        """End of a person's name starting at `start`."""
        end = start
        texts = token_view(doc).text
        while end < len(texts) and end - start < MAX_NAME_TOKENS and self._is_name_word(texts[end]):
            end += 1
        return end

    def _role_chain_end(self, doc: Doc, i: int) -> int:
        """End of a role starting at token i: capitalised words, "(Pj)", inner "dan"."""
        return self._chain(doc, i, limit=2 * MAX_CHAIN, brackets=True)

    def _role_list_end(self, doc: Doc, end: int) -> int:
        """A role that goes on over a list: "Bidang Politik, Hukum, dan Keamanan Mahfud",
        "Balai Karantina Hewan, Ikan, dan Tumbuhan Jawa Tengah" (not a name after the comma)."""
        while end + 1 < len(doc) and token_view(doc).text[end] == ",":
            k = end + 1
            if token_view(doc).lower[k] in CONNECTORS and k + 1 < len(doc) and capitalised(doc, k + 1):
                if not self.gaz["roles"].match(doc, k + 1):  # ", dan Direktur Utama ...": a new person's role
                    end = self._role_chain_end(doc, k + 1)  # ", dan Keamanan ...": the list's last item
                break
            if self.gaz["roles"].match(doc, k):
                break  # "Direktur X, Nasori, Kepala Y Agus": each item a person with a role
            item_end = self._role_chain_end(doc, k)
            if item_end == k or item_end + 1 >= len(doc) or token_view(doc).text[item_end] != ",":
                break
            if not (token_view(doc).lower[item_end + 1] in CONNECTORS or capitalised(doc, item_end + 1)):
                break  # "Rektor Undip, Suharnomo, mengatakan": a name, then the sentence goes on
            end = item_end
        return end

    def _name_before(self, doc: Doc, end: int) -> int:
        """Start of the run of name words that ends at token `end`; of a shorter run when only
        that one recurs on its own and the words before it recur without it ("PT MAM Energindo
        Ali Amri" ... "bersama Ali Amri" ... "PT MAM Energindo,"; see _person_tail)."""
        start = end
        texts = token_view(doc).text
        while start > 0 and end - start < MAX_NAME_TOKENS and self._is_name_word(texts[start - 1]):
            start -= 1
        if start > 0 and start < end and self._glued_name(texts[start - 1]):
            return start - 1  # "Direktur UtamaASDPHeru Widodo": the name's first word glued to the role
        if end - start >= 3 and start > 0 and capitalised(doc, start - 1) and self.is_common_word(token_view(doc).lower[start]):
            start += 1  # "Menteri Sosial Saifullah Yusuf": a common word after a title is the title's
        if start > 0 and start < end - 1 and not self._named_elsewhere(doc, start, end):
            tail = self._person_tail(doc, start + 1, end)
            if tail < end and self._recurs_without(doc, start - 1, tail):
                return tail  # "PT MAM Energindo Ali Amri" and elsewhere "PT MAM Energindo,"
        return start

    def _glued_name(self, word: str) -> str | None:
        """The name word a scraper glued to the end of another word: "Heru" of "UtamaASDPHeru"."""
        if not is_glued(word):
            return None
        tail = GLUED_TAIL.search(word)
        return tail.group() if tail and self._is_name_text(tail.group()) else None

    def _is_name_text(self, word: str) -> bool:
        """A word that may be a name: not a word of bodies, places or titles, not a common word."""
        return word not in self.not_name and not self.is_common_word(word.lower())

    def _person(self, doc: Doc, start: int, end: int) -> Candidate:
        """A person candidate doc[start:end]; a first word glued to a role keeps only its name part."""
        glued = self._glued_name(token_view(doc).text[start]) if end - start > 1 else None
        name = " ".join(filter(None, (glued, _text(doc, start + 1, end)))) if glued else _text(doc, start, end)
        return Candidate(start, end, "PERSON", PRIORITY["PERSON"], name)

    def _recurs_without(self, doc: Doc, start: int, end: int) -> bool:
        """True when the words doc[start:end] occur elsewhere followed by another word than doc[end]."""
        words = token_view(doc).text
        target, following = words[start:end], words[end] if end < len(words) else None
        return any(
            p != start and words[p:p + len(target)] == target and (p + len(target) == len(words) or words[p + len(target)] != following)
            for p in token_view(doc).text_positions.get(words[start], ())
        )

    def _named_elsewhere(self, doc: Doc, start: int, end: int) -> bool:
        """True when the words doc[start:end] recur elsewhere in the text on their own, with no
        capitalised word before or after them ("... bersama Ali Amri telah ...")."""
        words = token_view(doc).text
        n = end - start
        target = words[start:end]
        return any(
            p != start and words[p:p + n] == target
            and (p == 0 or not capitalised(doc, p - 1)) and (p + n == len(doc) or not capitalised(doc, p + n))
            for p in token_view(doc).text_positions.get(words[start], ())
        )

    def _person_tail(self, doc: Doc, first: int, end: int) -> int:
        """Where a person's name glued to the end of an organisation's name starts ("Sekjen
        Kementerian X Budi Hartono", "PT MAM Energindo Ali Amri"): the longest run of name words
        from `first` on that ends at `end` and recurs on its own in the text, or whose first word
        does; `end` when none."""
        for k in range(max(first, end - MAX_NAME_TOKENS + 1), end):
            if all(self._is_name_word(word) for word in token_view(doc).text[k:end]) and (
                self._named_elsewhere(doc, k, end) or (end - k > 1 and self._named_elsewhere(doc, k, k + 1))
            ):
                return k  # the name, or its first word ("kata Dony"), recurs on its own
        return end

    def find_role_persons(self, doc: Doc) -> list[Candidate]:
        """Persons with a role: "Kepala Disperin Kota Semarang Mustohar", "Rektor Undip, Suharnomo",
        and the appositive "Subur Saroso, Kepala Seksi Bimbingan Penagihan"."""
        found = []
        free = 0
        for i in self.gaz["roles"].starts(doc):
            if i < free or not self.gaz["roles"].match(doc, i):
                continue
            end = self._role_chain_end(doc, i)
            if i >= 2 and token_view(doc).text[i - 1] == ",":
                start = self._name_before(doc, i - 1)
                if start < i - 1 and (start == 0 or not capitalised(doc, start - 1)):
                    found.append(self._person(doc, start, i - 1))
                    free = end
                    continue
            end = self._role_list_end(doc, end)
            start = self._titles_after(doc, end + 1)  # "Kapolsek Sukmajaya, AKP Rizky ..."
            name_end = self._name_end(doc, start) if start < len(doc) else start
            if end < len(doc) and token_view(doc).text[end] == "," and name_end > start:
                end = name_end
            else:
                start = max(self._name_before(doc, end), i + 1)
            if end > start:
                found.append(self._person(doc, start, end))
            free = max(end, i + 1)
        return found

    def _titles_after(self, doc: Doc, start: int) -> int:
        """First token after the ranks, honorifics and abbreviated degrees ("Eng.", "M.Si.") that
        start at `start`: where the name begins."""
        while start < len(doc) and (self.gaz["ranks"].match(doc, start) or (token_view(doc).text[start].endswith(".") and capitalised(doc, start))):
            start += self.gaz["ranks"].match(doc, start) or 1
        return start

    def find_initialled_persons(self, doc: Doc) -> list[Candidate]:
        """Persons named by their initials: "pemuda berinisial RR", "tersangka berinisial SL"."""
        tokens = token_view(doc)
        return [
            Candidate(i + 1, i + 2, "PERSON", INITIALS_PRIORITY, tokens.text[i + 1])
            for i, word in enumerate(tokens.lower[:-1])
            if word in self.initials_cues and INITIALS.fullmatch(tokens.text[i + 1])
        ]

    def find_titled_persons(self, doc: Doc) -> list[Candidate]:
        """Persons after a rank or honorific: "Dr. Eng. Ir. Bimastyaji Surya Ramadan", "AKBP Rio
        Wahyu Anggoro", "Pak Hery"."""
        found = []
        free = 0
        for i in self.gaz["ranks"].starts(doc):
            n = self.gaz["ranks"].match(doc, i)
            if i < free or not n:
                continue
            start = self._titles_after(doc, i + n)
            end = self._name_end(doc, start) if start < len(doc) else start
            if i > 0 and self.places.venue_at(token_view(doc).text, i - 1):
                end = start  # "Jalan Jenderal Sudirman": a street named after a person
            if end > start:
                found.append(Candidate(start, end, "PERSON", PRIORITY["PERSON"], _text(doc, start, end)))
            free = max(end, i + 1)
        return found

    def _speaker_name_word(self, word: str) -> bool:
        # Not "Terdakwa", "Saksi" or other speaker descriptions of the quote vocabulary.
        return self._is_name_word(word) and word.lower() not in self.gaz["not_speaker_names"]

    def find_speakers(self, doc: Doc) -> list[Candidate]:
        """Persons named as speakers: "Suharsono mengatakan ...", "..., kata Willy." (names only
        where a reporting verb or speech word vouches for them)."""
        found = []
        capitalised_inside = None
        tokens = token_view(doc)
        speech_verbs, speech_words = self.gaz["speech_verbs"], self.gaz["speech_words"]
        for i, word in enumerate(tokens.lower):
            if word in speech_verbs and i > 0:
                end = i - (1 if tokens.text[i - 1] == "," else 0)
                start = end
                while start > 0 and end - start < MAX_NAME_TOKENS and self._speaker_name_word(tokens.text[start - 1]):
                    start -= 1
                # "Seksi Bimbingan Penagihan menyampaikan": a name never follows a body or title word.
                if start > 0 and capitalised(doc, start - 1):
                    continue
            elif word in speech_words and i + 1 < len(doc) and not self._after_subject(doc, i):
                start = i + 1
                end = start
                while end < len(doc) and end - start < MAX_NAME_TOKENS and self._speaker_name_word(tokens.text[end]):
                    end += 1
            else:
                continue
            if end == start:
                continue
            if end == start + 1 and opens_sentence(doc, start) and self.is_common_word(tokens.lower[start]):
                # "“Yang mendorong saya ...": a capitalised opener, unless it recurs inside sentences.
                capitalised_inside = capitalised_inside or self.capitalised_inside(doc)
                if tokens.text[start] not in capitalised_inside:
                    continue
            found.append(Candidate(start, end, "PERSON", PRIORITY["PERSON"], _text(doc, start, end)))
        return found

    def _after_subject(self, doc: Doc, i: int) -> bool:
        """True when the speech word at token i follows its own subject pronoun ("saya jawab
        Siborongborong"): a verb there, and the word after it is what was said, not who said it."""
        return i > 0 and token_view(doc).lower[i - 1] in self.gaz["subject_pronouns"]

    def _common_opener(self, doc: Doc, i: int) -> bool:
        """Token i is a common word opening its sentence ("Antara lain"): no name, even when one is spelt so."""
        return opens_sentence(doc, i) and self.is_common_word(token_view(doc).lower[i])

    def _is_common_word(self, word: str) -> bool:
        """A word of the Indonesian lexicon (lower case), inflected or not."""
        return word in self.gaz["common_words"] or word in self.gaz["lemmas"]

    def plausible(self, doc: Doc, start: int, end: int, label: str, capitalised_inside: set[str]) -> bool:
        """Whether a statistical span doc[start:end] looks like a name: the small model also tags
        capitalised sentence openers ("Terutama"), common nouns ("Wajib Pajak") and unknown
        acronyms ("PSBB")."""
        tokens, is_capitalised_at = token_view(doc), capitalised_column(doc)
        words = [k for k in range(start, end) if tokens.lower[k] not in CONNECTORS]  # token positions
        if not all(is_capitalised_at[k] for k in words):
            return False
        texts = [tokens.text[k] for k in words]
        lowers = [tokens.lower[k] for k in words]
        if all(self.is_common_word(w) for w in lowers) or texts[0] in self.gaz["name_stopwords"]:
            return False
        if label == "ORG" and len(words) > 1 and self._unknown_acronym(texts[-1]) and all(
                self.is_common_word(w) for w in lowers[:-1]):
            return False  # "Pajak PJU", "Harian Rangkaian HUT": common words and an unknown acronym name a thing
        if any(w in self.gaz["cue_words"] for w in lowers):
            return False  # "Dijelaskan Veronica": a reporting word glued to a name
        if opens_sentence(doc, words[0]) and self.is_common_word(lowers[0]):
            return False  # "Terutama Kota ...": a capitalised sentence opener glued to a name
        if label == "PERSON" and not all(self._is_name_word(w) for w in texts):
            return False  # "Dihubungi", "Kapolres": no name word
        if label != "PERSON" and any(self._is_rank(doc, k) for k in words):
            return False  # "Bogor AKBP", "Laksma": a rank belongs to a person, not to a body or place
        if lowers[0] in self.gaz["not_person_context"]["vessels"]:
            return False  # "USS Nimitz", "KMP Jatra II": a ship
        if len(words) == 1:
            if len(texts[0].rstrip(".")) < 2:
                return False  # "M" of "Rp 4,5 M", a stray initial
            if opens_sentence(doc, words[0]) and texts[0] not in capitalised_inside:
                return False  # a name recurs inside sentences; a sentence opener does not
            if label == "ORG" and self._unknown_acronym(texts[0]):
                return False
        return True

    def _unknown_acronym(self, word: str) -> bool:
        """A word in capitals that is no known body's acronym ("PJU", "HUT")."""
        return word.isupper() and word not in self.gaz["acronyms"]

    def _is_rank(self, doc: Doc, i: int) -> bool:
        """Token i is a rank of data/ranks.txt that is no common word ("AKBP", "Laksma"; not "Ibu", "Mayor")."""
        return bool(self.gaz["ranks"].match(doc, i)) and not self.is_common_word(token_view(doc).lower[i])

    @staticmethod
    def capitalised_inside(doc: Doc) -> set[str]:
        """Capitalised words seen inside sentences (not as their first word): names recur there.
        Made once per Doc while the component runs."""
        cache = doc.user_data.setdefault(CACHE_KEY, {})
        if "capitalised_inside" not in cache:
            tokens = token_view(doc)
            column = capitalised_column(doc)
            cache["capitalised_inside"] = {
                word for i, word in enumerate(tokens.text) if column[i] and not _first_word_place(tokens, i)
            }
        return cache["capitalised_inside"]

    def find_model_entities(self, doc: Doc) -> list[Candidate]:
        """The statistical NER's plausible PERSON/ORG/LOC spans, typed for berita."""
        capitalised_inside = self.capitalised_inside(doc)
        initials = self.initials(doc)
        found = []
        tokens = token_view(doc)
        for span in doc.ents:
            label, start, end = MODEL_LABELS.get(span.label_), span.start, span.end
            if label in BODY_TYPES and _text(doc, start, end) in initials:
                continue  # "berinisial MK": a person's initials
            if label == "PERSON":
                # "Terdakwa Nasiro", "Saksi Budi": a description word in front of the name.
                while end - start > 1 and tokens.lower[start] in self.gaz["not_speaker_names"]:
                    start += 1
            if not label or not self.plausible(doc, start, end, label, capitalised_inside):
                continue
            if label == "ORG" and (self.gaz["agency"].match(doc, start) or self.gaz["acronyms"].get(tokens.text[start], ("",))[0] == "AGENCY"):
                label = "AGENCY"
            if label == "PERSON" and self.places.is_known_place(tokens.text[start:end]):
                label = "LOC"  # "Siak", "Georgia": a known place the small model took for a name
            if label == "PERSON":
                label = self._person_in_context(doc, start)
                if label is None:
                    continue
            if label == "LOC" and self.gaz["estate"].match(doc, start):
                label = "ESTATE"
            found.append(Candidate(start, end, label, MODEL_PRIORITY, _text(doc, start, end)))
        return found

    def _person_in_context(self, doc: Doc, start: int) -> str | None:
        """PERSON for a model person starting at token `start`, unless the word before shows a place ("mahasiswa asal
        Siborongborong", "RPTRA Tipar Asri": LOC) or a programme or vessel ("program Asta Cita",
        "USS Carl Vinson": None, no entity), or its first word names an event or levy ("Workshop
        Fotografi", "Pajak Resto": None)."""
        lower = token_view(doc).lower
        before = lower[start - 1] if start else ""
        context = self.gaz["not_person_context"]
        if before in context["thing_before"] or lower[start] in context["thing_heads"]:
            return None
        return "LOC" if before in context["place_before"] else "PERSON"

    def find_role(self, doc: Doc, start: int, end: int, others: frozenset[int] = frozenset()) -> str | None:
        """The role of the person named at tokens start:end: written just before the name
        ("Kepala Disperin Kota Semarang Mustohar", "jubir KPK, Budi", "pengamat kebijakan publik
        Fernando Emas"), or after it ("Subur Saroso, Kepala ...", "Wulan (29), warga Senen",
        "Nasori selaku Direktur ..."). others: token positions of other persons' mentions, which a
        role in words never crosses ("terdakwa Nasori, Ali Amri": Ali Amri's role is not "terdakwa Nasori")."""
        return self._role_before(doc, start, others) or self._role_after(doc, end)

    def _titles_before(self, doc: Doc, start: int) -> int:
        """Start of the ranks and honorifics written just before token `start` ("AKP", "Prof. Dr.")."""
        k = start
        while k > 0:
            n = next((n for n in (1, 2, 3) if k - n >= 0 and self.gaz["ranks"].match(doc, k - n) == n), 0)
            if not n:
                return k
            k -= n
        return k

    def _role_before(self, doc: Doc, start: int, others: frozenset[int]) -> str | None:
        titles = self._titles_before(doc, start)
        if titles > 0 and titles < start and token_view(doc).text[titles - 1] == ",":
            stop = titles - 1  # "Kapolsek Sukmajaya, AKP Rizky": the rank is no part of the role
        else:
            before = token_view(doc).text[start - 1] if start > 0 else None
            stop = start - 1 if before == "," or before in self.initials_cues else start
        i = self._role_words_before(doc, stop, others)
        for k in range(i, stop):
            if self.gaz["roles"].match(doc, k):
                return self._with_prefix(doc, k, stop)
        return self._description_before(doc, stop, others)

    def _role_words_before(self, doc: Doc, stop: int, others: frozenset[int]) -> int:
        """Start of the capitalised role words that end at `stop`: brackets, inner "dan", hyphens,
        and the commas of a list closed by "dan" ("Balai Karantina Hewan, Ikan, dan Tumbuhan"),
        never over another person's name (`others`)."""
        i = stop
        connector = False
        tokens = token_view(doc)
        while i > 0 and stop - i < 2 * MAX_CHAIN:
            if i - 1 in others:
                break
            previous, previous_lower = tokens.text[i - 1], tokens.lower[i - 1]
            connector = connector or previous_lower in CONNECTORS
            listed = previous == "," and connector and i > 1 and capitalised(doc, i - 2)
            if capitalised(doc, i - 1) or previous in "()" or previous_lower in CONNECTORS or listed \
                    or (i > 1 and self._joins_words(doc, i - 1)):
                i -= 1
            else:
                break
        return i

    def _describes(self, doc: Doc, i: int) -> bool:
        """Token i is a word that describes a person ("warga", "pengacaranya"), not an honorific ("Ibu Siti")."""
        return describes_person(token_view(doc).lower[i]) and not self.gaz["ranks"].match(doc, i)

    def _with_prefix(self, doc: Doc, k: int, stop: int) -> str | None:
        """The role doc[k:stop] with a "mantan" or "Wakil" in front that belongs to it."""
        while k > 0 and (token_view(doc).lower[k - 1] in self.gaz["role_words"]["prefixes"] or self.gaz["roles"].match(doc, k - 1) > 1):
            k -= 1
        return _text(doc, k, stop) or None

    def _description_before(self, doc: Doc, stop: int, others: frozenset[int]) -> str | None:
        """A role in words just before the name: the nearest describing word within a few words."""
        tokens = token_view(doc)
        for k in range(stop - 1, max(stop - MAX_CHAIN, 0) - 1, -1):
            if tokens.is_punct[k] and tokens.text[k] not in "()-" or tokens.is_space[k] or tokens.lower[k] in self.description_stops \
                    or k in others:
                return None
            if self._describes(doc, k):
                return self._with_prefix(doc, k, stop)
            if self._is_verb(tokens.lower[k]):
                return None  # "Polisi menangkap seorang pemuda berinisial AR": a clause, not AR's role
        return None

    def _is_verb(self, lower: str) -> bool:
        """An affixed verb ("menangkap", "diperiksa", "bekerja"; lower case): a word with a verb
        prefix whose base form differs from it."""
        lemma = self.gaz["lemmas"].get(lower)
        return lemma is not None and lemma != lower and lower.startswith(VERB_PREFIXES)

    def _role_after(self, doc: Doc, end: int) -> str | None:
        k = end
        if self._age_after(doc, k):
            k += 3  # an age: "Wulan (29), warga Senen"
        if k + 1 < len(doc) and (token_view(doc).text[k] in ",(" or token_view(doc).lower[k] in ("selaku", "sebagai")):
            first = k + 1
        else:
            return None
        if self.gaz["roles"].match(doc, first):
            role_end = self._role_chain_end(doc, first)
            if token_view(doc).text[k] == "(" and (role_end >= len(doc) or token_view(doc).text[role_end] != ")"):
                return None  # "Kenneth (Anggota DPRD DKI)": a bracketed role is all the bracket holds
            return _text(doc, first, role_end)
        if token_view(doc).text[k] == "(":
            return None
        tokens = token_view(doc)
        if not (self._describes(doc, first) or tokens.lower[first] in self.gaz["role_words"]["prefixes"]):
            return None
        last = first
        while last < len(doc) and last - first < 12:
            word = tokens.text[last]
            if (tokens.is_punct[last] and word not in "-") or tokens.is_space[last] or tokens.lower[last] in self.role_ends \
                    or is_glued(word):
                break  # also at words glued by the scraper: "pengendara asal Demak kepadadetikJateng"
            last += 1
        return _text(doc, first, last) or None

    def find_candidates(self, doc: Doc) -> list[Candidate]:
        """Every candidate mention: rules first, then the model's."""
        candidates = self.find_estates(doc) + self.find_organisations(doc) + self.find_outlets(doc)
        candidates += self.find_role_persons(doc)
        candidates += self.find_speakers(doc) + self.find_titled_persons(doc) + self.find_initialled_persons(doc)
        persons = frozenset(i for c in candidates if c.type == "PERSON" for i in range(c.start, c.end))
        candidates += self.find_places(doc, persons)
        if self.use_model:
            # A later "Endah" of the rule-found "Endah Purwanti" is hers, whatever the model says.
            texts = token_view(doc).text
            person_words = {w for c in candidates if c.type == "PERSON" for w in texts[c.start:c.end]}
            candidates += [c for c in self.find_model_entities(doc)
                           if c.type == "PERSON" or not set(texts[c.start:c.end]) <= person_words]
        return self.drop_non_persons(doc, candidates)

    def drop_non_persons(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates without the persons that are none: names in credit lines, the body of
        a described role ("mantan Dirut InJourney itu") and the model's persons that only name
        the end of a place or body of the article ("Soroka" of "Rumah Sakit Soroka")."""
        credits = self.credit_lines(doc)
        tails = {
            " ".join(words[k:]) for c in candidates if c.type != "PERSON"
            for words in (c.name.split(),) for k in range(1, len(words))
        }
        found_by_rules = {c.name for c in candidates if c.type == "PERSON" and c.priority > MODEL_PRIORITY}

        def no_person(c: Candidate) -> bool:
            model_only = c.priority == MODEL_PRIORITY and c.name not in found_by_rules
            return c.start in credits or self._names_role_body(doc, c.start, c.end) or (model_only and c.name in tails)

        return [c for c in candidates if not (c.type == "PERSON" and no_person(c))]

    def _names_role_body(self, doc: Doc, start: int, end: int) -> bool:
        """True when the words doc[start:end] follow a title and close with a demonstrative:
        "mantan Dirut InJourney itu", "Kepala Dinas Sosial itu" describe a person by the body
        they lead; no name is written."""
        if end >= len(doc) or token_view(doc).lower[end] not in self.gaz["demonstratives"]:
            return False
        return any(self.gaz["roles"].match(doc, k) == start - k for k in range(max(0, start - 3), start))

    def credit_lines(self, doc: Doc) -> set[int]:
        """Token positions of credit lines ("(Penulis: A, B | Editor: C)"): their names are the
        newsroom's, not persons of the article."""
        words = self.gaz["not_person_context"]["credits"]
        tokens = token_view(doc)
        positions: set[int] = set()
        for start, end in sentence_bounds(tokens):
            first = next((k for k in range(start, end) if not tokens.is_punct[k] and not tokens.is_space[k]), None)
            if first is not None and tokens.lower[first] in words and first + 1 < len(tokens) and tokens.text[first + 1] == ":":
                positions.update(range(start, end))
        return positions

    # --- merging and writing -------------------------------------------------------------------
    @staticmethod
    def resolve_overlaps(candidates: list[Candidate]) -> list[Candidate]:
        """Keep the best of overlapping candidates: higher priority, then longer, then earlier."""
        ranked = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        taken: set[int] = set()
        kept = []
        for candidate in ranked:
            tokens = set(range(candidate.start, candidate.end))
            if not tokens & taken:
                kept.append(candidate)
                taken |= tokens
        return sorted(kept, key=lambda c: c.start)

    @staticmethod
    def bodies_in_venues(candidates: list[Candidate], kept: list[Candidate]) -> list[Candidate]:
        """The bodies the rules found inside a building's or venue's name ("Gedung DPRD DKI
        Jakarta", "Auditorium CSIS"): the venue is the place, and the body is named there too."""
        venue_at: dict[int, Candidate] = {}  # token -> the venue it is inside (after the head's first word)
        for venue in kept:
            if venue.type == "LOC" and venue.priority == PLACE_PRIORITY["venue"]:
                venue_at.update(dict.fromkeys(range(venue.start + 1, venue.end), venue))
        return [
            c for c in candidates
            if c.type in BODY_TYPES and c.priority == PRIORITY[c.type]
            and c.start in venue_at and c.end <= venue_at[c.start].end
        ]

    def link_aliases(self, doc: Doc, kept: list[Candidate]) -> list[Candidate]:
        """Nicknames given with the full name ("Ronald A. Sinaga atau yang akrab disapa Bro Ron",
        "Saifullah Yusuf (Gus Ipul)") become mentions of that person, whatever was found there."""
        aliases = []
        for candidate in kept:
            span = self._alias_after(doc, candidate.end) if candidate.type == "PERSON" else None
            if span:
                aliases.append(Candidate(span[0], span[1], "PERSON", PRIORITY["PERSON"], candidate.name))
        taken = {i for a in aliases for i in range(a.start, a.end)}
        others = [c for c in kept if not any(i in taken for i in range(c.start, c.end))]
        return sorted(others + aliases, key=lambda c: c.start)

    def _alias_after(self, doc: Doc, end: int) -> tuple[int, int] | None:
        """Token range of the nickname after a name ending at `end`, or None."""
        k = end + (end < len(doc) and token_view(doc).text[end] == ",")
        cue = self.gaz["alias_cues"].match(doc, k) if k < len(doc) else 0
        bracketed = not cue and k < len(doc) and token_view(doc).text[k] == "("
        if not (cue or bracketed):
            return None
        start = k + (cue or 1)
        stop = start
        while stop < len(doc) and stop - start < 3 and self._is_name_word(token_view(doc).text[stop]):
            stop += 1
        if stop == start or (bracketed and (stop >= len(doc) or token_view(doc).text[stop] != ")")):
            return None
        return start, stop

    def add_later_mentions(self, doc: Doc, kept: list[Candidate]) -> list[Candidate]:
        """Bare later mentions of known persons ("Hery") and of acronyms defined in the text."""
        texts = token_view(doc).text
        aliases: dict[str, Candidate] = {}
        for candidate in kept:
            if candidate.type == "PERSON":
                initials = candidate.end - candidate.start == 1 and INITIALS.fullmatch(candidate.name)
                for word in texts[candidate.start:candidate.end]:
                    if initials or (len(word) > 2 and word not in self.not_name):
                        aliases.setdefault(word, candidate)
            elif candidate.acronym:
                aliases.setdefault(candidate.acronym, candidate)
        covered = {i for c in kept for i in range(c.start, c.end)}
        extra = []
        for i, word in enumerate(texts):
            owner = aliases.get(word)
            if owner is None:
                continue
            if owner.type in BODY_TYPES and (self._common_opener(doc, i) or word in self.initials(doc)):
                continue  # "Antara lain" of an article that cites Antara, "anak MK" of "berinisial MK"
            if i not in covered:
                extra.append(Candidate(i, i + 1, owner.type, owner.priority, owner.name, owner.acronym))
        return sorted(kept + extra, key=lambda c: c.start)

    def _key(self, name: str, kind: str = "") -> str:
        """A name for comparison: lower case, a short place name or a leading known acronym spelt
        out ("Jateng" -> "jawa tengah", "Pemkot Bogor" -> "pemerintah kota bogor"); the region
        that closes a body's name (`kind` AGENCY or ORG) by its code, so that "BPS Jateng" and
        "BPS Provinsi Jawa Tengah" are one body."""
        if name in self.gaz["place_aliases"]:
            return self.gaz["place_aliases"][name].lower()
        spelt = self._spelt_out(name)
        if kind in BODY_TYPES:
            base, region = self._split_region(spelt)
            if region:
                return f"{base.lower()} @{region}"
        return spelt.lower()

    def _spelt_out(self, name: str) -> str:
        """The name with a leading known acronym spelt out ("Pemkot Bogor" -> "Pemerintah Kota Bogor")."""
        head, _, rest = name.partition(" ")
        full = self.gaz["acronyms"].get(head, ("", ""))[1]
        return f"{full} {rest}".strip() if full else name

    def _split_region(self, name: str) -> tuple[str, str | None]:
        """A body's name without the region that closes it, and that region's Kemendagri code
        ("Badan Pusat Statistik Provinsi Jawa Tengah" -> ("Badan Pusat Statistik", "33")); the
        whole name and None when no region closes it or the region is ambiguous ("Bogor")."""
        words = name.split()
        for k in range(1, len(words)):
            if self.places.region_at(words, k) == len(words) - k:
                region = resolve_region(" ".join(words[k:]))
                return (" ".join(words[:k]), region.code) if region else (name, None)
        return name, None

    def _body_of(self, name: str) -> str:
        """The known body a name starts with, spelt out: its longest full name from acronyms.tsv
        ("DPRD Jabar" -> "dewan perwakilan rakyat daerah"); "" when none."""
        spelt = self._spelt_out(name).lower() + " "
        return next((full for full in self.body_names if spelt.startswith(full + " ")), "")

    def _group_of(self, candidate: Candidate, groups, by_key, by_acronym, longest) -> int | None:
        """Index of the group an earlier mention of the same entity started, or None. longest:
        the longest name of each group ("Powell" joins the group that "Fed" started once "Fed
        Jerome Powell" joined it)."""
        found = by_key.get((candidate.type, self.name_key(candidate.name, candidate.type)))
        if found is None:
            # "Disperin Kota Semarang" or "Kanwil DJP Jawa Tengah" after "(Disperin)", "(Kanwil
            # DJP)"; "Dinas KPKP" or a second spelling that defines the same acronym, in the same region.
            for acronym, index in by_acronym.items():
                if candidate.name == acronym or candidate.name.startswith(acronym + " ") or (
                        candidate.acronym == acronym and self._same_region(candidate.name, groups[index][0].name)):
                    return index
        if found is None and candidate.type == "PERSON":
            words = set(candidate.name.split())
            for index, group in enumerate(groups):
                if group[0].type != "PERSON":
                    continue
                known = set(longest[index].split())
                if words <= known or known <= words:
                    return index
        return found

    def _same_region(self, name: str, other: str) -> bool:
        """Whether two bodies' names close with the same region, or both with none."""
        return self._split_region(self._spelt_out(name))[1] == self._split_region(self._spelt_out(other))[1]

    def _absorb(self, groups: list[list[Candidate]], is_short, fits) -> list[list[Candidate]]:
        """Merge each group that `is_short` into the one other group it `fits`; with no or several
        fitting groups it stays on its own (never guess between two)."""
        kept = []
        absorbed: set[int] = set()
        for group in groups:
            if is_short(group):
                fitting = [g for g in groups if g is not group and id(g) not in absorbed
                           and same_kind(g[0].type, group[0].type) and fits(group, g)]
                if len(fitting) == 1:
                    fitting[0].extend(group)
                    absorbed.add(id(group))
                    continue
            kept.append(group)
        return kept

    def _absorb_short_forms(self, groups: list[list[Candidate]]) -> list[list[Candidate]]:
        """A shortened body joins the one body of the article whose name it starts ("DPRD" the
        "DPRD Kota Bogor", "Balai Karantina" the "Balai Karantina Hewan, Ikan, dan Tumbuhan", "KPU
        Kota" the "KPU Kota Bogor"), never another known body ("DPR" is not "DPRD Jabar"); a
        one-word "Harsono" or "Bima" joins the one "Suharsono" or "Bimastyaji Surya Ramadan"."""

        spelt_words: dict[str, list[str]] = {}  # each name's words spelt out, made once per name

        def words_of(name):
            if name not in spelt_words:
                spelt_words[name] = name_words(self._spelt_out(name))
            return spelt_words[name]

        def body_name(group):
            return group[0].type in BODY_TYPES and all(c.name == group[0].name for c in group)

        def extends_body(group, other):
            short = group[0].name
            words = words_of(short)
            return any(words_of(c.name)[:len(words)] == words and len(c.name) > len(short)
                       and self.body_of(c.name) == self.body_of(short) for c in other)

        def short_name(group):
            return group[0].type == "PERSON" and all(" " not in c.name for c in group) and len(group[0].name) >= 3

        def contains_name(group, other):
            return any(is_short_name_of(group[0].name, c.name) for c in other)

        def spelt_like(group, other):  # "Ahmad" of "Achmad Fauzy"
            return any(is_variant_of(group[0].name, w) for c in other for w in c.name.split())

        groups = self._absorb(self._absorb(groups, body_name, extends_body), short_name, contains_name)
        return self._absorb(groups, short_name, spelt_like)

    def _entity(self, doc: Doc, entity_id: str, group: list[Candidate], persons: frozenset[int]) -> Entity:
        """The entity of a group of mentions: longest name, defined acronym first, first role."""
        group.sort(key=lambda c: c.start)
        defined = [c.acronym for c in group if c.defines_acronym]
        acronyms = defined or [c.acronym for c in group if c.acronym]
        role = None
        if group[0].type == "PERSON":
            others = persons - {i for c in group for i in range(c.start, c.end)}  # once: a group may have thousands
            role = next((r for r in (self.find_role(doc, c.start, c.end, others) for c in group) if r), None)
        tokens = token_view(doc)
        mentions = [Mention(tokens.idx[c.start], tokens.end_char(c.end), tokens.span_text(c.start, c.end)) for c in group]
        return Entity(id=entity_id, type=group[0].type, name=max((c.name for c in group), key=len),
                      acronym=acronyms[0] if acronyms else None, role=role, mentions=mentions)

    def merge(self, doc: Doc, candidates: list[Candidate]) -> list[tuple[Candidate, Entity]]:
        """Group mentions into entities; returns (mention, entity) pairs in text order.

        The canonical name is the longest form seen; an acronym defined in the text links its
        later mentions ("Disperin Kota Semarang") to the full name.
        """
        groups: list[list[Candidate]] = []
        by_key: dict[tuple[str, str], int] = {}
        by_acronym: dict[str, int] = {}
        longest: list[str] = []
        for candidate in candidates:
            index = self._group_of(candidate, groups, by_key, by_acronym, longest)
            if index is None:
                groups.append([])
                longest.append("")
                index = len(groups) - 1
            groups[index].append(candidate)
            longest[index] = max(longest[index], candidate.name, key=len)
            by_key[(candidate.type, self.name_key(candidate.name, candidate.type))] = index
            if candidate.type == "PERSON":  # a nickname's later mentions: "Bro Ron" of "Ronald A. Sinaga"
                by_key.setdefault((candidate.type, self.name_key(_text(doc, candidate.start, candidate.end))), index)
            if candidate.defines_acronym:
                by_acronym[candidate.acronym] = index
        pairs = []
        persons = frozenset(i for c in candidates if c.type == "PERSON" for i in range(c.start, c.end))
        for number, group in enumerate(self._absorb_short_forms(groups), start=1):
            entity = self._entity(doc, f"e{number}", group, persons)
            pairs += [(candidate, entity) for candidate in group]
        return sorted(pairs, key=lambda pair: pair[0].start)

    def __call__(self, doc: Doc) -> Doc:
        try:
            candidates = self.find_candidates(doc)
            kept = self.resolve_overlaps(candidates)
            nested = self.bodies_in_venues(candidates, kept)
            kept = self.add_later_mentions(doc, self.link_aliases(doc, kept))
            pairs = self.merge(doc, sorted(kept + nested, key=lambda c: c.start))
        finally:
            doc.user_data.pop(CACHE_KEY, None)
        entities = list({id(e): e for _, e in pairs}.values())
        annotate_regions(entities)
        doc._.entities = [to_plain(entity) for entity in entities]
        inner = {id(c) for c in nested}  # doc.ents cannot nest: the venue's span stays there
        doc.ents = [Span(doc, c.start, c.end, label=c.type, kb_id=e.id) for c, e in pairs if id(c) not in inner]
        return doc


@Language.factory(
    "berita_entities",
    default_config={"use_model": True},
    requires=["token.is_sent_start"],
    assigns=["doc.ents", "doc._.entities"],
)
def make_entity_recognizer(nlp: Language, name: str, use_model: bool) -> EntityRecognizer:
    """Factory of the entities component; use_model=False ignores the statistical NER's spans."""
    return EntityRecognizer(nlp, name, use_model=use_model)
