"""What a batch knows about its sources: template furniture lines and the order of slash dates.

A batch is read twice: a first pass (learn_profile) counts, per source, the lines of its articles
(pipeline/furniture.py: TemplateLearner) and the slash dates of their `published` values
(pipeline/published.py: DateOrderLearner); the second pass extracts with the BatchProfile it
learnt. The first pass keeps counts only, for at most TemplateLearner.max_articles articles per
source, so memory stays bounded on an archive of any size. It reads every input, also the
articles that `--resume` then skips, so that a resumed run uses the same profile as a whole one;
each `--workers` process gets the same profile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from pipeline.furniture import TemplateLearner, Templates
from pipeline.io.readers import Article, ReadError
from pipeline.published import DateOrderLearner, Order, Published, PublishedError, read_published


def source_of(article: Article) -> str | None:
    """The source an article's templates and date order are learnt for: its outlet, else the
    host of its URL, else None (all such articles together)."""
    if article.outlet:
        return article.outlet
    if article.url:
        return urlsplit(article.url).hostname or None
    return None


@dataclass
class BatchProfile:
    """templates: furniture lines per source; date_orders: slash-date order per source;
    forced_order: the order given by the user (--date-order), which wins over the inferred one;
    items: the articles and read errors of the pass (what a progress bar over the batch counts)."""

    templates: Templates = field(default_factory=Templates)
    date_orders: dict[str | None, Order] = field(default_factory=dict)
    forced_order: Order | None = None
    items: int = 0

    def template_lines(self, article: Article) -> frozenset[str]:
        return self.templates.for_outlet(source_of(article))

    def published(self, article: Article) -> Published | None:
        """The article's publication date read in its source's order (None when it has none
        or its value was unreadable; the reader has warned about that)."""
        raw = article.published_raw
        order = self.forced_order or self.date_orders.get(source_of(article))
        if raw is not None:
            try:
                return read_published(raw, order)
            except PublishedError:
                return None
        return Published(article.published) if isinstance(article.published, date) else None


    def apply(self, article: Article) -> None:
        """Read the article's `published` again in its source's order, and note that order."""
        published = self.published(article)
        if published is not None:
            article.published, article.published_order = published.date, published.order


def learn_profile(articles: Iterable, *, templates: bool = True, date_order: Order | None = None) -> BatchProfile:
    """The BatchProfile of a batch, from one pass over its articles.

    articles: Articles (other items, such as ReadErrors, are skipped); templates: learn template
    lines (False: none); date_order: force this order for every source instead of inferring it.
    """
    lines, orders = TemplateLearner(), DateOrderLearner()
    items = 0
    for article in articles:
        items += isinstance(article, (Article, ReadError))
        if not isinstance(article, Article):
            continue
        source = source_of(article)
        if templates:
            lines.add(source, article.text)
        orders.add(source, article.published_raw)
    return BatchProfile(templates=lines.templates(), date_orders=orders.orders(), forced_order=date_order,
                        items=items)
