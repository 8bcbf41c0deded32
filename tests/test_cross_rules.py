"""The story rules: their own examples, their documentation, and their evidence."""

from __future__ import annotations

import pytest

from audit.checks import registry
from audit.checks.cross import example_context, run_examples

STORY_RULES = ["F501", "F502", "N401", "N402", "C601", "T701"]


@pytest.mark.parametrize("code", STORY_RULES)
def test_examples_run(code):
    rule = registry.get(code)
    assert rule.scope == "story" and rule.examples
    outcome = run_examples(rule)
    assert [label for label, _ in outcome].count("bad") == len(rule.examples)
    for label, hits in outcome:
        if label == "bad":
            assert hits, f"{code}: its bad example gives no hit"
        else:
            assert not hits, f"{code}: its good example gives {hits}"


@pytest.mark.parametrize("code", STORY_RULES)
def test_docs_in_ruff_shape(code):
    doc = registry.get(code).doc
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in doc, (code, section)


def test_conflict_cites_the_majority_and_suggests_its_figure():
    ctx = example_context(
        "Officials said the fire destroyed about 1,800 homes in the valley.\n---\n"
        "Officials said the fire destroyed about 8,100 homes in the valley.\n---\n"
        "Officials said the fire destroyed some 1,800 homes in the valley.")
    (hit,) = registry.get("F501").check(ctx)
    assert hit.document == "source-2" and hit.suggestion == "about 1,800"
    assert {r.document for r in hit.related} == {"source-1", "source-3"}
    doc = ctx.get("source-2")
    assert doc.text[hit.start:hit.end] == "about 8,100"


def test_different_things_are_not_compared():
    # the same noun, different events: a cumulative total since 2021 and one operation
    ctx = example_context(
        "Its operations in Asia have led to nearly 3,500 arrests since 2021.\n---\n"
        "The coordinated operation, which led to hundreds of arrests, ended.\n---\n"
        "This operation resulted in hundreds of arrests, the agency said.")
    assert list(registry.get("F501").check(ctx)) == []
    # different verbs of a generic noun: 226 people aboard, 23 people dead
    ctx = example_context("The ferry was carrying 226 people when it capsized.\n---\n"
                          "At least 23 people died when the ferry capsized.")
    assert list(registry.get("F501").check(ctx)) == []


def test_two_sources_that_disagree_are_both_reported():
    ctx = example_context("The storm destroyed about 1,800 homes.\n---\n"
                          "The storm destroyed about 8,100 homes.")
    hits = list(registry.get("F501").check(ctx))
    assert sorted(h.document for h in hits) == ["source-1", "source-2"]
    assert all(h.suggestion is None for h in hits)  # no majority to suggest


def test_missing_figure_needs_the_other_sources():
    one_gap = "By the evening, search teams had rescued  people from the water."
    alone = example_context(one_gap + "\n---\nThe weather was calm on the coast.")
    assert list(registry.get("F502").check(alone)) == []


def test_date_conflict_on_one_document_weekday():
    ctx = example_context("published: 2023-12-09\nThe raid took place on Thursday, "
                          "8 December 2023.\n---\npublished: 2023-12-09\nNothing else.")
    (hit,) = registry.get("C601").check(ctx)
    assert "Friday" in hit.message
