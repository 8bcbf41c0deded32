"""Offset maps between a text and its repaired form.

Each normalizer step replaces some spans of its input. ``EditMap`` records those spans for
one step and maps positions both ways; ``OffsetMap`` composes the steps of a whole chain, so a
finding located in the fully repaired text can be reported against the original, and a
repair made by a late step can be located in the original too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """``text[start:end]`` of a step's input became ``after``."""

    start: int
    end: int
    after: str


class EditMap:
    """Position mapping for one step: input ↔ output, given the step's edits."""

    def __init__(self, edits: Iterable[Edit]):
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        self._in_starts: list[int] = []
        self._in_ends: list[int] = []
        self._out_starts: list[int] = []
        self._out_ends: list[int] = []
        shift = 0
        last_end = -1
        for e in ordered:
            if e.start < last_end:
                raise ValueError(f"overlapping edits at {e.start}")
            self._in_starts.append(e.start)
            self._in_ends.append(e.end)
            self._out_starts.append(e.start + shift)
            shift += len(e.after) - (e.end - e.start)
            self._out_ends.append(e.end + shift)
            last_end = e.end

    def to_output(self, pos: int, *, side: str = "start") -> int:
        """Map an input position forward. Inside an edit, snap to its start or end."""
        i = bisect_right(self._in_starts, pos) - 1
        if i < 0:
            return pos
        if pos >= self._in_ends[i]:
            return pos - self._in_ends[i] + self._out_ends[i]
        if pos == self._in_starts[i]:
            return self._out_starts[i]
        return self._out_starts[i] if side == "start" else self._out_ends[i]

    def to_input(self, pos: int, *, side: str = "start") -> int:
        """Map an output position back. Inside a replacement, snap to the edit's start or end.

        At a deletion (an edit whose output is empty) a start maps past the deleted text and
        an end before it, so a span next to removed furniture does not swallow it.
        """
        i = bisect_right(self._out_starts, pos) - 1
        if i < 0:
            return pos
        if self._out_starts[i] == self._out_ends[i] == pos:
            return self._in_starts[i] if side == "end" else self._in_ends[i]
        if pos >= self._out_ends[i]:
            return pos - self._out_ends[i] + self._in_ends[i]
        if pos == self._out_starts[i]:
            return self._in_starts[i]
        return self._in_starts[i] if side == "start" else self._in_ends[i]


class OffsetMap:
    """The composition of a chain's ``EditMap`` s (first step first)."""

    def __init__(self, steps: Sequence[EditMap] = ()):
        self._steps = list(steps)

    def to_original(self, pos: int, *, side: str = "start") -> int:
        for step in reversed(self._steps):
            pos = step.to_input(pos, side=side)
        return pos

    def to_repaired(self, pos: int, *, side: str = "start") -> int:
        for step in self._steps:
            pos = step.to_output(pos, side=side)
        return pos

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        a = self.to_original(start, side="start")
        b = self.to_original(end, side="end")
        return a, max(a, b)

    def span_to_repaired(self, start: int, end: int) -> tuple[int, int]:
        a = self.to_repaired(start, side="start")
        b = self.to_repaired(end, side="end")
        return a, max(a, b)
