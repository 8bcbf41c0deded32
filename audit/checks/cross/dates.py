"""Dates across sources: the day each source gives for one event (C601).

Date mentions are resolved against each document's publication date (``on Tuesday`` in a
Wednesday paper is the day before; ``Friday December 8`` and ``8 December 2023`` agree).
Mentions are aligned when they play the same role (a point, the start or the end of an
interval) and name the same event: the same verb (synonyms folded: ``capsized`` and
``overturned``), or, for starts and ends, shared words around them. An event whose sources
name different days is a conflict; the sources outside the largest agreeing group are
reported. A weekday that does not fit the date written next to it is reported too.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from audit.checks.context import StoryContext
from audit.checks.cross.analysis import cached, extracted, jaccard, scored_pairs
from audit.checks.registry import Example, Hit, story_check
from audit.extract.dates import DateMention
from audit.model import Category, Severity, Story

ALIGN_THRESHOLD = 0.5


@dataclass
class DateEvent:
    id: str
    role: str
    members: dict[str, DateMention] = field(default_factory=dict)

    @property
    def label(self) -> str:
        verbs = Counter(v for m in self.members.values() for v in m.verbs)
        verb = sorted(verbs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if verbs else ""
        return {"start": f"start ({verb})" if verb else "start",
                "end": f"end ({verb})" if verb else "end"}.get(self.role, verb or "event")

    def split(self) -> tuple[list[str], list[str]]:
        """Sources in the largest group naming one day, and the others (all of them when
        two groups tie)."""
        groups: dict[str, list[str]] = {}
        for doc, m in self.members.items():
            groups.setdefault(_day_key(m), []).append(doc)
        ranked = sorted(groups.values(), key=lambda g: (-len(g), g))
        if len(ranked) < 2:
            return sorted(self.members), []
        if len(ranked[0]) == len(ranked[1]):
            return [], sorted(self.members)
        return sorted(ranked[0]), sorted(d for g in ranked[1:] for d in g)


def _day_key(m: DateMention) -> str:
    if m.day is not None and m.granularity == "day":
        return m.day.isoformat()
    return f"weekday:{m.weekday}"


def _usable(m: DateMention) -> bool:
    return (m.granularity == "day" and m.day is not None) or m.weekday is not None


def compatible(a: DateMention, b: DateMention) -> bool:
    if a.role != b.role:
        return False
    if a.verbs and b.verbs:
        return bool(a.verbs & b.verbs)
    # starts and ends of one operation or fire: the words around them must meet
    return a.role != "point" and bool(a.anchors & b.anchors)


def _score(a: DateMention, b: DateMention) -> float:
    return (0.5 if a.verbs & b.verbs else 0.0) + jaccard(a.anchors, b.anchors) + (
        0.4 if a.role != "point" else 0.0)


def date_events(ctx: StoryContext) -> list[DateEvent]:
    return cached(ctx, "cross:dates", lambda: _align(ctx))


def _align(ctx: StoryContext) -> list[DateEvent]:
    ex = extracted(ctx)
    ids = sorted(ex)
    mentions = {i: [m for m in ex[i].dates if _usable(m)] for i in ids}
    pairs = scored_pairs(mentions, compatible, _score, ALIGN_THRESHOLD)
    events: list[dict[str, int]] = []
    where: dict[tuple[str, int], int] = {}
    for _, a, ka, b, kb in pairs:
        ea, eb = where.get((a, ka)), where.get((b, kb))
        if ea is None and eb is None:
            events.append({a: ka, b: kb})
            where[(a, ka)] = where[(b, kb)] = len(events) - 1
        elif (ea is None) != (eb is None):
            e, doc, k = (ea, b, kb) if ea is not None else (eb, a, ka)
            if doc not in events[e] and all(compatible(mentions[doc][k], mentions[d][j])
                                            for d, j in events[e].items()):
                events[e][doc] = k
                where[(doc, k)] = e
    out = []
    for members in events:
        first = mentions[next(iter(members))][members[next(iter(members))]]
        out.append(DateEvent(f"d{len(out) + 1}", first.role,
                             {d: mentions[d][k] for d, k in sorted(members.items())}))
    return out


def _describe(m: DateMention) -> str:
    if m.day is not None and m.granularity == "day":
        return f"{calendar.day_name[m.day.weekday()]} {m.day.isoformat()}"
    return calendar.day_name[m.weekday] if m.weekday is not None else m.text


@story_check(
    "C601", "date-conflict", Category.DATE_CONFLICT, Severity.ERROR,
    examples=[Example(
        bad="published: 2025-02-12\nThe ferry capsized on Tuesday night.\n---\n"
            "published: 2025-02-12\nThe ferry overturned on Monday night.\n---\n"
            "published: 2025-02-13\nThe ferry capsized on Tuesday, February 11.",
        good="published: 2025-02-12\nThe ferry capsized on Tuesday night.\n---\n"
             "published: 2025-02-13\nThe ferry overturned on Tuesday night.\n---\n"
             "published: 2025-02-13\nThe ferry capsized on Tuesday, February 11.",
        note="story rule: sources separated by '---' lines; a source may open with a "
             "line 'published: YYYY-MM-DD'")],
)
def date_conflict(ctx: StoryContext) -> Iterator[Hit]:
    """Sources of one story give different days for the same event.

    ## What it does
    Resolves each source's weekdays and dates against its publication date (``on
    Tuesday`` in Wednesday's paper is the day before), aligns the mentions that date one
    event (the same verb, or the start or end of one operation), and reports the sources
    whose day differs from the one most sources give. A weekday that does not match the
    date written next to it is reported too.

    ## Why is this bad?
    A wrong day moves the event: timelines, alerts and follow-ups built on it are off.

    ## Example
    ```text
    source A (published Wed 12 Feb): The ferry capsized on Tuesday night.
    source B (published Wed 12 Feb): The ferry overturned on Monday night.
    ```

    ## Use instead
    Check the day against the primary source; prefer full dates to weekdays.
    """
    ex = extracted(ctx)
    for event in date_events(ctx):
        agree, disagree = event.split()
        for doc_id in disagree:
            m = event.members[doc_id]
            others = agree or [d for d in event.members if d != doc_id
                               and _day_key(event.members[d]) != _day_key(m)]
            related = tuple(ex[d].document.related(event.members[d].start,
                                                   event.members[d].end) for d in others)
            said = Counter(_describe(event.members[d]) for d in others)
            best = sorted(said.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            yield Hit(m.start, m.end,
                      f"'{m.text}' ({_describe(m)}): {len(others)} other source(s) date "
                      f"this event ({event.label}) to {best}",
                      suggestion=best if agree else None, related=related, document=doc_id)
    for doc_id in sorted(ex):
        for m in ex[doc_id].dates:
            if m.inconsistent and m.day is not None:
                yield Hit(m.start, m.end,
                          f"'{m.text}': {m.day.isoformat()} is a "
                          f"{calendar.day_name[m.day.weekday()]}",
                          document=doc_id)


def date_rows(ctx: StoryContext, story: Story, start: int = 1) -> list[dict]:
    """Claims-matrix rows for the aligned dates (``kind: "date"``)."""
    ex = extracted(ctx)
    rows = []
    for k, event in enumerate(date_events(ctx), start):
        _, disagree = event.split()
        cells: dict = {doc: None for doc in story.documents}
        for doc, m in event.members.items():
            d = ex[doc].document
            a, b = d.to_original(m.start, m.end)
            cells[doc] = {"text": m.text, "start": a, "end": b,
                          "date": m.day.isoformat() if m.day and m.granularity == "day"
                          else None, "weekday": calendar.day_name[m.weekday]
                          if m.weekday is not None else None,
                          "agrees": doc not in disagree}
        rows.append({"id": f"c{k}", "kind": "date", "unit": None, "counts": event.label,
                     "conflict": bool(disagree), "gap": False, "cells": cells})
    return rows
