"""Read stage: files and folders of .jsonl(.gz), .csv/.tsv(.gz), .parquet, .txt and .html into
Article objects.

Every input either becomes an Article or a ReadError that says, in one line, what is wrong with
that one article; a batch never stops on a bad input. Files are read as a stream (a line, a CSV
row, a Parquet batch at a time), so an archive of any size is never held in memory.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pipeline.io.html import HTMLError, html_to_article
from pipeline.published import PublishedError, parse_published
from pipeline.resources import data_sections

# Input format by file suffix; the row formats may also be gzip-compressed (name ending in .gz).
FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".tsv": "tsv", ".parquet": "parquet",
           ".txt": "text", ".html": "html", ".htm": "html"}
COMPRESSIBLE = ("jsonl", "csv", "tsv")
# An article is a few kilobytes: of a larger .txt or .html file only the first 10 MB are read
# (with a warning), so that a dump or a wrong file cannot fill the memory; the extractor cuts
# every text to its own limit (--max-chars), with a warning.
MAX_FILE_BYTES = 10_000_000
ARTICLE_FIELDS = ("text", "title", "id", "published", "url", "outlet")
# Common names of each field's column, in order of preference (pipeline/data/input_columns.txt).
COLUMN_NAMES = data_sections("input_columns.txt")
# csv refuses fields over 128 KiB by default; a longer article is cut by the extractor, and only
# a field over MAX_FILE_BYTES is a bad row.
CSV_FIELD_LIMIT = MAX_FILE_BYTES
# berita's own errors files (`OUT.errors.jsonl`) are never read back as articles.
ERRORS_SUFFIX = ".errors.jsonl"
PARQUET_BATCH_ROWS = 256
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
# Lone UTF-16 surrogates ("\\ud800" in JSON) are no characters: no file can be written with them.
SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters that text does not hold (all below U+0020 but tab, line feed, form feed, CR).
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


@dataclass
class Article:
    """One raw article and what its source says about it."""

    text: str
    id: str
    source_path: str | None = None
    source_line: int | None = None
    title: str | None = None
    published: date | None = None
    # The source's own `published` string, read again by the batch in its source's date order.
    published_raw: str | None = None
    # "DMY" or "MDY": the order a slash date in `published_raw` was read in (set by the batch).
    published_order: str | None = None
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
    text, encoding = decode_bytes(data)
    if not text.strip():  # blanks that only decoding shows: no-break spaces, a lone BOM
        raise InputError("empty input")
    controls = len(CONTROL.findall(text, 0, 8192))
    if controls > 0.05 * min(len(text), 8192):
        raise InputError("binary data (control characters), not text")
    return text, encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (a BOM dropped), else cp1252, else latin-1 (which takes any byte).

    Returns (text, encoding used).
    """
    for encoding in ENCODINGS[:-1]:
        try:
            return data.decode(encoding), encoding.replace("-sig", "")
        except UnicodeDecodeError:
            continue
    return data.decode(ENCODINGS[-1]), ENCODINGS[-1]


