"""The GBK seed (``../shared/seeds/000_feb1417136425445.txt``): UTF-8 read as GBK, with the
bytes GBK could not decode dropped.

Read by hand, the article has 16 damaged places. Nine kept all their bytes: ``鈥檚`` is
E2 80 99 73 (``’s``) and ``鈥淒`` E2 80 9C 44 (``“D``). Seven lost their last byte, because
it came before a space, a line end or an NBSP, which cannot follow a GBK lead byte: ``鈥``
alone is E2 80 and one byte of 80-BF, a character of U+2000-U+203F. Which one, the context
says: after a comma or full stop, at the end of a quotation, a closing quote; between two
spaced words, a dash. Below, each place is given by the few characters around it in the
repaired text (not the article's sentences).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from audit.checks import registry
from audit.config import Config
from audit.engine import audit_document
from audit.model import Document
from audit.normalize import apply_repairs
from audit.normalize.encoding import find_residue, fix_and_explain

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
    "000_feb1417136425445.txt"

# (before, restored, after): the restored character(s) with a few neighbouring characters
KEPT = [("France", "’s", " eco"), ("\n\n", "“D", "riven"), ("body", "’s", " Sing"),
        ("\n\n", "“T", "oday"), ("\n\n", "“W", "hat"), ("\n\n", "“P", "eople"),
        ("Myanmar", "’s", " mil"), ("what", "’s", " comm"), ("company", "’s", " chief")]
LOST = [("ago,", "”", " Stock"), ("bank ", "—", " or"), ("anyone ", "—", " is"),
        ("targets.", "”", "\n"), ("torture ", "—", " often"), ("criminals,", "”", "\xa0"),
        ("China ", "—", " and")]


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def repaired(seed):
    return fix_and_explain(seed)


def test_no_mojibake_is_left(seed, repaired):
    text, _ = repaired
    assert "鈥" in seed and "鈥" not in text
    assert not find_residue(text)


def test_sixteen_places_seven_of_them_inferred(repaired):
    _, repairs = repaired
    assert len(repairs) == len(KEPT) + len(LOST) == 16
    inferred = [r for r in repairs if r.meta.get("inferred")]
    assert len(inferred) == 7
    assert all(r.meta["codecs"] == ["gbk"] for r in repairs)
    assert all(r.confidence < 1 for r in inferred)
    assert all(r.confidence == 1 for r in repairs if r not in inferred)


@pytest.mark.parametrize("before, restored, after", KEPT + LOST)
def test_each_place_is_restored(repaired, before, restored, after):
    text, _ = repaired
    assert text.count(before + restored + after) == 1


@pytest.mark.parametrize("before, restored, after", LOST)
def test_the_lost_byte_places_say_what_they_inferred(seed, repaired, before, restored, after):
    text, repairs = repaired
    at = text.index(before + restored + after) + len(before)
    shift = 0
    for r in sorted(repairs, key=lambda r: r.start):
        if r.start + shift == at:
            assert r.before == "鈥" and r.after == restored
            guess = r.meta["inferred"][0]
            assert guess["char"] == restored and guess["candidates"] == 64
            assert seed[r.start:r.end] == "鈥"
            return
        shift += len(r.after) - (r.end - r.start)
    pytest.fail(f"no repair at {before!r}")


def test_everything_else_is_untouched(seed, repaired):
    text, repairs = repaired
    assert apply_repairs(seed, repairs) == text
    # outside the repairs the two texts are the same characters
    pos = 0
    for r in sorted(repairs, key=lambda r: r.start):
        assert r.before == seed[r.start:r.end]
        pos = r.end
    assert seed[pos:] in text


def test_the_rules_report_each_place_and_no_residue(seed):
    rules = [registry.get("E101"), registry.get("E102")]
    _, findings = audit_document(Document("seed-gbk", seed), Config(), rules)
    assert sorted({f.rule for f in findings}) == ["E101"]
    assert len(findings) == 16
    lossy = [f for f in findings if "inferred for lost bytes" in f.message]
    assert len(lossy) == 7 and all("gbk" in f.message for f in findings)
    assert all(seed[f.start:f.end].startswith("鈥") for f in findings)
