"""ftfy's own test cases (``../shared/peer-suites/ftfy``, see its README) against our repair.

Every case ftfy passes, we must pass; we compare what the repair restores, not its style:

- against ``fixed-encoding`` where the case has one (ftfy's encoding-only output), else
  ``fixed``, ignoring the difference between curly and straight quotes (``fixed`` has
  ftfy's quote-straightening, and we do not restyle);
- where ftfy wrote U+FFFD (it could not restore a lost byte), we may write U+FFFD too, or a
  character our repair inferred for the lost byte: the character must come from a repair
  that says it inferred something. Everything else must be equal code point for code point.

Like upstream, each case is also run with one more layer of damage on top (the original
read once more as Latin-1). The ten known failures of ftfy are run too; the ones we fix are
listed, so a regression shows, and the count is reported.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.model import Repair
from audit.normalize.encoding import fix_and_explain

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "peer-suites" / "ftfy"
FILES = ["in-the-wild", "synthetic", "language-names", "negative", "known-failures"]
# The known failures of ftfy 6.3.1 that this repair gets right (see the module docstring).
FIXED_KNOWN_FAILURES = {
    "Misleading mix-up in Spanish",
    "An example with 'à' in windows-1251 where we need our heuristic to be bolder",
    "Italian UTF-8 / MacRoman mojibake that looks like math",
    "Synthetic: Incomplete UTF-8 / Windows-1252 mixup in Arabic",
}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def _cases() -> list[dict]:
    if not SUITE.is_dir():
        return []
    out = []
    for name in FILES:
        for i, case in enumerate(json.loads((SUITE / f"{name}.json").read_text("utf-8"))):
            out.append({**case, "id": f"{name}-{i}"})
    return out


CASES = _cases()
PASS = [c for c in CASES if c["expect"] == "pass"]
FAIL = [c for c in CASES if c["expect"] == "fail"]
needs_suite = pytest.mark.skipif(not CASES, reason=f"ftfy peer suite not found at {SUITE}")


def _inferred_positions(repairs: list[Repair]) -> set[int]:
    """Positions, in the repaired text, of characters written by repairs that inferred
    characters for lost bytes."""
    positions: set[int] = set()
    shift = 0
    for r in sorted(repairs, key=lambda r: r.start):
        start = r.start + shift
        if r.meta.get("inferred"):
            positions.update(range(start, start + len(r.after)))
        shift += len(r.after) - (r.end - r.start)
    return positions


def restores(out: str, expected: str, repairs: list[Repair]) -> bool:
    if out.translate(QUOTES) == expected.translate(QUOTES):
        return True
    if "\ufffd" not in expected or len(out) != len(expected):
        return False
    inferred = _inferred_positions(repairs)
    return all(a.translate(QUOTES) == b.translate(QUOTES)
               or (b == "\ufffd" and (a == "\ufffd" or i in inferred))
               for i, (a, b) in enumerate(zip(out, expected, strict=True)))


def _expected(case: dict) -> str:
    return case.get("fixed-encoding", case["fixed"])


@needs_suite
@pytest.mark.parametrize("case", PASS, ids=[c["id"] for c in PASS])
def test_every_case_ftfy_passes_we_pass(case):
    out, repairs = fix_and_explain(case["original"])
    assert restores(out, _expected(case), repairs), (case["label"], out)


@needs_suite
@pytest.mark.parametrize("case", PASS, ids=[c["id"] for c in PASS])
def test_and_with_one_more_layer_of_damage(case):
    damaged = case["original"].encode("utf-8").decode("latin-1")
    out, repairs = fix_and_explain(damaged)
    assert restores(out, _expected(case), repairs), (case["label"], out)


@needs_suite
@pytest.mark.parametrize("case", FAIL, ids=[c["id"] for c in FAIL])
def test_known_failures_of_ftfy(case):
    out, repairs = fix_and_explain(case["original"])
    fixed = restores(out, _expected(case), repairs)
    if case["label"] in FIXED_KNOWN_FAILURES:
        assert fixed, (case["label"], out)
    elif fixed:
        pytest.fail(f"newly fixed, add it to FIXED_KNOWN_FAILURES: {case['label']}")
    else:
        pytest.xfail(f"ftfy's known failure, ours too: {case['label']}")


@needs_suite
def test_the_suite_is_the_one_the_readme_describes():
    assert len(PASS) == 151 and len(FAIL) == 10
    assert len(FIXED_KNOWN_FAILURES & {c["label"] for c in FAIL}) == len(FIXED_KNOWN_FAILURES)
