"""What the cross-source rules share: each document's figures, names and dates, extracted
once per story and kept in ``StoryContext.cache`` (the rules and ``enrich`` all read it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from audit.checks.context import AuditedDocument, StoryContext
from audit.extract.dates import DateMention, extract_dates
from audit.extract.figures import Figure, extract_figures
from audit.extract.names import Mention, extract_names

T = TypeVar("T")


def cached(ctx: StoryContext, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per story context."""
    if key not in ctx.cache:
        ctx.cache[key] = compute()
    return ctx.cache[key]


@dataclass(frozen=True)
class Extracted:
    """One document's extractions, in its repaired text's offsets."""

    document: AuditedDocument
    figures: tuple[Figure, ...]
    names: tuple[Mention, ...]
    dates: tuple[DateMention, ...]


def extracted(ctx: StoryContext) -> dict[str, Extracted]:
    """Figures, names and dates of every document of the story, by document id."""
    def compute() -> dict[str, Extracted]:
        out = {}
        for d in ctx.documents:
            text = d.text
            out[d.id] = Extracted(d, tuple(extract_figures(text)), tuple(extract_names(text)),
                                  tuple(extract_dates(text, d.document.published)))
        return out
    return cached(ctx, "cross:extracted", compute)


def source_label(d: AuditedDocument) -> str:
    return d.document.source or d.id


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def majority(values: dict[str, Any]) -> list[str]:
    """Document ids whose value is the most common one (ties: all tied ids)."""
    counts: dict[Any, int] = {}
    for v in values.values():
        counts[v] = counts.get(v, 0) + 1
    best = max(counts.values(), default=0)
    return sorted(k for k, v in values.items() if counts[v] == best)