@dataclass(frozen=True)
class Columns:
    """Which column (or JSON field) of a row input holds each article field.

    Each attribute is a column name given by the user (`--text-column` ...), or None: then the
    first of the common names in pipeline/data/input_columns.txt that the input has, compared
    case-insensitively (`isi_berita`, `judul`, `tanggal_publikasi`, `content`, `link` ...).
    """

    id: str | None = None
    text: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None

    def resolve(self, names: Iterable[str]) -> tuple[dict[str, str], list[str]]:
        """Match the fields to the column names of an input.

        Returns ({field: column} for the fields found, [the named columns that are absent]).
        """
        by_lower: dict[str, str] = {}
        for name in names:
            by_lower.setdefault(str(name).lower(), name)
        found, absent = {}, []
        for field_name in ARTICLE_FIELDS:
            named = getattr(self, field_name)
            candidates = [named] if named else COLUMN_NAMES[field_name]
            column = next((by_lower[c.lower()] for c in candidates if c.lower() in by_lower), None)
            if column is not None:
                found[field_name] = column
            elif named:
                absent.append(named)
        return found, absent

    def header_columns(self, names: list[str]) -> dict[str, str]:
        """{field: column} for the header of a CSV or Parquet file; raises InputError when a
        named column is absent or no column holds the text."""
        found, absent = self.resolve(names)
        if absent:
            raise InputError(f"no column {', '.join(map(repr, absent))}; the columns are {', '.join(names)}")
        if "text" not in found:
            raise InputError(f"{self.no_text()}; the columns are {', '.join(names)}")
        return found

    def no_text(self) -> str:
        """What to say about an input without a text column."""
        if self.text:
            return f"no text column {self.text!r}"
        return f"no text column (looked for {', '.join(COLUMN_NAMES['text'])}; name it with --text-column)"


def _plain(value):
    """A cell as the readers expect it: dates and times (from Parquet) as ISO strings."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def article_from_row(row: dict, columns: dict[str, str], source_path: str, line: int | None) -> Article:
    """Build an Article from one row: a JSON object, a CSV row or a Parquet row.

    columns: {field: column} (Columns.resolve), with a "text" column; the others go to `meta`.
    Raises InputError when the row cannot be an article (no text, empty text).
    """
    replaced: list[int] = []
    row = replace_surrogates(row, replaced)

    def value(field_name):
        cell = _plain(row.get(columns[field_name])) if field_name in columns else None
        return (cell.strip() or None) if isinstance(cell, str) else cell

    text = row.get(columns["text"])
    if not isinstance(text, str) and text is not None:
        raise InputError(f"{columns['text']!r} must be a string, not {type(text).__name__}")
    if text is None or not text.strip():
        raise InputError(f"empty {columns['text']!r}")
    article_id = value("id")
    warnings = surrogate_warnings(replaced)
    try:
        published = parse_published(value("published"))
    except PublishedError as error:
        # A bad date is not worth losing the article for: keep it, say so, leave the date out.
        published = None
        warnings.append({"code": "published_invalid", "message": str(error)})
    used = set(columns.values())
    return Article(
        text=text,
        id=str(article_id) if article_id not in (None, "") else stable_id(f"{source_path}:{line}", text),
        source_path=source_path,
        source_line=line,
        title=value("title"),
        published=published,
        published_raw=value("published") if isinstance(value("published"), str) else None,
        url=value("url"),
        outlet=value("outlet"),
        meta={k: _plain(v) for k, v in row.items() if k not in used},
        warnings=warnings,
    )


def _row_id(row, columns: dict[str, str]) -> str | None:
    """The id a bad row gives itself, to name it in the errors file."""
    article_id = row.get(columns["id"]) if isinstance(row, dict) and "id" in columns else None
    return None if article_id in (None, "") else str(article_id)


def _open_binary(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def read_jsonl(path: Path, columns: Columns = Columns()) -> Iterator[Article | ReadError]:
    """One Article (or ReadError) per non-blank line of a .jsonl or .jsonl.gz file."""
    number = 0
    try:
        with _open_binary(path) as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield _jsonl_line(raw, columns, str(path), number)
    except (OSError, EOFError) as error:  # a corrupt or truncated .gz
        yield ReadError(str(path), number + 1, f"unreadable from here on: {error}")


def _jsonl_line(raw: bytes, columns: Columns, source: str, number: int) -> Article | ReadError:
    obj, found = None, {}
    try:
        obj = json.loads(decode(raw)[0])
        if not isinstance(obj, dict):
            raise InputError("a line must be a JSON object")
        found = columns.resolve(obj)[0]
        if "text" not in found:
            raise InputError(columns.no_text())
        return article_from_row(obj, found, source, number)
    except json.JSONDecodeError as error:
        return ReadError(source, number, f"invalid JSON: {error.msg} at column {error.colno}")
    except InputError as error:
        # The line's own id, when it has one, names the failed article in the errors file.
        return ReadError(source, number, str(error), _row_id(obj, found))


# A carriage return that ends a line on its own: files written by old Mac software (and some
# spreadsheet exports) end every line so, and a binary stream splits lines only at "\n".
BARE_CR = re.compile(r"(?<=\r)(?!\n)")


class _DecodedLines:
    """The lines of a binary stream as text, each decoded on its own (UTF-8, else cp1252, else
    latin-1) and split after a bare "\r" too; `recoded` counts the lines that were not UTF-8."""

    def __init__(self, handle):
        self.handle = handle
        self.recoded = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            text, encoding = decode_bytes(raw)
            self.recoded += encoding != "utf-8"
            if "\r" in text:
                yield from filter(None, BARE_CR.split(text))
            else:
                yield text


def _delimiter(header: str, file_format: str) -> str:
    """Tab for .tsv; for .csv the most frequent of , ; | and tab in the header line (a
    spreadsheet in an Indonesian locale writes ';')."""
    if file_format == "tsv":
        return "\t"
    return max(",;\t|", key=header.count) if any(c in header for c in ",;\t|") else ","


def _open_csv(handle, file_format: str) -> tuple[Iterator[list[str]], _DecodedLines]:
    """A csv reader over a binary stream (its delimiter chosen from the first line), and the
    decoded lines it reads. Raises InputError for binary data."""
    if b"\x00" in handle.peek(8192)[:8192]:
        raise InputError("binary data (NUL bytes), not text")
    lines = _DecodedLines(handle)
    stream = iter(lines)
    first = next(stream, "")
    return csv.reader(itertools.chain([first], stream), delimiter=_delimiter(first, file_format)), lines


def read_csv(path: Path, columns: Columns = Columns(), file_format: str = "csv") -> Iterator[Article | ReadError]:
    """One Article (or ReadError) per row of a .csv or .tsv file (gzip-compressed too) with a
    header row; each row's line number is the line it starts on."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    with _open_binary(path) as handle:
        try:
            reader, lines = _open_csv(handle, file_format)
            header = next(reader, None)
            if not header:
                raise InputError("empty input")
            found = columns.header_columns(header)
        except (InputError, csv.Error, OSError, EOFError) as error:
            yield ReadError(str(path), None, str(error))
            return
        yield from _csv_rows(reader, header, found, lines, str(path))


