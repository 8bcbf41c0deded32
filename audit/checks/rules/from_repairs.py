"""Findings derived from the repairs a normalizer made: the text was fixed, and the finding
says where and what was removed, in original-text coordinates."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from audit.checks.context import DocumentContext
from audit.checks.registry import Hit
from audit.model import Repair

SNIPPET = 60


def snippet(text: str, limit: int = SNIPPET) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def trimmed(ctx: DocumentContext, r: Repair) -> tuple[int, int]:
    """The repair's span in the original text without the white space around it."""
    start, end = r.start, r.end
    while start < end and ctx.original[start].isspace():
        start += 1
    while end > start and ctx.original[end - 1].isspace():
        end -= 1
    return start, end


def hits(ctx: DocumentContext, normalizer: str, keep: Callable[[Repair], bool],
         message: Callable[[Repair, str], str], suggestion: str | None = None
         ) -> Iterator[Hit]:
    for r in ctx.repairs:
        if r.normalizer != normalizer or not keep(r):
            continue
        start, end = trimmed(ctx, r)
        yield Hit(start, end, message(r, snippet(ctx.original[start:end])),
                  suggestion=suggestion, coords="original")
