"""The shape of UTF-8 in a run's bytes: a quick test, at C speed, of whether a run of text
decoded through a double-byte codec may really be UTF-8 bytes (mojibake) or is clean text
in that codec."""

from __future__ import annotations

import re
from typing import Final

# the last sequence of a run, cut short
_CUT_UTF8: Final = re.compile(
    rb"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2})$")
_SEQ = rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
_WHOLE: Final = re.compile(_SEQ)
# a run's bytes as UTF-8 tokens: a whole sequence, a lead with the continuations it has (cut
# short), a stray continuation
_TOKEN: Final = re.compile(_SEQ + rb"|[\xc2-\xf4][\x80-\xbf]*|[\x80-\xbf]")
_LEAD: Final = re.compile(rb"[\xc2-\xf4]")
_NEVER: Final = re.compile(rb"[\xc0\xc1\xf5-\xff]")  # bytes UTF-8 never uses


def looks_utf8(data: bytes, marked: bool) -> bool:
    """A quick test of a run's bytes: whole UTF-8 sequences, with at most a few cut short
    (a lost byte) and no byte UTF-8 never uses, unless the decoder marked losses. Clean
    text in a double-byte codec fails it almost always.

    Read left to right, the bytes are tokens (``_TOKEN``); the test needs only how many of
    each kind, and those are counted at C speed. A lead byte is always the first byte of its
    token, and every lead byte starts a whole sequence or one cut short: so a search for
    whole sequences alone finds the same ones the tokens have."""
    if marked:
        return _LEAD.search(data) is not None  # a whole sequence or one cut short
    if _NEVER.search(data):
        return False
    whole = len(_WHOLE.findall(data))
    broken = len(_TOKEN.findall(data)) - whole  # cut short, and stray continuations
    # the last sequence of a run may be cut by a drop before the next ASCII byte
    tail = _CUT_UTF8.search(data)
    if tail and tail.group():
        return 3 * (broken - 1) <= whole + 2
    # a few sequences cut short inside the run are losses the drop model may explain
    return whole > 0 and 3 * broken <= whole + 2


def could_be_utf8(quick: bytes, marked: bool) -> bool:
    """Whether a non-ASCII run may be UTF-8, from its bytes under a double-byte codec (the
    characters the codec lacks left out; ``marked``: the run has U+FFFD)."""
    # a run follows an ASCII byte, so in UTF-8 it starts with a lead byte (unless the decoder
    # marked a loss)
    return bool(quick) and (marked or 0xC2 <= quick[0] <= 0xF4) and looks_utf8(quick, marked)
