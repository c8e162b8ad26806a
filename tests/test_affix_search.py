"""The tokenizer's prefix and suffix searches find what spaCy's own regexes find, faster."""

import pytest
import spacy
from hypothesis import given, settings, strategies as st
from spacy.util import compile_prefix_regex, compile_suffix_regex

from pipeline.affix_search import PrefixSearch, SuffixSearch, top_level_alternatives

DEFAULTS = spacy.blank("id").Defaults
PREFIX, PREFIX_REGEX = PrefixSearch(DEFAULTS.prefixes), compile_prefix_regex(DEFAULTS.prefixes)
SUFFIX, SUFFIX_REGEX = SuffixSearch(DEFAULTS.suffixes), compile_suffix_regex(DEFAULTS.suffixes)

# Characters the rules are about: brackets, quotes, dots, currency, units, HTML tags, digits, letters.
PIECES = list(".,;:!?…()[]{}\"'“”‘’«»$€£%+-*&/<>abkmgtrsUSRp0123456789 \n") + [
    "<a href=x>", "</strong>", "<br/>", "km²", "US$", "juta", "miliar", ".."]
TRICKY = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def span(match):
    return None if match is None else match.span()


@pytest.mark.parametrize("text", [
    "“Kami", "(28/9/2020", "...dan", "<a href='x'>Baca", "kata<a href='x'>", "Rp4,5", "+62", "<br/>teks",
    "siap,”", "2020).", "10km²", "5US$", "3juta", "kata....", "a" * 30 + "." * 40, "x" * 30 + "</strong>",
    "akhir.\n", "Jl.", "", "a",
])
def test_the_searches_match_spacys_on_written_strings(text):
    assert span(PREFIX.search(text)) == span(PREFIX_REGEX.search(text))
    assert span(SUFFIX.search(text)) == span(SUFFIX_REGEX.search(text))


@settings(max_examples=400, deadline=None, derandomize=True)
@given(TRICKY)
def test_the_searches_match_spacys_on_generated_strings(text):
    assert span(PREFIX.search(text)) == span(PREFIX_REGEX.search(text))
    assert span(SUFFIX.search(text)) == span(SUFFIX_REGEX.search(text))


def test_the_unanchored_alternative_of_spacys_html_rule_still_matches_mid_string():
    # "^<(b|...)\s?/>|<a([^>]+)>": the second alternative has no "^" (what spaCy's search finds).
    assert span(PREFIX.search("kata<a href='x'>")) == (4, 16)


def test_alternatives_split_only_at_top_level():
    assert top_level_alternatives(r"<(b|i)\s?/>|<a([^>]+)>") == [r"<(b|i)\s?/>", "<a([^>]+)>"]
    assert top_level_alternatives(r"[|]\||(?:x|y)") == [r"[|]\|", "(?:x|y)"]
    assert top_level_alternatives(r"[]|]a") == [r"[]|]a"]


def test_suffix_rules_of_unbounded_length_must_be_runs():
    with pytest.raises(ValueError, match="unbounded"):
        SuffixSearch([r"[a-z]+ku"])
    with pytest.raises(ValueError, match="top-level"):
        SuffixSearch([r"a|b"])


def test_saved_pattern_is_spacys():
    assert PREFIX.pattern == PREFIX_REGEX.pattern and SUFFIX.pattern == SUFFIX_REGEX.pattern
