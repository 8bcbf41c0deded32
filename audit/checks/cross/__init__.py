"""Stage 5, check across sources: within a story, align names, figures and dates.

The story rules live in the submodules (importing this package registers them):

- ``figures``: F501 figure-conflict, F502 missing-figure (category dropped-number)
- ``names``: N401 garbled-name, N402 name-variant
- ``dates``: C601 date-conflict
- ``translation``: T701 translation-artifact

``enrich`` returns the Story with its claims matrix and names table (``Story.claims``,
``Story.names``; the engine calls it once per story before the story rules, and the
extraction is cached in ``StoryContext.cache`` so the rules reuse it).

Story rules need several sources, so their ``Example`` texts hold the sources of one story
separated by a line ``---``; ``run_examples(rule)`` runs a rule on its own examples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from audit.checks.context import AuditedDocument, StoryContext
from audit.checks.cross import dates, figures, names, translation
from audit.checks.cross.analysis import extracted
from audit.checks.registry import Hit, Rule
from audit.model import Document, Story

EXAMPLE_SEPARATOR = "\n---\n"

__all__ = ["EXAMPLE_SEPARATOR", "dates", "enrich", "example_context", "figures", "names",
           "run_examples", "translation"]


def _cell(d: AuditedDocument, start: int, end: int, **extra: Any) -> dict[str, Any]:
    a, b = d.to_original(start, end)
    return {"text": d.text[start:end], "start": a, "end": b, **extra}


def _figure_rows(ctx: StoryContext, story: Story) -> list[dict[str, Any]]:
    ex = extracted(ctx)
    rows = []
    for claim in figures.claims(ctx):
        _agree, disagree = claim.split()
        first = next(iter(claim.members.values()))
        cells: dict[str, Any] = {doc: None for doc in story.documents}
        for doc, f in claim.members.items():
            cells[doc] = _cell(ex[doc].document, f.start, f.end, low=f.low,
                               high=None if math.isinf(f.high) else f.high,
                               qualifier=f.qualifier, agrees=doc not in disagree)
        for doc, (a, b) in claim.gaps.items():
            cells[doc] = _cell(ex[doc].document, a, b, gap=True, low=None, high=None,
                               agrees=False)
        rows.append({"id": claim.id, "kind": first.kind, "unit": first.unit,
                     "counts": claim.label, "conflict": bool(disagree),
                     "gap": bool(claim.gaps), "cells": cells})
    return rows


def enrich(story: Story, ctx: StoryContext) -> Story:
    """The Story with its claims matrix (figures, then dates) and its names table."""
    if len(ctx.documents) < 2:
        return story
    rows = _figure_rows(ctx, story) + dates.date_rows(ctx, story, start=len(
        figures.claims(ctx)) + 1)
    return replace(story, claims=tuple(rows), names=tuple(names.names_table(ctx, story)))


def example_context(text: str, story_id: str = "example") -> StoryContext:
    """A story made of the sources in ``text`` (separated by ``---`` lines; a source may
    open with header lines ``published: YYYY-MM-DD`` and ``source: NAME``), normalized with
    the default chain, as the engine would give it to a story rule."""
    from audit.normalize import normalize

    docs = []
    for k, part in enumerate(text.split(EXAMPLE_SEPARATOR)):
        header: dict[str, str] = {}
        while m := re.match(r"(published|source):[ \t]*([^\n]*)\n", part):
            header[m.group(1)] = m.group(2).strip()
            part = part[m.end():]
        published = date.fromisoformat(header["published"]) if "published" in header \
            else None
        doc = Document(id=f"source-{k + 1}", text=part,
                       source=header.get("source", f"Source {k + 1}"),
                       published=published, story=story_id)
        docs.append(AuditedDocument(doc, normalize(doc.text), language="en"))
    return StoryContext(story_id, docs)


def run_examples(rule: Rule) -> list[tuple[str, Sequence[Hit]]]:
    """Run a story rule on each of its examples: ``[("bad", hits), ("good", hits), ...]``.

    A rule's bad example must give at least one hit and its good example none."""
    out: list[tuple[str, Sequence[Hit]]] = []
    for example in rule.examples:
        for label, text in (("bad", example.bad), ("good", example.good)):
            if text is None:
                continue
            ctx = example_context(text)
            out.append((label, [h for h in rule.check(ctx)
                                if (h.rule or rule.code) == rule.code]))
    return out
