"""The repair chain: offsets compose, the trail replays, a step cannot cheat."""

import re

import pytest

from audit.model import Repair
from audit.normalize import Normalizer, apply_repairs, normalize, replay
from audit.normalize.offsets import Edit, EditMap


def _sub(name, pattern, repl):
    def fn(text):
        repairs = [Repair(name, m.start(), m.end(), m.group(), repl, f"{pattern} -> {repl}")
                   for m in re.finditer(pattern, text)]
        return apply_repairs(text, repairs), repairs
    return Normalizer(name, 0, fn)


UPPER = _sub("upper", r"abc", "ABCDE")     # grows the text
DROP = _sub("drop", r"\[ad\]", "")         # shrinks it


def test_edit_map_maps_both_ways_around_a_replacement():
    m = EditMap([Edit(2, 4, "xyz")])  # "ab|cd|ef" -> "ab|xyz|ef"
    assert m.to_output(0) == 0 and m.to_output(4) == 5 and m.to_output(6) == 7
    assert m.to_input(5) == 4 and m.to_input(7) == 6
    assert m.to_input(3, side="start") == 2 and m.to_input(3, side="end") == 4


def test_edit_map_rejects_overlapping_edits():
    with pytest.raises(ValueError):
        EditMap([Edit(0, 3, ""), Edit(2, 5, "")])


def test_chain_maps_a_span_in_repaired_text_back_to_the_original():
    original = "x [ad]abc tail [ad]end"
    out = normalize(original, [UPPER, DROP])
    assert out.text == "x ABCDE tail end"
    start = out.text.index("tail")
    a, b = out.offsets.span_to_original(start, start + 4)
    assert original[a:b] == "tail"
    # a span beside removed furniture does not swallow the furniture
    start = out.text.index("end")
    a, b = out.offsets.span_to_original(start, start + 3)
    assert original[a:b] == "end"


def test_repairs_are_reported_in_original_offsets_and_the_trail_replays():
    original = "[ad]abc and abc"
    out = normalize(original, [UPPER, DROP])
    for r in out.repairs:
        if r.normalizer == "drop":
            assert original[r.start:r.end] == "[ad]"
        else:
            assert original[r.start:r.end] == "abc"
    assert replay(original, out.trail) == out.text
    assert len(out.trail) == 2


def test_a_step_that_changes_text_without_a_repair_is_refused():
    sneaky = Normalizer("sneaky", 0, lambda t: (t.upper(), []))
    with pytest.raises(RuntimeError, match="without a Repair"):
        normalize("abc", [sneaky])


def test_a_step_whose_repairs_do_not_replay_is_refused():
    def liar(text):
        return text + "!", [Repair("liar", 0, 1, text[0], text[0], "no-op")]
    with pytest.raises(RuntimeError, match="do not replay"):
        normalize("abc", [Normalizer("liar", 0, liar)])


def test_apply_repairs_checks_the_before_text():
    with pytest.raises(ValueError, match="expects"):
        apply_repairs("hello", [Repair("x", 0, 2, "xx", "y", "r")])
