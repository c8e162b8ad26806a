"""HTML pages to article text and metadata, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


# The page's own metadata, where present: (attribute, value) of the <meta> tag per field.
META_TAGS = {
    "author": (("name", "author"), ("property", "article:author")),
    "published": (("property", "article:published_time"), ("name", "pubdate"), ("itemprop", "datePublished")),
}
# Menu separators: "Home | News | Politik", "Beranda » Berita", "Index · Kontak".
MENU_SEPARATOR = re.compile(r"\s[|»·•>/]\s")


class HTMLError(ValueError):
    """The page holds no article text that trafilatura can find."""


@dataclass
class Page:
    """What an HTML page gives: body text (one paragraph a line) and its metadata."""

    text: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    author: str | None = None
    published_raw: str | None = None


def html_to_article(html: str) -> Page:
    """Extract the main text and metadata of one HTML page.

    html: the decoded page. Returns a Page; raises HTMLError when no body text is found (empty or
    malformed markup, a page of navigation only).
    """
    import trafilatura  # here, not at the top: it takes 0.2 s to import, and most inputs are not HTML

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception as error:  # trafilatura/lxml raise many types on broken markup
        raise HTMLError(f"unparsable HTML ({type(error).__name__}: {error})") from None
    if document is None or not (document.text or "").strip():
        raise HTMLError("no article text found in the HTML")
    if is_navigation(document.text):
        raise HTMLError("only navigation links in the HTML, no article text")
    tags = meta_tags(html)
    published = None
    if document.date:
        try:
            published = date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return Page(
        text=document.text,
        title=document.title or None,
        published=published,
        url=document.url or None,
        outlet=document.sitename or None,
        author=tags.get("author") or document.author or None,
        published_raw=tags.get("published"),
    )


def meta_tags(html: str) -> dict[str, str]:
    """The <meta> author and article:published_time (META_TAGS) of a page, where present."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except Exception:  # lxml raises several types on broken markup; trafilatura has read the page
        return {}
    found = {}
    for field, tags in META_TAGS.items():
        for attribute, value in tags:
            content = root.xpath(f"string(//meta[@{attribute}='{value}']/@content)").strip()
            if content:
                found[field] = content
                break
    return found


def is_navigation(text: str) -> bool:
    """True when every line is a menu: items of at most three words between separators
    ("Home | News"), with at least one separator in the text."""
    lines = [line for line in text.splitlines() if line.strip()]
    items = [item for line in lines for item in MENU_SEPARATOR.split(f" {line} ")]
    return len(items) > len(lines) and all(len(item.split()) <= 3 for item in items)
