"""The shape of UTF-8 in a run's bytes: a quick test, compiled, of whether a run of text
decoded through a double-byte codec may really be UTF-8 bytes (mojibake) or is clean text
in that codec."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # mypyc's unboxed integer, in annotations only (see ``gates``)
    from mypy_extensions import i64

_LEAD: Final = re.compile(rb"[\xc2-\xf4]")


def looks_utf8(data: bytes, marked: bool) -> bool:
    """A quick test of a run's bytes: whole UTF-8 sequences, with at most a few cut short
    (a lost byte) and no byte UTF-8 never uses, unless the decoder marked losses. Clean
    text in a double-byte codec fails it almost always.

    Read left to right, the bytes are tokens: a whole sequence, a lead with the
    continuations it has (cut short), a stray continuation; ASCII bytes (a double-byte
    character's second byte) are none. One compiled pass counts them (the runs are short:
    three regex searches cost more in calls than this loop in bytes)."""
    if marked:
        return _LEAD.search(data) is not None  # a whole sequence or one cut short
    whole: i64 = 0
    broken: i64 = 0
    tail = False  # the last token is a sequence cut short: a drop before the next ASCII byte
    n: i64 = len(data)
    i: i64 = 0
    while i < n:
        b: i64 = data[i]
        if b < 0x80:
            i += 1
            continue
        if b <= 0xBF:
            broken += 1  # a stray continuation
            i += 1
            continue
        if b < 0xC2 or b > 0xF4:
            return False  # a byte UTF-8 never uses
        need: i64 = 1 if b <= 0xDF else 2 if b <= 0xEF else 3
        j: i64 = i + 1
        while j < n and j - i <= need and 0x80 <= data[j] <= 0xBF:
            j += 1
        if j - i - 1 == need:
            whole += 1
        else:
            broken += 1
            tail = j == n
        i = j
    if tail:
        return 3 * (broken - 1) <= whole + 2
    # a few sequences cut short inside the run are losses the drop model may explain
    return whole > 0 and 3 * broken <= whole + 2


def could_be_utf8(quick: bytes, marked: bool) -> bool:
    """Whether a non-ASCII run may be UTF-8, from its bytes under a double-byte codec (the
    characters the codec lacks left out; ``marked``: the run has U+FFFD)."""
    # a run follows an ASCII byte, so in UTF-8 it starts with a lead byte (unless the decoder
    # marked a loss)
    return bool(quick) and (marked or 0xC2 <= quick[0] <= 0xF4) and looks_utf8(quick, marked)
