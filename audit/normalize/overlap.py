"""Combining the repairs that several fixes proposed for the same text."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import replace

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


def no_new_gaps(text: str, repairs: list[Repair]) -> list[Repair]:
    """A deletion between two spaces takes one of them along: a gap of two spaces is how a
    dropped number shows, and a repair must not make one (``rescued <img> people``).
    Adjacent deletions (``<span></span>``) count as one. ``repairs`` must be in text order
    and not overlap."""
    out = list(repairs)
    spaces = " \t\u00a0"
    i = 0
    while i < len(out):
        j = i
        while not out[j].after and j + 1 < len(out) and not out[j + 1].after \
                and out[j + 1].start == out[j].end:
            j += 1
        first, last = out[i], out[j]
        nxt = out[j + 1].start if j + 1 < len(out) else len(text)
        if (not first.after and not last.after and first.start > 0 and last.end < nxt
                and text[first.start - 1] in spaces and text[last.end] in spaces):
            out[j] = replace(last, end=last.end + 1, before=text[last.start:last.end + 1])
        i = j + 1
    return out
