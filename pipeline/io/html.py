"""HTML pages to article text and metadata, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


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
    )


def is_navigation(text: str) -> bool:
    """True when every line is a menu: items of at most three words between separators
    ("Home | News"), with at least one separator in the text."""
    lines = [line for line in text.splitlines() if line.strip()]
    items = [item for line in lines for item in MENU_SEPARATOR.split(f" {line} ")]
    return len(items) > len(lines) and all(len(item.split()) <= 3 for item in items)
