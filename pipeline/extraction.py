"""The whole path for one article: clean -> nlp -> extractors -> record.

`extract(text, **meta)` is the Python entry point; `Extractor` keeps one loaded pipeline for many
articles and isolates the failure of one article from the others.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import islice
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.dates  # noqa: F401  (the imports register the component factories)
import pipeline.entities  # noqa: F401
import pipeline.facts  # noqa: F401
import pipeline.quotes  # noqa: F401
from pipeline import __version__
from pipeline.clean import CleanText, clean
from pipeline.doc import add_warning
from pipeline.dates import DateMention, find_dates
from pipeline.furniture import Templates
from pipeline.io.readers import Article, replace_surrogates, stable_id, surrogate_warnings
from pipeline.profile import source_of
from pipeline.published import read_published
from pipeline.limits import ArticleTimeout, Limits, time_budget
from pipeline.nlp import DEFAULT_NER_MODEL, build_nlp, keep_freed_memory, one_blas_thread
from pipeline.record import Record

EXTRACTORS = ("berita_entities", "berita_dates", "berita_quotes", "berita_facts")
# Articles per spaCy batch: 32 measured a little faster than 16, 64 or 256 (benchmarks/speed.py).
DEFAULT_BATCH_SIZE = 32


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` items (the last one shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class ArticleError(Exception):
    """An article that could not be processed; the message says why, in one line."""


def internal_error(error: Exception) -> ArticleError:
    """A bug met while processing one article, as that article's error."""
    return ArticleError(f"internal error in the pipeline: {type(error).__name__}: {error}")


def truncate(text: str, max_chars: int) -> str:
    """The text cut to at most max_chars, after the last whitespace of its final 1,000 characters
    when there is one (a word is not cut in two)."""
    cut = text[:max_chars]
    tail = max(0, max_chars - 1000)
    space = max(cut.rfind(" ", tail), cut.rfind("\n", tail))
    return cut[:space] if space > 0 else cut


def build_pipeline(ner_model: str | Path | None = DEFAULT_NER_MODEL, stanza_dir: str | Path | None = None) -> Language:
    """berita's full spaCy pipeline: build_nlp() (see there for the arguments) followed by the four extractors."""
    nlp = build_nlp(ner_model, stanza_dir)
    for name in EXTRACTORS:
        nlp.add_pipe(name)
    return nlp


def infer_published(text: str) -> DateMention | None:
    """The first complete written date ("Senin (28/9/2020)") of a cleaned text, for an article
    whose source gives no publication date; the dates component then resolves relative and
    year-less dates against it."""
    for mention in find_dates(text):
        if mention.value and len(mention.value) == 10 and re.search(r"\d{4}", mention.text):
            return mention
    return None


def build_record(article: Article, cleaned: CleanText, doc: Doc, nlp: Language) -> Record:
    """Assemble the output record of one processed article."""
    meta = nlp.meta  # read once: Language.meta builds a new dict of the pipeline's labels at each read
    models = {"spacy": spacy.__version__, "ner": meta.get("ner_model", "rules only")}
    if "stanza_model" in meta:
        models["stanza"] = meta["stanza_model"]
    return Record.model_validate(
        {
            "id": article.id,
            "source": {"path": article.source_path, "line": article.source_line, "url": article.url},
            "title": article.title or cleaned.title,
            "outlet": article.outlet or (cleaned.dateline.outlet if cleaned.dateline else None),
            "published": doc._.published,
            "published_order": article.published_order,
            "dateline": cleaned.dateline,
            "authors": cleaned.authors or ([article.meta["author"]] if isinstance(article.meta.get("author"), str) else []),
            "text": cleaned.text,
            "removed": cleaned.removed,
            "repairs": [*cleaned.repairs, *(doc._.word_splits or ())],
            "entities": doc._.entities or [],
            "dates": doc._.dates or [],
            "quotes": doc._.quotes or [],
            "facts": doc._.facts or [],
            "warnings": [*article.warnings, *(doc._.warnings or ())],
            "meta": article.meta,
            "pipeline": {"version": __version__, "models": models},
        }
    )


