"""Where mojibake may start in a text: one compiled pass over its code points.

``charmaps`` says what each character can be at such a place (``GATE_FLAGS``: a lead
reading, a continuation or lost-byte mark, a lead that takes A0 before a space, a C1
control, CJK) and gives the same classes as patterns (``SINGLE_GATE``, ``SUSPECT``,
``DOUBLE_GATE``), which the tests hold this scan to. The regex engine tries a pattern's
alternatives wherever its first class matches, which in Cyrillic, Greek or Czech is every
few letters; this loop looks each character up once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from audit.normalize.encoding.charmaps import (
    C1,
    CJK,
    FOLLOW,
    GATE_FLAGS,
    LEAD,
    SINGLE_BYTE,
    SPACED,
    SPACED3,
    SingleByte,
)
from audit.normalize.encoding.pairs import (
    AFTER_A0,
    CODEC_SETS,
    LAYER_HITS,
    PAIR_FOLLOWS,
    PAIR_LEADS,
    SPACED_2,
    SPACED_3,
)

if TYPE_CHECKING:  # mypyc's unboxed integer (the loops below run once per character); in
    # annotations only, never evaluated: the module runs as plain Python without it
    from mypy_extensions import i64

# a place where single-byte mojibake may start, and the codecs that may read it so
Place = tuple[int, tuple[SingleByte, ...]]
_FLAGS: Final = GATE_FLAGS
_SPACE: Final = 0x20


def looks_suspect(text: str) -> bool:
    """The fast path: False means no codec can explain any part of ``text`` (pure ASCII, or
    no character that mojibake is made of in a suspicious place): ``SUSPECT`` searched.
    Microseconds per page."""
    return not text.isascii() and _scan(text, True)[2]


def gate_places(text: str) -> tuple[list[Place], bool]:
    """Where single-byte mojibake may start, in order, with the codecs that may read it so;
    and whether the text has a character double-byte mojibake is made of (``DOUBLE_GATE``).

    A place is found by the character that makes it (where ``SINGLE_GATE`` matches): a
    continuation (the place is the lead before it), a lead before a space, or a stray C1
    control."""
    places, cjk, _ = _scan(text, False)
    return places, cjk


def _scan(text: str, first: bool) -> tuple[list[Place], bool, bool]:
    """The gate places, whether there is CJK, whether either is (``first``: stop there)."""
    places: list[Place] = []
    cjk = False
    flags = _FLAGS
    n: i64 = len(text)
    prev: i64 = 0
    pos: i64
    for pos in range(n):
        c: i64 = ord(text[pos])
        f: i64 = flags[c] if c < 0x10000 else 0  # (inline: a call per character costs a third)
        if f:
            if f & CJK:
                if first:
                    return places, True, True
                cjk = True
            elif _opens(text, pos, n, f, prev):
                if first:
                    return places, cjk, True
                if pos:
                    mask = _mask(PAIR_LEADS, ord(text[pos - 1])) & _mask(PAIR_FOLLOWS, c)
                    if mask:  # else no codec reads the pair as the start of a sequence
                        places.append((pos - 1, CODEC_SETS[mask]))
                if f & C1:
                    places.append((pos, SINGLE_BYTE))  # any codec's sequence may hold it
                elif pos + 1 < n and ord(text[pos + 1]) == _SPACE:
                    codecs = spaced_codecs(text, pos)
                    if codecs:
                        places.append((pos, codecs))
        prev = f
    return places, cjk, cjk or bool(places)


def spaced_codecs(text: str, pos: int) -> tuple[SingleByte, ...]:
    """The codecs whose gate may open at ``pos``, a lead before a space (``SINGLE_PAIRS``
    keys the lead with the space, or with the space and the character after it)."""
    c: i64 = ord(text[pos])
    mask = _mask(SPACED_2, c)
    if pos + 2 < len(text):
        mask |= _mask(SPACED_3, c) & _mask(AFTER_A0, ord(text[pos + 2]))
    return CODEC_SETS[mask]


def may_hold_layer(text: str) -> bool:
    """Whether text that a repair produced may hold one more layer of single-byte mojibake:
    a whole sequence as some codec reads it (or the 'â€' of a punctuation mark whose last
    byte that codec drops). Lost-byte marks and spaces do not count here: they were just
    explained. Clean Cyrillic has many a lead before a continuation ('ні'), few whole
    sequences."""
    for hit in LAYER_HITS.finditer(text):
        pos = hit.start()
        mask = _mask(PAIR_LEADS, ord(text[pos])) & _mask(PAIR_FOLLOWS, ord(text[pos + 1]))
        if any(codec.layer.match(text, pos) for codec in CODEC_SETS[mask]):
            return True
    return False


def _mask(table: list[bytes], c: i64) -> i64:
    """A character's mask of codecs in one of the pair tables (``pairs``)."""
    if c >= 0x10000:
        return 0
    block = table[c >> 8]
    at: i64 = (c & 0xFF) * 2
    return block[at] | block[at + 1] << 8


def _flags(c: i64) -> i64:
    return _FLAGS[c] if c < 0x10000 else 0


def _opens(text: str, pos: i64, n: i64, f: i64, prev: i64) -> bool:
    """Whether ``SINGLE_GATE`` matches at ``pos`` (its character's flags ``f``, the previous
    one's ``prev``): a continuation after a lead, a lead that takes A0 before a space (one
    of three or four bytes needs a continuation after the space), a C1 control."""
    if f & FOLLOW and prev & LEAD:
        return True
    if f & C1:
        return True
    if not f & (SPACED | SPACED3) or pos + 1 >= n or ord(text[pos + 1]) != _SPACE:
        return False
    return bool(f & SPACED) or (pos + 2 < n and _flags(ord(text[pos + 2])) & FOLLOW != 0)


def runs(text: str) -> list[tuple[int, int]]:
    """The spans of the runs of non-ASCII characters of ``text`` (where double-byte
    mojibake may be): a Korean text has one per word, and a regex makes a match object of
    each."""
    out: list[tuple[int, int]] = []
    n: i64 = len(text)
    start: i64 = -1
    i: i64
    for i in range(n):
        if ord(text[i]) >= 0x80:
            if start < 0:
                start = i
        elif start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, n))
    return out


def region_around(text: str, pos: int) -> tuple[int, int]:
    """The span of the region around ``pos`` (a non-ASCII character): non-ASCII runs joined
    by single spaces or '?', and one space or '?' after the last run (the patterns' ``[^\x00-
    \x7f]+(?:[ ?][^\x00-\x7f]+)*[ ?]?`` from where the region begins)."""
    n: i64 = len(text)
    start: i64 = pos
    while start > 0:
        if ord(text[start - 1]) >= 0x80:
            start -= 1
        elif start > 1 and _joins(ord(text[start - 1])) and ord(text[start - 2]) >= 0x80:
            start -= 2
        else:
            break
    end: i64 = pos
    while end < n:
        if ord(text[end]) >= 0x80:
            end += 1
        elif end + 1 < n and _joins(ord(text[end])) and ord(text[end + 1]) >= 0x80:
            end += 2
        else:
            break
    if end < n and _joins(ord(text[end])):
        end += 1
    return start, end


def _joins(c: i64) -> bool:
    return c == _SPACE or c == 0x3F  # ' ' or '?'
