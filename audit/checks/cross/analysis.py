"""What the cross-source rules share: each document's figures, names and dates, extracted
once per story and kept in ``StoryContext.cache`` (the rules and ``enrich`` all read it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

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
    """Figures, names and dates of every document of the story, by document id. A story
    of one document has no other source to compare with: nothing is extracted."""
    def compute() -> dict[str, Extracted]:
        out: dict[str, Extracted] = {}
        if len(ctx.documents) < 2:
            return out
        for d in ctx.documents:
            text = d.text
            out[d.id] = Extracted(d, tuple(extract_figures(text)), tuple(extract_names(text)),
                                  tuple(extract_dates(text, d.document.published)))
        return out
    return cached(ctx, "cross:extracted", compute)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


Pair = tuple[float, str, int, str, int]


def scored_pairs(items: dict[str, list[T]], compatible: Callable[[T, T], bool],
                 score: Callable[[T, T], float], threshold: float) -> list[Pair]:
    """Every pair of items from two different sources that may say the same thing, as
    ``(-score, source a, index in a, source b, index in b)``, best first. The alignment of
    figures and of dates both cluster these pairs greedily."""
    ids = sorted(items)
    pairs: list[Pair] = []
    for x, a in enumerate(ids):
        for b in ids[x + 1:]:
            for ka, ia in enumerate(items[a]):
                for kb, ib in enumerate(items[b]):
                    if compatible(ia, ib):
                        s = score(ia, ib)
                        if s >= threshold:
                            pairs.append((-s, a, ka, b, kb))
    pairs.sort()
    return pairs
