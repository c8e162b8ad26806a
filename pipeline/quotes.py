"""Quotes component: direct and indirect quotes with their cue ("who said what").

Direct quotes are the text between quote marks (“...”, "...", and the broken forms of news pages:
” used as opening mark, a missing closing mark at the end of a paragraph, a quote reopened on each
paragraph of one statement). Marks are paired inside a paragraph only, so an odd number of marks
costs at most one paragraph. Indirect quotes are reported clauses around a cue: "X mengatakan
(bahwa) ...", "Menurut X, ...", "Menurutnya, ...", "..., kata X.", "Dijelaskan X, ...".

This module finds the quotes and where their speaker is named; pipeline/speakers.py says who that
is. Vocabularies (cue words, pronouns, ...) are in data/quote_cues.txt. Writes doc._.quotes and
the span groups doc.spans["quote_cues"] and doc.spans["quote_speakers"].
"""

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.doc import to_plain
from pipeline.quote_view import (
    CLAUSE_PUNCT,
    CLITIC,
    INNER_END,
    OPENING_ONLY,
    ORGANISATIONS,
    PERSON,
    QUOTE_MARKS,
    SENTENCE_END,
    DocView,
    vocabulary,
    vocabulary_lines,
)
from pipeline.names import describes_person
from pipeline.speakers import Speaker, SpeakerResolver

# The span groups of the quotes' cues and speaker mentions; a span's id_ is its quote's id.
CUES = "quote_cues"
SPEAKERS = "quote_speakers"


@dataclass
class Quote:
    """One quote; offsets are character offsets into doc.text.

    id: "q1", "q2" ... in text order. type: "direct" or "indirect". text: the quoted or reported
    content only (no marks, cue, speaker or "bahwa"). speaker: canonical name or None.
    speaker_id: the speaker's entity id or None. cue: the cue word(s) as written or None.
    Where the cue and the speaker mention stand (the mention the quote points to, e.g. "Hery") are
    Spans of doc.spans[CUES] and doc.spans[SPEAKERS] whose id_ is the quote's id.
    """

    id: str
    type: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_id: str | None
    cue: str | None


@dataclass
class Candidate:
    """A quote found before speakers are resolved (token offsets; end exclusive).

    speaker_ref says where the speaker is: ("window", start, end, prefer_last) for a phrase to
    search, ("described", start, end) for a subject that describes its speaker ("mantan Dirut X
    itu"), ("pronoun",) for a clitic or pronoun, ("inherit",) for the speaker of the previous quote.
    unclosed: a direct quote that ran to its paragraph end without a closing mark.
    """

    type: str
    start: int
    end: int
    cue: tuple[int, int] | None
    speaker_ref: tuple
    unclosed: bool = False
    speaker: Speaker | None = None

    @property
    def anchor(self) -> int:
        """Where the attribution is made: the cue, else the quote start."""
        return self.cue[0] if self.cue else self.start



