"""The shape of UTF-8 in a run's bytes: a quick test, at C speed, of whether a run of text
decoded through a double-byte codec may really be UTF-8 bytes (mojibake) or is clean text
in that codec."""

from __future__ import annotations

import re

from audit.normalize.encoding.charmaps import DoubleByte

# the last sequence of a run, cut short
_CUT_UTF8 = re.compile(rb"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?|[\xf0-\xf4][\x80-\xbf]{0,2})$")
_TOKENS = re.compile(rb"(?P<seq>[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                     rb"|[\xf0-\xf4][\x80-\xbf]{3})|(?P<lead>[\xc2-\xf4][\x80-\xbf]*)"
                     rb"|(?P<cont>[\x80-\xbf])|(?P<bad>[\xc0\xc1\xf5-\xff])")


def looks_utf8(data: bytes, marked: bool) -> bool:
    """A quick test of a run's bytes: whole UTF-8 sequences, with at most a few cut short
    (a lost byte) and no byte UTF-8 never uses, unless the decoder marked losses. Clean
    text in a double-byte codec fails it almost always, at C speed."""
    whole = cut = stray = 0
    for m in _TOKENS.finditer(data):
        kind = m.lastgroup
        if kind == "seq":
            whole += 1
        elif kind == "lead":
            cut += 1
        elif kind == "cont":
            stray += 1
        elif not marked:
            return False
    if marked:
        return whole + cut > 0
    # the last sequence of a run may be cut by a drop before the next ASCII byte
    tail = _CUT_UTF8.search(data)
    if tail and tail.group():
        cut -= 1
    # a few sequences cut short inside the run are losses the drop model may explain
    return whole + (1 if tail and tail.group() else 0) > 0 and 3 * (cut + stray) <= whole + 2


def could_be_utf8(run: str, codec: DoubleByte) -> bool:
    """Whether the non-ASCII ``run``, mapped back to ``codec``'s bytes, may be UTF-8."""
    marked = "\ufffd" in run
    quick = run.encode(codec.name, "ignore")
    # a run follows an ASCII byte, so in UTF-8 it starts with a lead byte (unless the decoder
    # marked a loss)
    return bool(quick) and (marked or 0xC2 <= quick[0] <= 0xF4) and looks_utf8(quick, marked)
