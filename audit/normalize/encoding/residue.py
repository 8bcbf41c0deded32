"""What still looks like mojibake after the repair: the evidence the repair could not use.

- ``U+FFFD``: bytes lost in transit that could not be inferred;
- C1 controls: bytes read as Latin-1 that no codec explains;
- stretches of three bytes or more that read as UTF-8 under some codec, with a telltale of
  mojibake, that the repair left alone because the paragraph gave too little evidence or
  two codecs disagreed. Shorter readings are not reported: two bytes of clean text read as
  a UTF-8 character by chance too often (``DrÃ¥ber`` next to a clean en dash is left alone,
  as by ftfy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit.normalize.encoding import gates, plausibility, repair
from audit.normalize.encoding.charmaps import SingleByte, single_byte_label

_LOST = re.compile("\ufffd+")
_C1 = re.compile("[\x80-\x9f]+")


@dataclass(frozen=True)
class Residue:
    start: int
    end: int
    reason: str
    reading: str | None = None  # what it would read as, where a codec reads it


def find(text: str) -> list[Residue]:
    """Residue of mojibake in ``text`` (normally text the repair already went over)."""
    found: list[Residue] = []
    for m in _LOST.finditer(text):
        found.append(Residue(m.start(), m.end(), "lost bytes that could not be inferred"))
    for m in _C1.finditer(text):
        found.append(Residue(m.start(), m.end(), "control characters: bytes read as Latin-1"))
    if gates.looks_suspect(text):
        for piece in repair.candidates(text):
            observed = text[piece.start:piece.end]
            if "\ufffd" in observed or piece.a0 or piece.nseq == 0 or piece.nbytes < 3:
                # reported as lost bytes; or too little to go on: a two-byte reading of
                # clean text happens by chance ('Е ' as 'Š', box drawing as 'ſ')
                continue
            left = text[max(0, piece.start - repair.CONTEXT):piece.start]
            right = text[piece.end:piece.end + repair.CONTEXT]
            lo = len(left)
            decoded = piece.decoded()
            if not plausibility.marked(left + observed + right, lo, lo + len(observed)):
                continue
            old = plausibility.cost(left + observed + right, lo, lo + len(observed))
            new = plausibility.cost(left + decoded + right, lo, lo + len(decoded))
            if new < old:
                codec = single_byte_label(piece.codec, observed) if isinstance(
                    piece.codec, SingleByte) else piece.codec.label
                found.append(Residue(piece.start, piece.end,
                                     f"reads as UTF-8 misread as {codec}", decoded))
    return _merge(found)


def _merge(found: list[Residue]) -> list[Residue]:
    """One residue per span: overlapping readings of the same stretch are one finding."""
    out: list[Residue] = []
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            last = out[-1]
            if r.end > last.end:
                out[-1] = Residue(last.start, r.end, last.reason, last.reading)
            continue
        out.append(r)
    return out