def _csv_rows(reader, header: list[str], found: dict[str, str], lines: _DecodedLines, source: str):
    while True:
        start, recoded = reader.line_num + 1, lines.recoded
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield ReadError(source, start, f"bad CSV row: {error}")
            continue
        except (OSError, EOFError) as error:  # a corrupt or truncated .gz
            yield ReadError(source, start, f"unreadable from here on: {error}")
            return
        if not row:
            continue
        if len(row) != len(header):
            yield ReadError(source, start, f"the row has {len(row)} fields, the header {len(header)}")
            continue
        cells = dict(zip(header, row))
        try:
            article = article_from_row(cells, found, source, start)
        except InputError as error:
            yield ReadError(source, start, str(error), _row_id(cells, found))
            continue
        if lines.recoded > recoded:
            article.warnings.append({"code": "encoding", "message": "not UTF-8; decoded as cp1252 or latin-1"})
        yield article


def _parquet_file(path: Path):
    """The pyarrow ParquetFile of a path; raises InputError when it is not a readable one."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"not a readable Parquet file: {error}") from None


def read_parquet(path: Path, columns: Columns = Columns()) -> Iterator[Article | ReadError]:
    """One Article (or ReadError) per row of a .parquet file, read a batch of rows at a time; a
    row's "line" is its number in the file, from 1."""
    import pyarrow as pa

    try:
        parquet = _parquet_file(path)
        found = columns.header_columns(parquet.schema_arrow.names)
    except InputError as error:
        yield ReadError(str(path), None, str(error))
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield article_from_row(row, found, str(path), number)
                except InputError as error:
                    yield ReadError(str(path), number, str(error), _row_id(row, found))
    except (pa.ArrowException, OSError) as error:
        yield ReadError(str(path), number + 1, f"unreadable from here on: {error}")