class Extractor:
    """A loaded berita pipeline that turns Articles into Records.

    ner_model: folder of the trained NER (default models/ner-id; None for rules only).
    batch_size: articles per spaCy batch.
    stanza_dir: folder of the optional stanza models (default None: without stanza).
    limits: the longest text kept and the time budget of one article (default: 1,000,000
        characters, no time limit; `berita extract` sets --timeout-per-article).
    templates: the template furniture lines learnt from the batch (pipeline/profile.py), or None.
    Loading it calls gc.freeze(): what the process holds by then stays out of the garbage
    collector's full collections (a whole bench run 48.2 -> 44.8 s); and keep_freed_memory()
    (pipeline/nlp.py): glibc reuses the memory of one batch's arrays for the next.
    """

    def __init__(self, ner_model: str | Path | None = DEFAULT_NER_MODEL, batch_size: int = DEFAULT_BATCH_SIZE,
                 stanza_dir: str | Path | None = None, limits: Limits = Limits(), templates: Templates | None = None):
        self.nlp = build_pipeline(ner_model, stanza_dir)
        self.nlp.max_length = max(self.nlp.max_length, limits.max_chars)
        self.batch_size = batch_size
        self.limits = limits
        self.templates = templates or Templates()
        # The models, vocabularies and gazetteers live as long as the pipeline: out of the garbage
        # collector's sight, its full collections no longer walk their objects again and again.
        gc.freeze()
        keep_freed_memory()

    def prepare(self, article: Article) -> tuple[CleanText, Doc]:
        """The cleaned text of an article and its Doc, tokenized, with doc._.published and the
        warnings so far set, before any component has run (`self.nlp(doc)` runs them; then
        build_record). Raises ArticleError when no text is left after cleaning."""
        return self.to_doc(article, self.clean(article))

    def clean(self, article: Article) -> CleanText:
        """The article's text without page furniture and noise (pipeline.clean), its title,
        dateline and authors. Raises ArticleError when no text is left."""
        cleaned = clean(article.text, title=article.title, templates=self.templates.for_outlet(source_of(article)))
        if not cleaned.text.strip():
            raise ArticleError("no article text left after removing page furniture")
        return cleaned

    def to_doc(self, article: Article, cleaned: CleanText) -> tuple[CleanText, Doc]:
        """The cleaned text cut at limits.max_chars, and its tokenized Doc with doc._.published and
        the warnings so far set."""
        length = len(cleaned.text)
        if length > self.limits.max_chars:
            cleaned = replace(cleaned, text=truncate(cleaned.text, self.limits.max_chars))
        doc = self.nlp.make_doc(cleaned.text)
        doc._.published = article.published.isoformat() if article.published else None
        if article.published is None and (written := infer_published(cleaned.text)):
            doc._.published = written.value
            add_warning(doc, "published_inferred", f"no publication date given; taken from {written.text!r}")
        if length > self.limits.max_chars:
            add_warning(doc, "truncated", f"the text ({length:,} characters) was cut after {len(doc.text):,} (--max-chars)")
        return cleaned, doc

    def __call__(self, article: Article) -> Record:
        """Process one article; raises ArticleError when it cannot be processed."""
        cleaned, doc = self.prepare(article)
        with one_blas_thread():
            doc = self.nlp(doc)
        return build_record(article, cleaned, doc, self.nlp)

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Record | ArticleError]]:
        """Process articles in batches; yields (article, record or error) in input order."""
        for batch in chunked(articles, self.batch_size):
            yield from self._process_batch(batch)

    def _process_batch(self, batch: list[Article]) -> Iterator[tuple[Article, Record | ArticleError]]:
        try:
            with time_budget(self.limits.timeout):
                results = self._batch_results(batch)
        except Exception:
            # One bad or runaway article must not cost the batch: redo it one by one to find it.
            results = [self._safe_call(article) for article in batch]
        yield from zip(batch, results)

    def _batch_results(self, batch: list[Article]) -> list[Record | ArticleError]:
        prepared: list[tuple[Article, CleanText, Doc]] = []
        results: dict[int, Record | ArticleError] = {}
        for index, article in enumerate(batch):
            try:
                prepared.append((article, *self.prepare(article)))
            except ArticleError as error:
                results[index] = error
            except ArticleTimeout:
                raise  # the batch's time is up: _process_batch redoes it article by article
            except Exception as error:  # a bug in cleaning: report it for this article only
                results[index] = internal_error(error)
        with one_blas_thread():
            docs = list(self.nlp.pipe([doc for _, _, doc in prepared]))
        processed = iter([build_record(a, c, d, self.nlp) for (a, c, _), d in zip(prepared, docs)])
        return [results[index] if index in results else next(processed) for index in range(len(batch))]

    def _safe_call(self, article: Article) -> Record | ArticleError:
        try:
            with time_budget(self.limits.timeout):
                return self(article)
        except ArticleTimeout:
            return ArticleError(f"stopped after {self.limits.timeout:g} s (--timeout-per-article); the batch went on")
        except ArticleError as error:
            return error
        except Exception as error:  # a bug in a component: report it for this article only
            return internal_error(error)


_default_extractor: Extractor | None = None


def extract(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | date | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Record:
    """Extract one article given as text.

    text: the article (raw page text or body); title, published (a date, or a string in any form
        pipeline/published.py reads), url and outlet as known. Returns the Record
        (`.model_dump(mode="json")` for a dict).
    Raises ArticleError when the text holds no article, PublishedError for an unreadable published.
    """
    global _default_extractor
    if _default_extractor is None:
        _default_extractor = Extractor()
    read = read_published(published)
    replaced: list[int] = []
    text, id, title, url, outlet = replace_surrogates([text, id, title, url, outlet], replaced)
    article = Article(
        text=text,
        id=id or stable_id("extract", text),
        title=title,
        published=read.date if read else None,
        published_order=read.order if read else None,
        url=url,
        outlet=outlet,
        warnings=surrogate_warnings(replaced),
    )
    return _default_extractor(article)
