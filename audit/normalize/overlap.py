"""Choosing among repairs that several fixes proposed for the same text."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable

from audit.model import Repair


def keep_first(repairs: Iterable[Repair]) -> list[Repair]:
    """Drop each repair that overlaps one proposed before it (fixes run most specific
    first), and return the rest in text order. Two insertions at one point also clash."""
    starts: list[int] = []
    kept: dict[int, Repair] = {}
    for r in repairs:
        i = bisect_left(starts, r.start)
        clash = False
        for j in (i - 1, i):
            if 0 <= j < len(starts):
                k = kept[starts[j]]
                if (r.start < k.end and k.start < r.end) or r.start == k.start:
                    clash = True
        if not clash:
            insort(starts, r.start)
            kept[r.start] = r
    return [kept[s] for s in starts]
