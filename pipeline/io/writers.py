"""Write stage: records and per-article errors as JSON Lines, safely.

Each record is one complete line, flushed as soon as it is written, so an interrupted run loses
at most the line being written; `resume` drops such a torn last line and reports the ids already
written, so that a rerun neither loses nor duplicates a record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO


def errors_path(out: Path) -> Path:
    """Where the per-article errors of an output file go: `<out>.errors.jsonl`."""
    return out.with_name(out.name + ".errors.jsonl")


def written_ids(out: Path) -> set[str]:
    """Ids of the records in an existing output, for resuming.

    A last line without its newline was torn by an interrupted write: it is cut off (its article
    is processed again). Raises ValueError for any other unreadable line: that file is not a
    berita output, and resuming into it could lose data.
    """
    if not out.exists():
        return set()
    ids: set[str] = set()
    keep = 0
    with open(out, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.endswith(b"\n"):
                break
            try:
                ids.add(str(json.loads(raw)["id"]))
            except (ValueError, KeyError, TypeError):
                raise ValueError(f"{out}:{number} is not a berita record; not resuming into it") from None
            keep += len(raw)
    if keep < out.stat().st_size:
        with open(out, "r+b") as handle:
            handle.truncate(keep)
    return ids


class JsonlWriter:
    """Append-only JSON Lines writer that flushes every line."""

    def __init__(self, path: Path, append: bool):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.handle: IO[str] = open(path, "a" if append else "w", encoding="utf-8")

    def write(self, obj: dict) -> None:
        self.handle.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> "JsonlWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
