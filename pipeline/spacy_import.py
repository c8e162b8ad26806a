"""spaCy imported without torch: thinc imports torch whenever it is installed (the stanza and test
extras install it), about 1 s of start-up and 170 MB in every process, and berita's own models
never use it.

This module imports nothing heavy: `berita extract` and each Dask worker call import_spacy before
anything of berita that needs spaCy.
"""

from __future__ import annotations

import sys


def import_spacy(torch: bool) -> None:
    """Import spaCy, with torch hidden from thinc unless `torch` (stanza needs it). Only thinc's
    import is spared: stanza, imported later, finds torch as usual. Does nothing when spaCy is
    imported already."""
    hide = not torch and "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # `import torch` now raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if hide:
            del sys.modules["torch"]
