"""Write stage: records and per-article errors as JSON Lines, safely.

Each record is one complete line, written and flushed as soon as it is ready, so an interrupted
run loses at most the line being written; `resume` drops such a torn last line and reports the
ids already written, so that a rerun neither loses nor duplicates a record. A failed write (disk
full) is undone to the last complete line and stops the run with an OutputError.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written or resumed (disk full, a folder, not a berita file): the
    run stops, and what was written so far stays valid and resumable."""


def errors_path(out: Path) -> Path:
    """Where the per-article errors of an output file go: `<out>.errors.jsonl`."""
    return out.with_name(out.name + ".errors.jsonl")


def complete_lines(out: Path) -> list[bytes]:
    """The complete lines of an existing output (none when it does not exist).

    A last line without its newline was torn by an interrupted write: it is cut off the file.
    """
    if not out.exists():
        return []
    try:
        data = out.read_bytes()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            with open(out, "r+b") as handle:
                handle.truncate(keep)
    except OSError as error:
        raise OutputError(f"cannot resume {out}: {error.strerror or error}") from None
    return data[:keep].splitlines()


def written_ids(out: Path) -> set[str]:
    """Ids of the records in an existing output, for resuming (a torn last line is cut off and
    its article processed again). Raises OutputError for any other unreadable line: that file is
    not a berita output, and resuming into it could lose data."""
    ids: set[str] = set()
    for number, raw in enumerate(complete_lines(out), start=1):
        try:
            ids.add(str(json.loads(raw)["id"]))
        except (ValueError, KeyError, TypeError):
            raise OutputError(f"{out}:{number} is not a berita record; not resuming into it") from None
    return ids


class JsonlWriter:
    """Append-only JSON Lines writer: each line goes to the file whole, in one unbuffered write."""

    def __init__(self, path: Path, append: bool):
        self.path = path
        self._open(append)

    def _open(self, append: bool) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC), 0o666)
            self.size = os.fstat(self.fd).st_size
        except OSError as error:
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None

    @staticmethod
    def encode(obj: dict) -> bytes:
        """The line of `obj` as written, without its newline."""
        return json.dumps(obj, ensure_ascii=False).encode("utf-8")

    def write(self, obj: dict) -> None:
        self.write_line(self.encode(obj))

    def write_line(self, line: bytes) -> None:
        """Write a line made by encode (without its newline)."""
        data = line + b"\n"
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as error:
            self._undo()
            raise OutputError(f"cannot write {self.path}: {error.strerror or error}") from None
        self.size += len(data)

    def _undo(self) -> None:
        """Cut a partly written line, so that the file ends with a complete line."""
        try:
            os.ftruncate(self.fd, self.size)
        except OSError:
            pass  # resume cuts a torn last line anyway

    def close(self) -> None:
        os.close(self.fd)

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LazyJsonlWriter(JsonlWriter):
    """A JsonlWriter that creates its file with the first line only: an errors file exists only
    when there are errors. Without `append`, an older file of that name is removed at once, so
    that it cannot be taken for this run's."""

    def __init__(self, path: Path, append: bool):
        self.path = path
        self.append = append
        self.fd = None
        if not append:
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise OutputError(f"cannot replace {path}: {error.strerror or error}") from None

    def write_line(self, line: bytes) -> None:
        if self.fd is None:
            self._open(self.append)
        super().write_line(line)

    def close(self) -> None:
        if self.fd is not None:
            super().close()
