"""berita: Indonesian news information extraction.

`pipeline.extract(text, **meta)` returns one Record (see pipeline.record); the `berita` command
runs the same over files and folders.
"""

__version__ = "0.1.0"


def extract(text: str, **meta):
    """Extract one article: see pipeline.extraction.extract for the arguments."""
    from pipeline.extraction import extract as _extract

    return _extract(text, **meta)
