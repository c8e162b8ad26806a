"""Linear time on adversarial pages (issue 13): each block repeated n and 8n times must take at
most 16 times longer (a quadratic step takes about 64 times longer). Ratios, not seconds: the
best of several runs of each size, in CPU time (a process waiting for a core on a loaded
machine does not count), so that the load does not decide.

The blocks are what stalled a batch before: runs of quote marks, chains of counted numbers,
open brackets, hyphenated words, and one paragraph without a sentence end (up to 1 MB under
the `slow` marker).
"""

import gc
import time

import pytest

from pipeline.io.readers import Article

MAX_RATIO = 16
# block: copies n (chosen so that n copies take some tens of milliseconds without the NER: a
# shorter base time lets the noise of a loaded machine decide the ratio).
BLOCKS = {
    "curly quote marks": ("“", 9000),
    "straight quote marks": ('"', 9000),
    "mixed quote marks": ("“\"”", 3000),
    "quote marks between words": ("“Kami siap,” kata Budi. ", 300),
    "quotes by a one-word name": ("“Kami siap,” kata Wawan. ", 300),
    "counted numbers": ("3 orang, ", 450),
    "counted numbers with a list opener": ("sebanyak 3 orang yakni ", 300),
    "open brackets": ("(", 9000),
    "open brackets between words": ("(Budi ", 900),
    "hyphenated words": ("Budi-Budi ", 450),
    "hyphens": ("a-", 3000),
    "paragraph without a sentence end": ("warga desa datang ke balai ", 900),
}


@pytest.fixture(scope="module")
def rules_extractor():
    """The pipeline without the statistical NER (a CNN, linear by construction), so that the
    rules' own steps dominate the time."""
    from pipeline.extraction import Extractor

    return Extractor(ner_model=None)


def best_time(extractor, text: str, runs: int = 3) -> float:
    """The shortest CPU time of `runs` extractions of the text, with Python's garbage collector paused
    (its full collections grow with the heap, not with what the pipeline does)."""
    article = Article(text="Budi mengatakan hal itu. " + text, id="adversarial")
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            extractor._safe_call(article)
            times.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(times)


def growth(extractor, block: str, copies: int) -> float:
    """t(8n) / t(n) for n copies of the block."""
    best_time(extractor, block * copies, runs=1)  # fill the tokenizer's cache of the block's words
    return best_time(extractor, block * (8 * copies)) / best_time(extractor, block * copies)


@pytest.mark.parametrize("name", BLOCKS)
def test_adversarial_block_takes_linear_time(rules_extractor, name):
    block, copies = BLOCKS[name]
    ratio = growth(rules_extractor, block, copies)
    assert ratio <= MAX_RATIO, f"{name}: 8x the input took {ratio:.1f}x the time"


@pytest.mark.slow
def test_one_megabyte_paragraph_takes_linear_time(rules_extractor):
    # 8 x 128 KB = 1 MB without a full stop.
    block = "warga desa datang ke balai "
    ratio = growth(rules_extractor, block, 128_000 // len(block))
    assert ratio <= MAX_RATIO, f"8x the paragraph took {ratio:.1f}x the time"
