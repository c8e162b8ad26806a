"""Limits that keep one article from stalling or flooding a batch: the longest text kept and
the time one article may take. Light on imports, so that `berita --help` can show the defaults.

`time_budget(seconds)` raises ArticleTimeout in the thread that runs the block once the time is
up. It works in any thread (a worker process, a Dask worker thread), through CPython's
asynchronous exceptions, which are delivered between two Python instructions: code that stays
inside one long C call is stopped when that call returns (the pipeline's own steps are linear
in the text, see tests/test_linear_time.py, so none runs long).
"""

from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own limit for one text
DEFAULT_TIMEOUT = 120.0  # seconds; an ordinary article takes well under one


@dataclass(frozen=True)
class Limits:
    """max_chars: longest cleaned text processed (a longer one is cut, with a warning);
    timeout: seconds one article may take before it becomes an error (None: no limit)."""

    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float | None = None


class ArticleTimeout(Exception):
    """Raised inside a time_budget block whose time is up."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Schedule `exception` in the thread (None cancels one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)


@contextmanager
def time_budget(seconds: float | None):
    """Run the block with at most `seconds` of wall time (no limit for None); raises ArticleTimeout."""
    if seconds is None:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                _raise_in(thread_id, ArticleTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["active"] = False
            if state["fired"]:
                _raise_in(thread_id, None)  # the block ended first: no late exception elsewhere
