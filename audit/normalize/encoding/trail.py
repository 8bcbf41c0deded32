"""The text being repaired as chunks of the original, so repairs made in several passes
(one per layer of damage) still come out as one Repair per repaired span of the original."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from audit.model import Repair


@dataclass
class Chunk:
    start: int                  # span of the original text
    end: int
    text: str | None = None     # None: unchanged
    steps: list[dict[str, Any]] = field(default_factory=list)
    fresh: bool = False         # made by the latest apply


@dataclass(frozen=True)
class Edit:
    """Replace ``current[start:end]`` with ``after``; ``step`` says how (codec, guesses)."""

    start: int
    end: int
    after: str
    step: dict[str, Any]


class Trail:
    def __init__(self, original: str):
        self.original = original
        self.chunks = [Chunk(0, len(original))]

    def _text(self, c: Chunk) -> str:
        return self.original[c.start:c.end] if c.text is None else c.text

    @property
    def text(self) -> str:
        return "".join(self._text(c) for c in self.chunks)

    def apply(self, edits: list[Edit]) -> None:
        """Apply non-empty, non-overlapping edits located in the current text, in one sweep.

        Unchanged chunks are cut at the edits' ends; a repaired chunk an edit touches is taken
        in whole, so the merged chunk still maps to a span of the original.
        """
        if not edits:
            return
        edits = sorted(edits, key=lambda e: e.start)
        chunks = self._cut(sorted({e.start for e in edits} | {e.end for e in edits}))
        texts = [self._text(c) for c in chunks]
        starts = [0]
        for t in texts:
            starts.append(starts[-1] + len(t))
        current = "".join(texts)
        out: list[Chunk] = []
        i = k = 0
        while i < len(chunks):
            if k >= len(edits) or not (starts[i] < edits[k].end and starts[i + 1] > edits[k].start):
                out.append(chunks[i])
                i += 1
                continue
            first = i
            parts = [current[starts[i]:edits[k].start]]
            steps = []
            j = i
            while True:
                e = edits[k]
                while j < len(chunks) and starts[j] < e.end:
                    j += 1
                parts.append(e.after)
                steps.append(e.step)
                k += 1
                if k < len(edits) and edits[k].start < starts[j]:
                    parts.append(current[e.end:edits[k].start])  # both touch one chunk
                    continue
                parts.append(current[e.end:starts[j]])
                break
            steps = [s for c in chunks[first:j] for s in c.steps] + steps
            out.append(Chunk(chunks[first].start, chunks[j - 1].end, "".join(parts), steps,
                             fresh=True))
            i = j
        self.chunks = out

    def replace_all(self, old: str, new: str) -> None:
        """Swap a placeholder character in every repaired chunk."""
        for c in self.chunks:
            if c.text is not None and old in c.text:
                c.text = c.text.replace(old, new)

    def fresh(self) -> list[tuple[int, int]]:
        """Spans (in the current text) of the chunks the last ``apply`` made, and clears the
        mark: where the next layer of damage can be."""
        out = []
        pos = 0
        for c in self.chunks:
            length = len(self._text(c))
            if c.fresh:
                out.append((pos, pos + length))
                c.fresh = False
            pos += length
        return out

    def _cut(self, cuts: list[int]) -> list[Chunk]:
        """The chunks with unchanged ones cut at the given current positions."""
        out: list[Chunk] = []
        pos = 0
        ci = 0
        for c in self.chunks:
            length = len(self._text(c))
            end = pos + length
            while ci < len(cuts) and cuts[ci] <= pos:
                ci += 1
            if c.text is None:
                start = c.start
                while ci < len(cuts) and cuts[ci] < end:
                    cut = c.start + (cuts[ci] - pos)
                    out.append(Chunk(start, cut))
                    start = cut
                    ci += 1
                out.append(Chunk(start, c.end))
            else:
                out.append(c)
            pos = end
        return out

    def repairs(self, normalizer: str, describe) -> list[Repair]:
        """One Repair per maximal run of touching repaired chunks."""
        out: list[Repair] = []
        group: list[Chunk] = []
        for c in [*self.chunks, None]:
            if c is not None and c.text is not None and (not group or group[-1].end == c.start):
                group.append(c)
                continue
            if group:
                start, end = group[0].start, group[-1].end
                after = "".join(g.text or "" for g in group)
                before = self.original[start:end]
                if after != before:
                    steps = [s for g in group for s in g.steps]
                    reason, confidence, meta = describe(steps)
                    out.append(Repair(normalizer, start, end, before, after, reason,
                                      confidence, meta))
            group = [c] if c is not None and c.text is not None else []
        return out