def read_text_file(path: Path) -> Article:
    """A .txt or .html file as one Article; raises InputError when it cannot be one."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    text, encoding = decode(data[:MAX_FILE_BYTES])
    article = Article(text=text, id=stable_id(str(path), text), source_path=str(path))
    if len(data) > MAX_FILE_BYTES:
        article.warnings.append({"code": "truncated_input", "message": f"only the first {MAX_FILE_BYTES:,} bytes read"})
    if path.suffix.lower() in (".html", ".htm"):
        page = html_to_article(text)
        article.text, article.title, article.url, article.outlet = page.text, page.title, page.url, page.outlet
        # The page's own article:published_time first: trafilatura may take another date.
        article.published, article.published_raw = page.published, page.published_raw
        if page.published_raw:
            try:
                article.published = parse_published(page.published_raw)
            except PublishedError as error:
                article.warnings.append({"code": "published_invalid", "message": str(error)})
        if page.author:
            article.meta["author"] = page.author
    if encoding != "utf-8":
        article.warnings.append({"code": "encoding", "message": f"not UTF-8; decoded as {encoding}"})
    return article


def input_format(path: Path) -> str | None:
    """The input format of a file by its name (jsonl, csv, tsv, parquet, text, html), or None."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    file_format = FORMATS.get(Path(name[:-3] if compressed else name).suffix)
    return None if compressed and file_format not in COMPRESSIBLE else file_format


@dataclass(frozen=True)
class InputFile:
    """A file to read, and its format (None: a file named on its own whose type is unknown)."""

    path: Path
    format: str | None
    problem: str | None = None  # why it cannot be read, found while listing its folder


@dataclass(frozen=True)
class SkippedFile:
    """A file inside an input folder that is not of an input type: reported, not read."""

    path: Path
    reason: str


def iter_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[InputFile | SkippedFile]:
    """The files under the given paths, in order (folders recursively, sorted), each with its
    format; files of other types inside folders, and berita's own errors files, come as
    SkippedFile. Hidden files and folders (.git, .DS_Store) inside folders are not inputs.
    Entries named like inputs come whatever they are (a FIFO, a dangling link, a folder named
    x.jsonl), as does a folder that cannot be listed, so that reading them gives an error line.
    Reads nothing but the folder listings.

    Raises FileNotFoundError for a path that does not exist: that is a usage error, not bad input.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise FileNotFoundError(f"no such file or folder: {path}")
        if not path.is_dir():
            yield InputFile(path, input_format(path))
            continue
        yield from sorted(_folder_inputs(path), key=lambda item: item.path)


def _folder_inputs(folder: Path) -> Iterator[InputFile | SkippedFile]:
    problems: list[OSError] = []
    seen = set()
    for root, dirs, files in os.walk(folder, onerror=problems.append, followlinks=True):
        seen.add(os.path.realpath(root))
        # Linked folders are followed once (no loops); hidden ones not at all.
        dirs[:] = [d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in seen]
        for name in files + [d for d in dirs if input_format(Path(d))]:
            found = Path(root, name)
            if name.startswith("."):
                continue
            if name.endswith(ERRORS_SUFFIX):
                yield SkippedFile(found, "an errors file of berita, not articles")
            elif (file_format := input_format(found)) is None:
                yield SkippedFile(found, f"not an input type ({SUPPORTED})")
            else:
                yield InputFile(found, file_format)
    for error in problems:
        yield InputFile(Path(error.filename), None, f"cannot list the folder: {error.strerror or error}")


def not_a_file(path: Path) -> str | None:
    """Why an input path cannot be read as a file (a folder, FIFO, dangling link ...), or None."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return "dangling symbolic link" if path.is_symlink() else f"cannot read: {error.strerror or error}"
    if stat.S_ISDIR(mode):
        return "a folder named like an input file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a FIFO, socket or device)"
    return None