class QuoteFinder:
    """The `berita_quotes` component: `find_quotes(doc)` (quotes, then their speakers by
    speakers.SpeakerResolver) and `set_annotations(doc, candidates)`.

    min_indirect_tokens: shortest reported clause kept as an indirect quote.
    min_uncued_tokens: shortest direct quote kept when no cue attributes it (shorter ones are
        usually scare quotes around a term).
    inherit_paragraphs, min_short_name: options of speakers.SpeakerResolver.
    speaker_window: most tokens searched for a speaker after a cue.
    max_preamble: most tokens of a phrase such as "kepada wartawan," skipped after a cue verb.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "berita_quotes",
        min_indirect_tokens: int = 3,
        min_uncued_tokens: int = 4,
        inherit_paragraphs: int = 2,
        speaker_window: int = 12,
        max_preamble: int = 7,
        min_short_name: int = 4,
    ):
        self.name = name
        self.min_indirect_tokens = min_indirect_tokens
        self.min_uncued_tokens = min_uncued_tokens
        self.speaker_window = speaker_window
        self.max_preamble = max_preamble
        self.speakers = SpeakerResolver(inherit_paragraphs=inherit_paragraphs, min_short_name=min_short_name)
        v = vocabulary()
        self.v = v
        self.inverted = v["inverted"]
        self.clitic_cues = frozenset(w + CLITIC for w in v["inverted"] | v["according"])
        self.verbs = v["verbs"]
        self.passive = v["passive"]
        self.according = v["according"]
        self.pronouns = v["pronouns"]
        self.anaphors = frozenset(vocabulary_lines()["anaphors"])
        # Every word an indirect quote can start at (see _indirect_at): the others are skipped.
        self.cue_words = self.verbs | self.passive | self.according | self.inverted | self.clitic_cues

    def __call__(self, doc: Doc) -> Doc:
        view = DocView(doc)
        self.set_annotations(doc, self.find_quotes(doc, view), view)
        return doc

    # --- finding ---------------------------------------------------------------------------
    def find_quotes(self, doc: Doc, view: DocView | None = None) -> list[Candidate]:
        """All quotes of a Doc with resolved speakers, in text order.

        doc: a Doc whose entities (doc.ents, doc._.entities) are set or absent.
        view: the Doc's DocView when the caller has made it.
        Returns the Candidates (token offsets) that `set_annotations` turns into Quotes.
        """
        view = DocView(doc) if view is None else view
        direct = self.find_direct(view)
        used = [False] * len(doc)
        for q in direct:
            for i in range(q.start, q.end):
                used[i] = True
            if q.cue:
                for i in range(*q.cue):
                    used[i] = True
        quotes = direct + self.find_indirect(view, used)
        self.speakers.resolve(view, quotes)
        return sorted(quotes, key=lambda q: q.start)

    def _marks(self, view: DocView) -> list[list[int]]:
        """Indices of quote-mark tokens, grouped by paragraph."""
        groups: dict[int, list[int]] = {}
        for i in view.tokens.positions(QUOTE_MARKS):
            groups.setdefault(view.paragraph[i], []).append(i)
        return [groups[k] for k in sorted(groups)]

    def _paragraph_end(self, view: DocView, i: int) -> int:
        end = i
        doc = view.doc
        while end < len(doc) and view.paragraph[end] == view.paragraph[i] and not view.is_break(end):
            end += 1
        while end > i and view.is_space[end - 1]:
            end -= 1
        return end

    def _paragraph_start(self, view: DocView, i: int) -> int:
        start = i
        while start > 0 and view.paragraph[start - 1] == view.paragraph[i] and not view.is_break(start - 1):
            start -= 1
        return start

    def _closes(self, view: DocView, mark: int) -> bool:
        """A mark that can only be a closing one: after the content's punctuation and before a cue."""
        if view.text[mark] in OPENING_ONLY or mark == 0 or view.text[mark - 1] not in INNER_END:
            return False
        return self._post_cue(view, mark) is not None

    def _opens(self, view: DocView, mark: int) -> bool:
        """A mark that can only be an opening one: after a word or a colon and before a word."""
        doc = view.doc
        if view.text[mark] in OPENING_ONLY:
            return True
        before = doc[mark - 1] if mark else None
        after = doc[mark + 1] if mark + 1 < len(doc) else None
        return (
            before is not None and after is not None and not after.is_punct and not after.is_space
            and (before.text == ":" or (before.is_alpha and before.lower_ not in self.inverted))
        )

    def pair_marks(self, view: DocView) -> list[tuple[int, int, bool]]:
        """Quote spans (content start, content end, unclosed) from the marks of each paragraph.

        Marks alternate open/close, whatever their glyph, except where the context settles it:
        a mark before a cue closes a quote (the opening mark may be missing: the quote then
        starts at the paragraph start or after the previous quote), a mark after a word opens
        one (the previous quote then ended without its closing mark), and a quote still open at
        the paragraph end ends there.
        """
        spans = []
        for marks in self._marks(view):
            open_at = None
            last_close = None
            for mark in marks:
                if open_at is None:
                    if self._closes(view, mark):
                        start = last_close + 1 if last_close is not None else self._paragraph_start(view, mark)
                        spans.append((start, mark, False))
                        last_close = mark
                    else:
                        open_at = mark
                elif self._opens(view, mark) and not self._closes(view, mark):
                    spans.append((open_at + 1, self._content_end(view, open_at, mark), True))
                    open_at = mark
                else:
                    spans.append((open_at + 1, mark, False))
                    open_at, last_close = None, mark
            if open_at is not None:
                spans.append((open_at + 1, self._paragraph_end(view, open_at), True))
        return [(s, e, u) for s, e, u in spans if e > s]

    def _content_end(self, view: DocView, open_at: int, next_mark: int) -> int:
        """End of an unclosed quote interrupted by a new opening mark: the last sentence end."""
        for i in range(next_mark - 1, open_at, -1):
            if view.text[i] in SENTENCE_END:
                return i + 1
        return next_mark

    def find_direct(self, view: DocView) -> list[Candidate]:
        """Direct quotes with their cue and speaker reference (speakers not yet resolved)."""
        doc = view.doc
        found: list[Candidate] = []
        for start, end, unclosed in self.pair_marks(view):
            close = end if end < len(doc) and view.text[end] in QUOTE_MARKS else None
            attribution = self._post_cue(view, close) if close is not None else None
            if attribution is None and start > 0 and view.text[start - 1] in QUOTE_MARKS:
                attribution = self._pre_cue(view, start - 1)
            content_start, content_end = self._trim(view, start, end)
            if content_end <= content_start:
                continue
            if attribution is None:
                if not self._stands_alone(view, start, content_end - content_start):
                    continue
                cue, ref = None, ("inherit",)
            else:
                cue, ref = attribution
            found.append(Candidate("direct", content_start, content_end, cue, ref, unclosed))
        return self._merge_continued(view, found)

    def _trim(self, view: DocView, start: int, end: int) -> tuple[int, int]:
        while start < end and (view.is_space[start] or view.text[start] in QUOTE_MARKS):
            start += 1
        while end > start and (view.is_space[end - 1] or view.text[end - 1] in QUOTE_MARKS):
            end -= 1
        return start, end

    def _stands_alone(self, view: DocView, start: int, length: int) -> bool:
        """A quote without cue counts when it opens a sentence (not a term quoted mid-sentence)."""
        i = start - 2  # the token before the opening mark
        while i >= 0 and view.is_space[i] and not view.is_break(i):
            i -= 1
        opens_sentence = i < 0 or view.is_break(i) or view.text[i] in SENTENCE_END or view.text[i] == ":"
        return opens_sentence and length >= self.min_uncued_tokens

    def _merge_continued(self, view: DocView, quotes: list[Candidate]) -> list[Candidate]:
        """Join a quote left open at its paragraph end with the quote opening the next paragraph:
        one statement reopened on each paragraph."""
        merged: list[Candidate] = []
        for q in quotes:
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and previous.unclosed
                and view.paragraph[q.start] == view.paragraph[previous.end - 1] + 1
                and q.start == self._paragraph_start(view, q.start) + 1
            ):
                previous.end, previous.unclosed = q.end, q.unclosed
                if previous.cue is None:
                    previous.cue, previous.speaker_ref = q.cue, q.speaker_ref
                continue
            merged.append(q)
        return merged

    def _post_cue(self, view: DocView, close: int) -> tuple[tuple[int, int], tuple] | None:
        """The cue after a closing mark: “...,” kata X / katanya / Hery menambahkan / diungkapkan
        oleh X. Returns ((cue start, cue end), speaker reference) or None."""
        doc = view.doc
        i = close + 1
        if i < len(doc) and view.text[i] == ",":
            i += 1
        if i >= len(doc) or view.paragraph[i] != view.paragraph[close]:
            return None
        word = view.lower[i]
        if word in self.clitic_cues:
            return (i, i + 1), ("pronoun",)
        if word in self.inverted or word in self.verbs or word in self.passive:
            return (i, i + 1), self._agent_ref(view, i + 1)
        # “...,” Hery menambahkan.
        for j in range(i, min(i + 6, len(doc))):
            if view.lower[j] in self.verbs or view.lower[j] in self.inverted:
                subject_end = self._subject_end(view, j) if j > i else None
                return ((j, j + 1), ("window", i, subject_end, True)) if subject_end else None
            if not (view.text[j][:1].isupper() or view.lower[j] in self.pronouns or view.mention_at[j]):
                return None
        return None

    def _pre_cue(self, view: DocView, mark: int) -> tuple[tuple[int, int], tuple] | None:
        """The cue before an opening mark: Hery mengatakan, “...” / Menurut Hery, “...”."""
        i = mark - 1
        while i >= 0 and (view.text[i] in CLAUSE_PUNCT or view.lower[i] in self.v["complementisers"]):
            i -= 1
        if i < 0 or view.paragraph[i] != view.paragraph[mark]:
            return None
        subject_end = self._subject_end(view, i) if view.lower[i] in self.verbs else None
        if subject_end is not None:
            return (i, i + 1), self._subject_ref(view, view.sentence_bounds(i)[0], subject_end)
        if view.lower[i] in self.clitic_cues and view.lower[i][: -len(CLITIC)] in self.according:
            return (i, i + 1), ("pronoun",)
        # Kata Budi, “...” / Menurut Budi, “...”: a cue opening the clause, the speaker up to the comma.
        start = view.sentence_bounds(i)[0]
        if view.lower[start] in self.inverted or view.lower[start] in self.according:
            if start + 1 <= i and view.text[i + 1] == ",":
                return (start, start + 1), ("window", start + 1, i + 1, False)
        return None

    def _window_end(self, view: DocView, start: int) -> int:
        """End of the speaker phrase after a cue: at a sentence end, a quote mark or a stop word.
        A phrase opening with a name or title ("kata Kepala KPP Pratama Klaten, Veronica Heryanti,
        kepada ...") also ends at its first lower-case word; one opening with a description
        ("kata salah satu pengemudi ojol asal Genuk, Wawan (35)") runs on to the name."""
        doc = view.doc
        end = start
        stops = self.v["speaker_stops"]
        named = start < len(doc) and (view.text[start][:1].isupper() or view.lower[start] in self.pronouns)
        while end < len(doc) and end - start < self.speaker_window:
            text = view.text[end]
            if text == "(" and end + 2 < len(doc) and view.text[end + 2] == ")" and doc[end + 1].is_upper:
                end += 3  # an acronym inside the title: Jaksa Penuntut Umum (JPU) Tegar Djati Kusuma
                continue
            if text in SENTENCE_END or text in QUOTE_MARKS or view.is_space[end] or text in (";", "("):
                break
            if text.islower() and (view.lower[end] in stops or (named and end > start)):
                break
            if text == "," and named and not self._appositive_follows(view, end):
                break
            end += 1
        while end > start and view.text[end - 1] == ",":
            end -= 1
        return end

    def _appositive_follows(self, view: DocView, comma: int) -> bool:
        """True when a comma inside a speaker phrase is followed by the speaker's name ("kata
        Kepala KPP Pratama Klaten, Veronica Heryanti, kepada ...") rather than by the reported
        clause ("lanjut Syarifah, Pemkot Bogor masih ...")."""
        doc = view.doc
        end = comma + 1
        while end < len(doc) and (view.mention_at[end] or (doc[end].is_alpha and view.text[end][:1].isupper())):
            end += 1
        labels = {view.mention_at[k][2] for k in range(comma + 1, end) if view.mention_at[k]}
        if PERSON in labels:
            return True
        if labels or end == comma + 1:
            return False
        if end >= len(doc):
            return True
        after = view.text[end]
        return after in SENTENCE_END or after in (",", "(") or view.lower[end] in self.v["speaker_stops"]

    def _subject_end(self, view: DocView, verb: int) -> int | None:
        """End of the speaker phrase before a cue verb (adverbs such as "juga" skipped), or None
        when the words before the verb cannot name a speaker: they must end in a named entity, a
        pronoun or a capitalised word."""
        doc = view.doc
        i = verb - 1
        while i >= 0 and (view.lower[i] in self.v["adverbs"] or view.text[i] == ","):
            i -= 1
        end = i + 1
        if i >= 2 and view.text[i] == ")" and view.text[i - 2] == "(":
            i -= 3  # "Kementerian Perdagangan (Kemendag) mencatat": the acronym after the subject
        if i < 0 or view.sentence[i] != view.sentence[verb]:
            return None
        token = doc[i]
        mention = view.mention_at[i]
        if mention is not None:
            named = mention[2] == PERSON or mention[2] in ORGANISATIONS
        elif token.lower_ in self.v["first_person"]:
            named = False  # "Kita berharap ...": speech inside a quote, not a new speaker
        elif token.text.islower() and token.lower_ not in self.pronouns and self.speakers.by_role(view, i, i + 1):
            named = True  # "jaksa menilai": a title in lower case names the one person with that role
        elif self._describes_subject(view, i):
            named = True  # "Vatikan yang hendak ke Kendal itu mengaku", "Si anak mengaku"
        elif token.text.islower() and token.lower_ not in self.pronouns:
            named = False
        else:
            named = token.lower_ in self.pronouns or (token.text[:1].isupper() and token.is_alpha)
        return end if named else None

    def _describes_subject(self, view: DocView, i: int) -> bool:
        """True when token i closes a subject that describes its speaker instead of naming them:
        a noun phrase ending in "itu"/"ini" after other words, or a person noun ("Si anak")."""
        word = view.lower[i]
        if word in self.v["demonstratives"]:
            return i > view.sentence_bounds(i)[0]
        return describes_person(word)

    def _subject_ref(self, view: DocView, sentence_start: int, subject_end: int) -> tuple:
        """The speaker reference of a subject before a cue verb: a phrase to search, or a
        described subject ("mantan Dirut X itu") that may point back to an earlier person."""
        if self._describes_subject(view, subject_end - 1) and not self.speakers.by_role(view, subject_end - 1, subject_end):
            return ("described", sentence_start, subject_end)
        return ("window", sentence_start, subject_end, True)

    def find_indirect(self, view: DocView, used: list[bool]) -> list[Candidate]:
        """Indirect quotes around cues in text not taken by direct quotes or their cues."""
        found: list[Candidate] = []
        after_found = 0  # a found quote's tokens are not looked at again
        for i in view.tokens.positions(self.cue_words, lower=True):
            candidate = None if i < after_found or used[i] else self._indirect_at(view, i, used)
            if candidate is not None:
                found.append(candidate)
                for k in range(min(candidate.start, candidate.anchor), candidate.end):
                    used[k] = True
                after_found = candidate.end
        return found

    def _indirect_at(self, view: DocView, i: int, used: list[bool]) -> Candidate | None:
        """The indirect quote whose cue is token i (a word of self.cue_words), or None."""
        doc = view.doc
        word = view.lower[i]
        sent_start, sent_end = view.sentence_bounds(i)
        subject_end = self._subject_end(view, i) if word in self.verbs else None
        if subject_end is not None:
            start = self._clause_start(view, i + 1, sent_end)
            ref = self._subject_ref(view, sent_start, subject_end)
            if self._reports_nothing(view, start, sent_end):
                return None
            return self._indirect(view, start, sent_end, (i, i + 1), ref, used)
        if word in self.passive and i != sent_start:
            return self._anaphoric_indirect(view, i, sent_start, used)
        if word in self.according or word in self.passive or (word in self.inverted and i == sent_start):
            # Menurut Hery, ... / Dijelaskan Veronica, ... / Kata Achmad, ...: the speaker runs to the comma.
            comma = next((k for k in range(i + 1, min(i + self.speaker_window, sent_end)) if view.text[k] == ","), None)
            if comma is None or comma == i + 1:
                return None
            ref = ("window", i + 1, comma, False)
            first = doc[i + 1]
            if not (first.text[:1].isupper() or first.lower_ in self.pronouns or view.mention_at[i + 1]):
                return None
            return self._indirect(view, comma + 1, sent_end, (i, i + 1), ref, used)
        if word in self.clitic_cues and word[: -len(CLITIC)] in self.according:
            start = i + 1 + (i + 1 < sent_end and view.text[i + 1] == ",")
            return self._indirect(view, start, sent_end, (i, i + 1), ("pronoun",), used)
        if (word in self.inverted or word in self.clitic_cues) and i > sent_start and view.text[i - 1] == ",":
            return self._inverted_indirect(view, i, sent_start, sent_end, used)
        return None

    def _anaphoric_indirect(self, view: DocView, i: int, sent_start: int, used: list[bool]) -> Candidate | None:
        """"Hal itu disampaikan Endah ...": the previous sentence is what the speaker said."""
        opening = " ".join(word for word in view.lower[sent_start:i] if word not in self.v["adverbs"])
        if opening not in self.anaphors:
            return None
        previous = sent_start - 1
        while previous >= 0 and view.is_space[previous]:
            previous -= 1
        if previous < 0:
            return None
        start, end = view.sentence_bounds(previous)
        return self._indirect(view, start, end, (i, i + 1), self._agent_ref(view, i + 1), used)

    def _agent_ref(self, view: DocView, after: int) -> tuple:
        """The speaker reference of the words after a cue (`after` is the first of them): "oleh
        X" and X, or "olehnya", a clitic that points back ("Hal itu diungkapkan olehnya")."""
        doc = view.doc
        if after < len(doc) and view.lower[after] == "oleh" + CLITIC:
            return ("pronoun",)
        after += after < len(doc) and view.lower[after] == "oleh"
        return ("window", after, self._window_end(view, after), False)

    def _inverted_indirect(self, view, i, sent_start, sent_end, used) -> Candidate | None:
        """..., kata Hery. (the clause before the cue) or ..., lanjut Hery, ... (the clause after)."""
        if view.lower[i] in self.clitic_cues:
            ref, window_end = ("pronoun",), i + 1
        else:
            window_end = self._window_end(view, i + 1)
            ref = ("window", i + 1, window_end, False)
            if window_end == i + 1:
                return None
        after = window_end + (window_end < sent_end and view.text[window_end] == ",")
        if after < sent_end - 1 and view.text[window_end] == ",":
            return self._indirect(view, after, sent_end, (i, i + 1), ref, used)
        if any(view.text[k] in QUOTE_MARKS for k in range(sent_start, i)):
            return None
        return self._indirect(view, sent_start, i - 1, (i, i + 1), ref, used)

    def _clause_start(self, view: DocView, i: int, sent_end: int) -> int:
        """First token of the clause reported after a cue verb: skips ",", ":", "bahwa" and a
        preamble such as "kepada wartawan," that ends at a comma."""
        v = self.v
        if i < sent_end and view.lower[i] in v["preamble"]:
            for k in range(i + 1, min(i + self.max_preamble, sent_end)):
                if view.lower[k] in v["purpose"]:
                    break  # berpesan kepada warga agar ...: the object belongs to the clause
                if view.text[k] == ",":
                    i = k + 1
                    break
                if view.lower[k] in v["complementisers"]:
                    i = k
                    break
        while i < sent_end and (view.text[i] in CLAUSE_PUNCT or view.lower[i] in v["complementisers"]
                                or view.lower[i] in v["particles"]):
            i += 1  # also "menegaskan pula ...": a particle of the cue verb
        return i

    def _reports_nothing(self, view: DocView, start: int, end: int) -> bool:
        """True when the object of a cue verb is a noun phrase that states nothing: "menyampaikan
        rasa terima kasihnya", "mengungkapkan hasil pengecekan" (no "bahwa"/"agar" clause in it)."""
        if start >= end or view.lower[start] not in self.v["non_content"]:
            return False
        return not any(view.lower[k] in self.v["complementisers"] or view.lower[k] in self.v["purpose"] for k in range(start, end))

    def _indirect(self, view, start, end, cue, ref, used) -> Candidate | None:
        """An indirect Candidate for the clause [start, end) once trimmed, or None when it is too
        short, overlaps a direct quote or is itself introduced by a quote mark."""
        if start < end and view.text[start] in QUOTE_MARKS:
            return None
        # "..., asalkan, kata dia, kapal itu ...": a new cue inside the clause starts a new quote.
        end = next((k for k in range(start, end - 1) if view.text[k] == "," and self._is_cue(view.lower[k + 1])), end)
        end = self._continue_clause(view, end)
        while end > start and (view.text[end - 1] in SENTENCE_END or view.text[end - 1] in CLAUSE_PUNCT
                               or view.text[end - 1] in QUOTE_MARKS or view.is_space[end - 1]):
            end -= 1
        if end - start < self.min_indirect_tokens or any(used[k] for k in range(start, end)):
            return None
        return Candidate("indirect", start, end, cue, ref)

    def _is_cue(self, word: str) -> bool:
        """A word (in lower case) that introduces a quote of its own: a cue verb, "kata", "menurutnya" ..."""
        return word in self.cue_words

    def _continue_clause(self, view: DocView, end: int) -> int:
        """Extend a clause over the next sentences that continue it ("Yakni ..."), then over one
        more sentence of the paragraph that says what the source said without a voice of its own
        (see _carries_on). Only one: the annotators end an indirect quote at the next sentence
        or run it to the paragraph end about equally often, and on the dev gold taking every
        such sentence won as many quotes as it lost, taking one won four net."""
        end = self._continued_over(view, end)
        start, sentence_end = self._next_sentence(view, end)
        if start is not None and self._carries_on(view, start, sentence_end):
            end = self._continued_over(view, sentence_end)
        return end

    def _continued_over(self, view: DocView, end: int) -> int:
        """End of the clause ending at `end` with the following "Yakni ..." sentences taken in."""
        while True:
            start, sentence_end = self._next_sentence(view, end)
            if start is not None and view.lower[start] in self.v["continuations"]:
                end = sentence_end
            else:
                return end

    def _next_sentence(self, view: DocView, end: int) -> tuple[int | None, int]:
        """(start, end) of the sentence after the one ending at `end` in the same paragraph, or (None, end)."""
        doc = view.doc
        k = end
        while k < len(doc) and (view.is_space[k] or view.text[k] in SENTENCE_END) and not view.is_break(k):
            k += 1
        if k >= len(doc) or view.is_break(k) or view.paragraph[k] != view.paragraph[end - 1]:
            return None, end
        return k, view.sentence_bounds(k)[1]

    def _carries_on(self, view: DocView, start: int, end: int) -> bool:
        """True when the sentence doc[start:end] goes on with the reported content: no cue, no
        quote mark, and no person or pronoun as its subject ("Ia juga ...": the narrator again)."""
        if any(self._is_cue(view.lower[k]) or view.text[k] in QUOTE_MARKS for k in range(start, end)):
            return False
        first = view.lower[start]
        mention = view.mention_at[start]
        return first not in self.pronouns and first not in self.v["first_person"] \
            and not (mention and mention[2] == PERSON)

    # --- writing ---------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, candidates: list[Candidate], view: DocView | None = None) -> None:
        """Write doc._.quotes (Quotes as plain dicts, ids in text order) and the spans of their
        cues and speakers (doc.spans[CUES], doc.spans[SPEAKERS]) from found Candidates; the
        texts and offsets are read from the Doc's DocView (view, when the caller has made it)."""
        view = DocView(doc) if view is None else view
        quotes, cues, speakers = [], [], []
        for n, c in enumerate(candidates, start=1):
            quote_id = f"q{n}"
            s = c.speaker
            if c.cue:
                cues.append(Span(doc, c.cue[0], c.cue[1], label="CUE", span_id=quote_id))
            if s is not None and s.start is not None:
                speakers.append(Span(doc, s.start, s.end, label=s.type, span_id=quote_id))
            quotes.append(
                Quote(
                    id=quote_id,
                    type=c.type,
                    text=view.tokens.span_text(c.start, c.end),
                    start=view.tokens.idx[c.start],
                    end=view.tokens.end_char(c.end),
                    speaker=s.name if s else None,
                    speaker_id=s.id if s else None,
                    cue=view.tokens.span_text(*c.cue) if c.cue else None,
                )
            )
        doc._.quotes = [to_plain(quote) for quote in quotes]
        doc.spans[CUES] = cues
        doc.spans[SPEAKERS] = speakers


@Language.factory(
    "berita_quotes",
    default_config={
        "min_indirect_tokens": 3,
        "min_uncued_tokens": 4,
        "inherit_paragraphs": 2,
        "speaker_window": 12,
        "max_preamble": 7,
        "min_short_name": 4,
    },
    requires=["token.is_sent_start", "doc.ents", "doc._.entities"],
    assigns=["doc._.quotes", "doc.spans"],
)
def make_quote_finder(
    nlp: Language,
    name: str,
    min_indirect_tokens: int,
    min_uncued_tokens: int,
    inherit_paragraphs: int,
    speaker_window: int,
    max_preamble: int,
    min_short_name: int,
) -> QuoteFinder:
    return QuoteFinder(
        nlp, name, min_indirect_tokens, min_uncued_tokens, inherit_paragraphs, speaker_window, max_preamble, min_short_name
    )
