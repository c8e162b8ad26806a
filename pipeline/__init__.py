"""berita: Indonesian news information extraction.

`pipeline.extract(text, **meta)` returns one Record (see pipeline.record); the `berita` command
runs the same over files and folders; `pipeline.to_frames(records)` gives records as tables.
"""

__version__ = "0.1.0"


def extract(text: str, **meta):
    """Extract one article: see pipeline.extraction.extract for the arguments."""
    from pipeline.extraction import extract as _extract

    return _extract(text, **meta)


def to_frames(records, errors=()):
    """Records (Record objects or their JSON dicts) as normalised pandas DataFrames: see
    pipeline.io.tables.to_frames."""
    from pipeline.io.tables import to_frames as _to_frames

    return _to_frames(records, errors)