SUPPORTED = ".jsonl, .csv, .tsv (each also .gz), .parquet, .txt, .html"


def read_file(item: InputFile, columns: Columns = Columns()) -> Iterator[Article | ReadError]:
    """Every article of one input file, or a ReadError in its place."""
    path = item.path
    problem = item.problem or not_a_file(path)  # before opening: a FIFO would block the run
    if problem is not None:
        yield ReadError(str(path), None, problem)
    elif item.format is None:
        yield ReadError(str(path), None, f"unsupported file type {path.suffix or '(none)'}; use {SUPPORTED}")
    elif item.format == "jsonl":
        yield from read_jsonl(path, columns)
    elif item.format in ("csv", "tsv"):
        yield from read_csv(path, columns, item.format)
    elif item.format == "parquet":
        yield from read_parquet(path, columns)
    else:
        try:
            yield read_text_file(path)
        except (InputError, HTMLError, OSError) as error:
            yield ReadError(str(path), None, str(error))


def read_articles(
    paths: Iterable[str | os.PathLike], columns: Columns = Columns()
) -> Iterator[Article | ReadError | SkippedFile]:
    """Every article of the given files and folders, in order, or a ReadError in its place; a
    SkippedFile for each file of another type found in a folder."""
    for item in iter_inputs(paths):
        if isinstance(item, SkippedFile):
            yield item
        else:
            yield from read_file(item, columns)


def header_problem(item: InputFile, columns: Columns = Columns()) -> str | None:
    """What makes a whole .csv/.tsv or .parquet file unreadable (not tabular data, no text column,
    a named column missing), from its first line or its footer only; None when there is nothing
    wrong (or the format has no header)."""
    try:
        if item.format in ("csv", "tsv"):
            with _open_binary(item.path) as handle:
                header = next(_open_csv(handle, item.format)[0], None)
            if not header:
                raise InputError("empty input")
            columns.header_columns(header)
        elif item.format == "parquet":
            columns.header_columns(_parquet_file(item.path).schema_arrow.names)
    except (InputError, csv.Error, OSError, EOFError) as error:
        return f"{item.path}: {error}"
    return None


def check_inputs(paths: Iterable[str | os.PathLike], columns: Columns = Columns()) -> list[str]:
    """Problems with the inputs that a run should stop on before anything loads: a path that does
    not exist, a file of an unknown type named on its own, no input file at all or only empty
    ones, a table without the text column. Reads only folder listings, CSV header lines and Parquet footers.

    Returns one message per problem (an empty list: the inputs can be read).
    """
    paths = list(paths)
    problems: list[str] = []
    files = empty = 0
    for path in paths:
        try:
            for item in iter_inputs([path]):
                if isinstance(item, SkippedFile):
                    continue
                files += 1
                if item.problem or not_a_file(item.path):
                    continue  # an error line of its own, later; never opened here (a FIFO blocks)
                if item.path.stat().st_size == 0:
                    empty += 1
                if item.format is None:
                    problems.append(f"{item.path}: unsupported file type {item.path.suffix or '(none)'}; use {SUPPORTED}")
                elif problem := header_problem(item, columns):
                    problems.append(problem)
        except FileNotFoundError as error:
            problems.append(str(error))
    if not files and not problems:
        problems.append(f"no input files ({SUPPORTED}) in {', '.join(map(str, paths))}")
    elif files and empty == files and not problems:
        problems.append(f"no articles: the input files are empty ({', '.join(map(str, paths))})")
    return problems
