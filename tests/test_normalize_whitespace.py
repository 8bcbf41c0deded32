"""White space: layout is folded, gaps that may mark a dropped number are kept."""

import doctest

import pytest

from audit.normalize import normalize, whitespace


def test_docstring_examples_hold():
    assert doctest.testmod(whitespace).failed == 0


def fold(text):
    return whitespace.fold_whitespace(text)[0]


@pytest.mark.parametrize("gap", ["  ", "   ", "\u00a0\u00a0", " \u2009", "\t "])
def test_a_gap_inside_a_sentence_is_kept(gap):
    text = f"Police said more than{gap}were rescued from the boat.\n"
    assert fold(text) == text


def test_layout_is_folded():
    text = "\n\n  Headline  \n\n\n\n   First paragraph.  \n \n\nSecond.   Third.\n\n\n"
    assert fold(text) == "Headline\n\nFirst paragraph.\n\nSecond. Third.\n"


def test_a_double_space_after_a_closing_quote_that_ends_a_sentence_is_layout():
    assert fold("He said “enough.”  Then he left.") == "He said “enough.” Then he left."


def test_a_gap_after_a_comma_is_kept_because_a_number_may_follow_it():
    text = "In the raid,  people were freed."
    assert fold(text) == text


def test_whitespace_repairs_replay_and_map_back():
    text = "Title  \n\n\n\nBody has  a gap.  Next.\n"
    out = normalize(text)
    assert out.text == "Title\n\nBody has  a gap. Next.\n"
    gap = out.text.index("  a gap")
    assert out.offsets.span_to_original(gap, gap + 2) == (text.index("  a gap"),
                                                          text.index("  a gap") + 2)
