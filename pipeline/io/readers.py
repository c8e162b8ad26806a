"""Read stage: files and folders of .jsonl, .txt and .html into Article objects.

Every input either becomes an Article or a ReadError that says, in one line, what is wrong with
that one article; a batch never stops on a bad input.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pipeline.io.html import HTMLError, html_to_article

SUFFIXES = (".jsonl", ".txt", ".html", ".htm")
# An article is a few kilobytes; anything this large is a dump or a wrong file, not one article
# (and spaCy refuses texts over a million characters).
MAX_ARTICLE_BYTES = 1_000_000
JSONL_FIELDS = ("id", "text", "title", "published", "url", "outlet")
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
# Lone UTF-16 surrogates ("\\ud800" in JSON) are no characters: no file can be written with them.
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Article:
    """One raw article and what its source says about it."""

    text: str
    id: str
    source_path: str | None = None
    source_line: int | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    meta: dict = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)


@dataclass
class ReadError:
    """An input that could not become an article, with a one-line reason."""

    source_path: str
    source_line: int | None
    message: str
    id: str | None = None


class InputError(ValueError):
    """Raised for an input that cannot become an article; the message is shown to the user."""


def stable_id(source: str, text: str) -> str:
    """A short id that stays the same for the same source and text."""
    return hashlib.sha1(f"{source}\n{text}".encode("utf-8")).hexdigest()[:16]


def replace_surrogates(value, replaced: list[int] | None = None):
    """`value` (a string, or JSON data holding strings) with each lone surrogate replaced by
    U+FFFD; the number of replacements is appended to `replaced` when given."""
    if isinstance(value, str):
        value, count = SURROGATE.subn("\ufffd", value)
        if replaced is not None and count:
            replaced.append(count)
        return value
    if isinstance(value, dict):
        return {replace_surrogates(k, replaced): replace_surrogates(v, replaced) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_surrogates(v, replaced) for v in value]
    return value


def surrogate_warnings(replaced: list[int]) -> list[dict]:
    """The warning for an article whose input held lone surrogates (none when it held none)."""
    if not replaced:
        return []
    return [{"code": "surrogates_replaced", "message": f"{sum(replaced)} lone surrogate(s) replaced by U+FFFD"}]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, else cp1252, else latin-1; refuse binary data.

    Returns (text, encoding used). Raises InputError for empty or binary input.
    """
    if not data.strip():
        raise InputError("empty input")
    if b"\x00" in data[:8192]:
        raise InputError("binary data (NUL bytes), not text")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
        if controls > 0.05 * min(len(text), 8192):
            raise InputError("binary data (control characters), not text")
        return text, encoding.replace("-sig", "")
    raise InputError("undecodable bytes")  # unreachable: latin-1 decodes everything


SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\b")


def parse_published(value) -> date | None:
    """A publication date from an ISO date or datetime string, or a D/M/YYYY or M/D/YYYY one.

    Slash dates are read day first (the Indonesian order) unless only month first is possible
    ("10/20/2025"). Returns None for None or "". Raises InputError for anything else.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be a date string, got {value!r}")
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    match = SLASH_DATE.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        day, month = (second, first) if first <= 12 < second else (first, second)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise InputError(f"'published' is not a date: {value!r}")


def _check_size(size: int) -> None:
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"too large for one article ({size:,} bytes; limit {MAX_ARTICLE_BYTES:,})")


def article_from_json(obj, source_path: str, line: int | None) -> Article:
    """Build an Article from one decoded JSON object of the .jsonl input format."""
    if not isinstance(obj, dict):
        raise InputError("a line must be a JSON object")
    replaced: list[int] = []
    obj = replace_surrogates(obj, replaced)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("missing 'text' (a string)")
    if not text.strip():
        raise InputError("empty 'text'")
    _check_size(len(text.encode("utf-8")))
    article_id = obj.get("id")
    warnings = surrogate_warnings(replaced)
    try:
        published = parse_published(obj.get("published"))
    except InputError as error:
        # A bad date is not worth losing the article for: keep it, say so, leave the date out.
        published = None
        warnings.append({"code": "published_invalid", "message": str(error)})
    return Article(
        text=text,
        id=str(article_id) if article_id not in (None, "") else stable_id(f"{source_path}:{line}", text),
        source_path=source_path,
        source_line=line,
        title=obj.get("title") or None,
        published=published,
        url=obj.get("url") or None,
        outlet=obj.get("outlet") or None,
        meta={k: v for k, v in obj.items() if k not in JSONL_FIELDS},
        warnings=warnings,
    )


def read_jsonl(path: Path) -> Iterator[Article | ReadError]:
    """One Article (or ReadError) per non-blank line of a .jsonl file."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            obj = None
            try:
                obj = json.loads(decode(raw)[0])
                yield article_from_json(obj, str(path), number)
            except json.JSONDecodeError as error:
                yield ReadError(str(path), number, f"invalid JSON: {error.msg} at column {error.colno}")
            except InputError as error:
                # The line's own id, when it has one, names the failed article in the errors file.
                article_id = obj.get("id") if isinstance(obj, dict) else None
                yield ReadError(str(path), number, str(error), None if article_id is None else str(article_id))


def read_text_file(path: Path) -> Article:
    """A .txt or .html file as one Article; raises InputError when it cannot be one."""
    _check_size(path.stat().st_size)
    text, encoding = decode(path.read_bytes())
    article = Article(text=text, id=stable_id(str(path), text), source_path=str(path))
    if path.suffix.lower() in (".html", ".htm"):
        page = html_to_article(text)
        article.text, article.title, article.url, article.outlet = page.text, page.title, page.url, page.outlet
        article.published = page.published
    if encoding != "utf-8":
        article.warnings.append({"code": "encoding", "message": f"not UTF-8; decoded as {encoding}"})
    return article


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Input files under the given paths (folders recursively, sorted), with a supported suffix.

    Raises FileNotFoundError for a path that does not exist: that is a usage error, not bad input.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {path}")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def read_articles(paths: Iterable[str | os.PathLike]) -> Iterator[Article | ReadError]:
    """Every article of the given files and folders, in order, or a ReadError in its place."""
    for path in iter_files(paths):
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(path)
            continue
        if suffix not in SUFFIXES:
            yield ReadError(str(path), None, f"unsupported file type {suffix or '(none)'}; use .jsonl, .txt or .html")
            continue
        try:
            yield read_text_file(path)
        except (InputError, HTMLError, OSError) as error:
            yield ReadError(str(path), None, str(error))
