"""Speaker attribution: who said each quote that pipeline/quotes.py found.

A quote's speaker reference says where to look: a phrase next to the cue ("kata Kepala Dinas X
Budi", "Hery menambahkan"), a pronoun or clitic (dia, ia, beliau, katanya), or nothing (a quote
without cue takes the previous quote's speaker when it is near). Names come from the entities of
doc._.entities / doc.ents (canonical name and id), and, when no entity covers the phrase, from a
capitalised-name pattern after titles. When none applies the speaker is None: a missing name is
better than a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.names import (
    holds_title,
    is_capitalised_word,
    is_short_for,
    is_short_name_of,
    role_abbreviations,
    role_vocabulary,
)
from pipeline.quote_view import ORGANISATIONS, PERSON, DocView, vocabulary


@dataclass
class Speaker:
    """A resolved speaker: name, entity id (None for a name found by the fallback pattern), the
    token span of the mention that named it (None for a pronoun or clitic), and its type."""

    name: str
    id: str | None
    start: int | None
    end: int | None
    type: str = PERSON



class SpeakerResolver:
    """Sets the `speaker` of quote candidates (see quotes.Candidate) from their speaker reference.

    inherit_paragraphs: how many paragraphs back a quote without cue may take its speaker from
        the previous quote.
    min_short_name: shortest one-word name taken as short for a longer name of the article.
    """

    def __init__(self, inherit_paragraphs: int = 2, min_short_name: int = 4):
        self.inherit_paragraphs = inherit_paragraphs
        self.min_short_name = min_short_name
        v = vocabulary()
        self.v = v
        self.verbs = v["verbs"]
        self.pronouns = v["pronouns"]

    def resolve(self, view: DocView, quotes: list) -> None:
        """Set each candidate's speaker, in the order the attributions are made, so that a
        pronoun or a quote without cue can look back at the speakers before it."""
        inside = [False] * len(view.doc)
        for q in quotes:
            if q.type == "direct":
                for i in range(q.start, q.end):
                    inside[i] = True
        persons = [(m[0], view.sentence[m[0]], m) for m in self._person_mentions(view) if not inside[m[0]]]
        history: list[tuple] = []  # (anchor, sentence, quote) with a speaker
        for q in sorted(quotes, key=lambda q: q.anchor):
            kind = q.speaker_ref[0]
            if kind == "window" and not self._names_pronoun(view, *q.speaker_ref[1:]):
                q.speaker = self._named_speaker(view, *q.speaker_ref[1:])
            elif kind == "described":
                q.speaker = self._described(view, q.anchor, *q.speaker_ref[1:], persons, history)
            elif kind == "window":  # "kata dia", "Ia mengatakan": the person, at the pronoun
                q.speaker = self._at_pronoun(self._salient(view, q.anchor, persons, history), *q.speaker_ref[1:])
            elif kind == "pronoun":
                q.speaker = self._salient(view, q.anchor, persons, history)
            else:
                q.speaker = self._inherited(view, q, history)
            if q.speaker is not None:
                history.append((q.anchor, view.sentence[q.anchor], q))

    def _described(self, view: DocView, anchor: int, start: int, end: int, persons, history) -> Speaker | None:
        """The speaker of a described subject: the person named in it ("Vatikan yang hendak ke
        Kendal itu"), else the salient person it points back to ("mantan Dirut X itu"); nobody
        for a group ("Beberapa pedagang")."""
        doc = view.doc
        if any(doc[k].lower_ in self.v["plural"] for k in range(start, end)):
            return None
        named = [m for m in (view.mention_at[k] for k in range(start, end)) if m is not None and m[2] == PERSON]
        if named:
            return self._speaker_of_mention(view, named[-1])
        return self._salient(view, anchor, persons, history)

    @staticmethod
    def _at_pronoun(speaker: Speaker | None, start: int, end: int, prefer_last: bool) -> Speaker | None:
        """The speaker with the span of the pronoun that names them in the phrase [start, end)."""
        if speaker is None:
            return None
        at = end - 1 if prefer_last else start
        return Speaker(speaker.name, speaker.id, at, at + 1, speaker.type)

    def _names_pronoun(self, view: DocView, start: int, end: int, prefer_last: bool) -> bool:
        """True when the speaker phrase is a pronoun: "kata dia", "Ia mengatakan"."""
        return start < end and view.doc[end - 1 if prefer_last else start].lower_ in self.pronouns

    def _person_mentions(self, view: DocView) -> list[tuple[int, int, str, str | None]]:
        seen, out = set(), []
        for mention in view.mention_at:
            if mention is not None and mention[2] == PERSON and mention not in seen:
                seen.add(mention)
                out.append(mention)
        return out

    def _speaker_of_mention(self, view: DocView, mention) -> Speaker:
        start, end, label, kb_id = mention
        entity = view.entities.get(kb_id) if kb_id else None
        if entity is not None and label == PERSON:
            entity = self._full_person(view, entity)
        name = entity["name"] if entity is not None else view.doc[start:end].text
        return Speaker(name, entity["id"] if entity is not None else None, start, end, label)

    def _named_speaker(self, view: DocView, start: int, end: int, prefer_last: bool) -> Speaker | None:
        """The speaker named in tokens [start, end): a person mention (the last one before a verb,
        the first one after a cue), else an organisation, else a pronoun, else a capitalised name."""
        mentions = []
        for i in range(start, end):
            m = view.mention_at[i]
            if m is not None and (not mentions or mentions[-1] != m):
                mentions.append(m)
        persons = [m for m in mentions if m[2] == PERSON]
        if persons:
            return self._speaker_of_mention(view, persons[-1] if prefer_last else persons[0])
        organisations = [m for m in mentions if m[2] in ORGANISATIONS]
        if organisations and (not prefer_last or organisations[-1][1] == end):
            return self._speaker_of_mention(view, organisations[-1] if prefer_last else organisations[0])
        return self._fallback_name(view, start, end, prefer_last)

    def _fallback_name(self, view: DocView, start: int, end: int, prefer_last: bool) -> Speaker | None:
        """A name from the capitalised words next to the cue, after titles ("kata Kepala Dinas
        Pendidikan Budi Santoso" -> "Budi Santoso"; "Kendati demikian, Mustohar menilai" ->
        "Mustohar"), joined to the person entity that has that name word when there is one."""
        doc = view.doc
        not_names, breaks = self.v["not_names"], self.v["name_breaks"]

        def capitalised(i: int) -> bool:
            return is_capitalised_word(doc[i])

        # The capitalised phrase touching the cue: before a verb, right after a cue word, or after
        # the comma that closes a description ("kata salah satu warga, Wawan"); "kata warga
        # Bogor" names nobody.
        if not prefer_last and start < end and doc[start].text.islower():
            commas = [k for k in range(start, end - 1) if doc[k].text == "," and capitalised(k + 1)]
            if not commas:
                return None
            start = commas[-1] + 1
        if prefer_last:
            phrase_start = end
            while phrase_start > start and capitalised(phrase_start - 1):
                phrase_start -= 1
            phrase_end = end
        else:
            phrase_start = phrase_end = start
            while phrase_end < end and capitalised(phrase_end):
                phrase_end += 1
        name_end = None
        for i in range(phrase_end - 1, phrase_start - 1, -1):
            token = doc[i]
            ok = (
                token.lower_ not in not_names
                and token.text not in role_abbreviations()  # "kata Mendag": a title, see by_role
                and not (len(token.text) > 1 and token.text.isupper())
                and not (i > phrase_start and doc[i - 1].lower_ in breaks)
                and view.mention_at[i] is None
            )
            if ok and name_end is None:
                name_end = i + 1
            elif not ok and name_end is not None:
                break
        else:
            i = phrase_start - 1
        if name_end is None:
            # No name: a title alone may still point at the one person holding it.
            title = phrase_start if phrase_start < phrase_end else (end - 1 if prefer_last else start)
            return self.by_role(view, title, title + 1) if start < end else None
        s, e = max(i + 1, name_end - 4), name_end
        words = {t.text for t in doc[s:e]}
        people = [x for x in view.entities.values() if x["type"] == PERSON and words & set(x["name"].split())]
        if len(people) == 1:
            person = self._full_person(view, people[0])
            return Speaker(person["name"], person["id"], s, e)
        return Speaker(self._full_name_in_text(view, doc[s:e]), None, s, e)

    def _full_name_in_text(self, view: DocView, name) -> str:
        """The full form of a one-word name from the article text ("Harsono" -> "Suharsono",
        "Bima" -> "Bimastyaji Surya Ramadan"): the capitalised name starting with the only
        longer word that begins or ends with it; else the name as written."""
        short = name.text
        if len(name) != 1 or len(short) < self.min_short_name:
            return short
        doc = view.doc
        starts = {t.i for t in doc if is_capitalised_word(t) and is_short_for(short, t.text)}
        if len({doc[i].text for i in starts}) != 1:
            return name.text
        first = min(starts)
        end = first + 1
        while end < len(doc) and end - first < 4 and is_capitalised_word(doc[end]) \
                and doc[end].lower_ not in self.v["not_names"]:
            end += 1
        return doc[first:end].text

    def by_role(self, view: DocView, start: int, end: int) -> Speaker | None:
        """The one person whose role has the title that names the speaker: "kata Jaksa", "tegas
        JPU" -> the person introduced as "Jaksa Penuntut Umum (JPU) Tegar Djati Kusuma"."""
        if start >= end:
            return None
        title = view.doc[start].lower_
        people = [
            x for x in view.entities.values()
            if x["type"] == PERSON and x["role"] and holds_title(x["role"], title)
        ]
        return Speaker(people[0]["name"], people[0]["id"], start, end) if len(people) == 1 else None

    def _full_person(self, view: DocView, entity: dict) -> dict:
        """The person (a dict of doc._.entities) a one-word name is short for, when exactly one other
        person's name has a word beginning or ending with it ("Bima" -> "Bimastyaji Surya Ramadan")."""
        short = entity["name"]
        if " " in short or len(short) < self.min_short_name:
            return entity
        longer = [
            x for x in view.entities.values()
            if x["type"] == PERSON and x is not entity and is_short_name_of(short, x["name"])
        ]
        return longer[0] if len(longer) == 1 else entity

    def _salient(self, view: DocView, anchor: int, persons, history) -> Speaker | None:
        """The person a pronoun or clitic at `anchor` stands for: the latest speaker, unless a
        person is introduced as a subject ("Siti Aminah, pedagang di pasar itu, ...") in a later
        sentence than that speaker's cue. The Speaker keeps the span of that antecedent mention."""
        last = next((h for h in reversed(history) if h[0] < anchor and h[2].speaker.type == PERSON), None)
        named = next((p for p in reversed(persons) if p[0] < anchor and self._subject_like(view, p[0], p[2][1])), None)
        if named is not None and (last is None or named[1] > last[1]):
            return self._introduced(view, self._speaker_of_mention(view, named[2]))
        if last is not None:
            return self._introduced(view, last[2].speaker)
        return None

    def _introduced(self, view: DocView, speaker: Speaker) -> Speaker:
        """The speaker with the span of the mention that introduced them, their first one in the
        text ("Ketua KPU Sidoarjo Muhammad Iskak mengatakan"): a pronoun or a quote without cue
        points back to the person, not to the last place they were named."""
        entity = view.entities.get(speaker.id) if speaker.id else None
        mentions = entity["mentions"] if entity else None
        first = view.doc.char_span(mentions[0]["start"], mentions[0]["end"]) if mentions else None
        if first is None:
            return Speaker(speaker.name, speaker.id, speaker.start, speaker.end, speaker.type)
        return Speaker(speaker.name, speaker.id, first.start, first.end, speaker.type)

    def _subject_like(self, view: DocView, start: int, end: int) -> bool:
        """True when a mention opens its sentence or clause, titles aside: "Kepala Dinas X Budi ...",
        "Sementara itu, Budi ..." (not "... termasuk Budi"), is the agent of a passive verb
        ("dirasakan Nita"), or the subject of a reporting verb: "Pedagang bernama Siti (45) mengaku ..."."""
        doc = view.doc
        sentence_start = view.sentence_bounds(start)[0]
        k = start - 1
        while k >= sentence_start and (doc[k].text[:1].isupper() or doc[k].text in "()"):
            k -= 1
        if k < sentence_start or doc[k].text == ",":
            return True
        if self._is_passive_agent(doc[k]):
            return True  # "Kehangatan juga dirasakan Nita, ...", "diapresiasi oleh Budi"
        if doc[k].lower_ in role_vocabulary()["naming"] and self._opens_clause(view, k):
            return True  # "Berbeda dengan Nur, ASN lainnya bernama Liza justru mendukung ..."
        k = end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":  # an age: "Siti (45)"
            k += 3
        return k < len(doc) and doc[k].lower_ in self.verbs

    @staticmethod
    def _opens_clause(view: DocView, k: int) -> bool:
        """True when the words before token k, back to the sentence start or a comma, hold no
        affixed verb: "ASN lainnya bernama Liza" opens its clause, "menangkap pria bernama Budi"
        makes Budi an object."""
        doc = view.doc
        sentence_start = view.sentence_bounds(k)[0]
        i = k - 1
        while i >= sentence_start and doc[i].text != ",":
            word = doc[i].text
            if word.islower() and word.isalpha() and len(word) > 4 and word.startswith(("me", "di", "ter")):
                return False
            i -= 1
        return True

    @staticmethod
    def _is_passive_agent(before) -> bool:
        """True when the word before a mention makes it the agent of a passive verb: "oleh", or a
        di- verb in lower case ("dirasakan", "diapresiasi"; not the preposition "di")."""
        word = before.text
        return word == "oleh" or (word.startswith("di") and len(word) > 5 and word.isalpha() and word.islower())

    def _inherited(self, view: DocView, q, history) -> Speaker | None:
        """The speaker of a quote without cue: that of the previous quote when it is near."""
        last = next((h for h in reversed(history) if h[0] < q.start), None)
        if last is None or view.paragraph[q.start] - view.paragraph[last[0]] > self.inherit_paragraphs:
            return None
        return self._introduced(view, last[2].speaker)

