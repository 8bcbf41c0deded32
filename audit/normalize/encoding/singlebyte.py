"""Read a region of text as UTF-8 bytes decoded by a single-byte codec: where the codec's
gate opens (``gate_opens_at``), the stretches that can hold a piece (``stretches``), and the
pieces in them (``single_byte_pieces``). ``pieces`` turns the bytes into pieces."""

from __future__ import annotations

from functools import lru_cache

from audit.normalize.encoding.charmaps import A0_LEADS, A0_LEADS_2, SingleByte
from audit.normalize.encoding.pieces import (
    FOREIGN,
    MARK,
    NEED,
    QMARK,
    SPACE,
    Piece,
    a0_fits,
    read_pieces,
    second_ok,
    unit_at,
    whole_piece,
)


def single_byte_pieces(text: str, start: int, end: int, codec: SingleByte,
                       places: list[int]) -> list[Piece]:
    """Pieces of ``text[start:end]`` (a region of non-ASCII runs) under ``codec``. Where a
    space may stand for byte A0, the reading without it comes too: 'â€ ' is a dagger, or a
    closing quote whose last byte was dropped before a space. ``places``: the gate places
    in the region that name the codec (``gates.gate_places``), located in ``text``.

    No piece crosses the edge of a stretch (``stretches``), so each stretch that can hold
    one is read on its own, and its pieces are kept per stretch: a paragraph of clean
    Cyrillic is one region, made of word fragments that recur."""
    to_byte = codec.to_byte
    table = codec.unit_table
    chunks: list[tuple[int, str, int | None]] = []
    region = text[start:end]
    for s, e in stretches(region, codec, [p - start for p in places]):
        after: int | None
        if e < len(region):
            after = unit_at(region, e, table)
        else:
            nxt = text[end] if end < len(text) else None
            after = None if nxt is None else ord(nxt) if nxt < "\x80" else to_byte.get(nxt)
        chunks.append((start + s, region[s:e], after))
    found = [p.shifted(s) for s, chunk, after in chunks
             for p in _stretch_pieces(codec, chunk, after, True)]
    if any(p.a0 for p in found):
        found += [p for p in (p.shifted(s)
                              for s, chunk, after in chunks
                              for p in _stretch_pieces(codec, chunk, after, False))
                  if not p.a0 and not any(
                      q.start == p.start and q.end == p.end and q.parts == p.parts
                      for q in found)]
    return found


def stretches(text: str, codec: SingleByte, places: list[int]) -> list[tuple[int, int]]:
    """The whole stretches of ``text`` made of characters none of which ends every UTF-8
    sequence (those are characters the codec cannot produce and the readings of bytes C0, C1
    and F5-FF: never a lead, never a continuation), so no piece crosses their edges; and only
    those with what a piece needs (``evidence_at``): a stretch without it has no piece worth
    judging. Clean Cyrillic and Greek are mostly such stretches, and skipping them is most
    of the fast path for them.

    Evidence starts with a lead before a continuation or a lost-byte mark, which is a gate
    place that names the codec (``places``, in order), or with a lead before a '?' or one
    that takes A0 before a space, which are asked here."""
    table = codec.unit_table
    n = len(text)
    spaced: list[int] = []
    if " " in text or "?" in text:
        takes_a0 = codec.nbsp_space
        for i in range(1, n):
            c = ord(text[i])
            if c == 0x3F or (c == 0x20 and takes_a0 and unit_at(text, i - 1, table) in A0_LEADS):
                spaced.append(i - 1)
    found: list[tuple[int, int]] = []
    end = 0
    for pos in sorted({*places, *spaced}):
        if pos < end or not evidence_at(text, pos, codec):
            continue  # in the stretch just found, or no evidence there
        start = pos
        while start and _in_stretch(text, start - 1, table):
            start -= 1
        end = pos
        while end < n and _in_stretch(text, end, table):
            end += 1
        found.append((start, end))
    return found


def _in_stretch(text: str, i: int, table: bytes) -> bool:
    """Whether ``text[i]`` may stand inside a stretch: ASCII, the reading of a lead or a
    continuation, a lost-byte mark."""
    u = unit_at(text, i, table)  # (ASCII, '?', a space and a mark are below 0x80)
    return u != FOREIGN and (u < 0xC0 or 0xC2 <= u <= 0xF4)


@lru_cache(maxsize=1 << 15)
def _stretch_pieces(codec: SingleByte, chunk: str, after: int | None, a0: bool
                    ) -> tuple[Piece, ...]:
    """The pieces worth judging in one stretch, located in ``chunk`` (shared: not to be
    changed by the caller)."""
    try:
        raw = chunk.translate(codec.byte_view).encode("latin-1")
    except UnicodeEncodeError:
        raw = b""  # a lost-byte mark: judged unit by unit
    whole = whole_piece(codec, raw)
    if whole is not None:
        return (whole,)
    vals = _stretch_units(chunk, codec)
    if not may_hold_piece(vals, a0 and codec.nbsp_space, codec.silent_prefixes):
        return ()
    return tuple(read_pieces(chunk, codec, vals, list(range(len(chunk))), after, a0))


def scanned_stretch(codec: SingleByte, chunk: str, after: int | None, a0: bool
                    ) -> tuple[Piece, ...]:
    """The pieces worth judging in ``chunk``, read unit by unit (the slow path, and the
    reference the fast ones are tested against)."""
    vals = _stretch_units(chunk, codec)
    return tuple(read_pieces(chunk, codec, vals, list(range(len(chunk))), after, a0))


def _stretch_units(chunk: str, codec: SingleByte) -> list[int]:
    table = codec.unit_table
    return [unit_at(chunk, i, table) for i in range(len(chunk))]


def may_hold_piece(vals: list[int], a0: bool, silent: frozenset[tuple[int, ...]]) -> bool:
    """Whether ``read_pieces`` finds a piece worth judging in a stretch's unit values
    (``a0``: spaces may be read as A0; ``silent``: the codec's ``silent_prefixes``). Most
    stretches of clean Cyrillic hold none: each part between two bad bytes has a lead cut
    short with nothing to show for it ('ні' before 'й') and fewer than two whole sequences.

    The units are read as ``pieces._scan`` reads them (surrogates paired, a low one alone
    a bad byte) and each part judged as ``_worth`` judges it, counting instead of making
    sequences: a tenth of the cost."""
    n = len(vals)
    whole = 0       # whole sequences in the part since the last bad byte
    blind = False   # ... a lead cut short with nothing to show for it
    lost = False    # ... a sequence cut short that shows evidence
    high_end = -1   # where the last high surrogate ended
    i = 0
    while i < n:
        v = vals[i]
        if 0 <= v < 0x80 or v in (SPACE, QMARK):
            i += 1
            continue
        need = NEED[v] if 0 <= v < 0x100 else 0
        w = vals[i + 1] if i + 1 < n else FOREIGN
        if need and not (0x80 <= w <= 0xBF or w in (MARK, QMARK, SPACE)):
            blind = True  # a lead nothing after it can complete
            i += 1
            continue
        j = i + 1
        bad = need == 0
        if need:  # the lead's sequence, as ``_scan`` reads it
            known: list[int | None] = [v]
            marked = spaced = asked = False
            survived = 0  # continuation bytes that survived
            while len(known) <= need and j < n:
                w = vals[j]
                if 0x80 <= w <= 0xBF and (len(known) > 1 or second_ok(v, w)):
                    known.append(w)
                    survived += 1
                elif w == MARK or (w == QMARK and not asked):
                    known.append(None)
                    marked = True
                    asked = asked or w == QMARK
                elif w == SPACE and a0 and not spaced and a0_fits(v, known):
                    known.append(0xA0)
                    spaced = True
                else:
                    break
                j += 1
            second = known[1] if len(known) > 1 else None
            if len(known) == need + 1 and not marked:  # (valid UTF-8: ``a0_fits`` sees to it)
                if v == 0xED and second is not None and second >= 0xB0:
                    bad = high_end != i  # a low surrogate: joins a high one, else bad
                else:
                    whole += 1
                    if v == 0xED and second is not None and second >= 0xA0:
                        high_end = j
            elif marked or (survived and (spaced or tuple(
                    b for b in known if b is not None) in silent)):
                lost = True
            else:
                blind = True
        if bad:  # the part ends
            if _part_worth(whole, blind, lost):
                return True
            whole = 0
            blind = lost = False
        i = j
    return _part_worth(whole, blind, lost)


def _part_worth(whole: int, blind: bool, lost: bool) -> bool:
    """``pieces._worth`` of a part, from its counts: two whole sequences, or no lead cut
    short without evidence and something to repair."""
    return whole >= 2 or (not blind and whole + lost > 0)


def gate_opens_at(text: str, pos: int, codec: SingleByte) -> bool:
    """Whether ``codec.gate`` matches at ``pos``: the same alternatives, read from the bytes
    the characters stand for (``_units``)."""
    b, u1, u2, u3 = _units(text, pos, codec.unit_table)
    if b < 0xC2 or b > 0xF4:
        return False
    if b <= 0xDF:
        if _cm(u1):
            return True
    elif b <= 0xEF:
        if (_cont(u1) and _cm(u2)) or (u1 == QMARK and _cont(u2)):
            return True
    elif (_cont(u1) and _cont(u2) and _cm(u3)) \
            or (u1 == QMARK and _cont(u2) and _cont(u3)) \
            or (_cont(u1) and u2 == QMARK and _cont(u3)):
        return True
    if codec.undefined and b == 0xE2 and u1 == 0x80:
        return True  # the 'â€' of a punctuation mark whose last byte the codec dropped
    if not codec.nbsp_space:
        return False
    # a space where a no-break space (A0) stood
    return (b in A0_LEADS_2 and u1 == SPACE) \
        or ((b == 0xE2 or b == 0xE3) and u1 == SPACE and _cont(u2)) \
        or (b == 0xF0 and u1 == SPACE and _cont(u2) and _cont(u3)) \
        or (0xE0 <= b <= 0xE3 and _cont(u1) and u2 == SPACE)


def _units(text: str, pos: int, table: bytes) -> tuple[int, int, int, int]:
    """The byte at ``pos`` and the three after it (``FOREIGN`` past the end), as the patterns
    read them: SUB is a lost-byte mark there (``pieces.unit_at`` reads it as ASCII)."""
    n = len(text)
    return (_unit(text, pos, table),
            _unit(text, pos + 1, table) if pos + 1 < n else FOREIGN,
            _unit(text, pos + 2, table) if pos + 2 < n else FOREIGN,
            _unit(text, pos + 3, table) if pos + 3 < n else FOREIGN)


def _unit(text: str, i: int, table: bytes) -> int:
    u = unit_at(text, i, table)
    return MARK if u == 0x1A else u


def _cont(u: int) -> bool:
    """A continuation byte, or a mark where a byte was lost."""
    return 0x80 <= u <= 0xBF or u == MARK


def evidence_at(text: str, pos: int, codec: SingleByte) -> bool:
    """Whether ``codec.evidence`` matches at ``pos``: the same alternatives, read from the
    bytes the characters stand for (``_units``)."""
    b, u1, u2, u3 = _units(text, pos, codec.unit_table)
    if b < 0xC2 or b > 0xF4:
        return False
    # whole sequences, and sequences with a lost byte marked
    if b <= 0xDF:
        if _cm(u1):
            return True
    elif b <= 0xEF:
        if (_cm(u1) and _cm(u2)) or _mark(u1):
            return True
    elif (_cm(u1) and _cm(u2) and _cm(u3)) or _mark(u1) or (_cm(u1) and _mark(u2)) \
            or (_cm(u1) and _cm(u2) and _mark(u3)):
        return True
    # sequences cut short that the lost table can still explain
    for reading in codec.silent_readings:
        if text.startswith(reading, pos):
            return True
    if not codec.nbsp_space:
        return False
    # a space where a no-break space (A0) stood
    if (b in A0_LEADS_2 and u1 == SPACE) or ((b == 0xE2 or b == 0xE3) and u1 == SPACE
                                              and _cm(u2)) \
            or (0xE0 <= b <= 0xE3 and _cm(u1) and u2 == SPACE):
        return True
    if b != 0xF0:
        return False
    s1, s2, s3 = _cm(u1) or u1 == SPACE, _cm(u2) or u2 == SPACE, _cm(u3) or u3 == SPACE
    return (s1 and s2 and s3) or _mark(u1) or (s1 and _mark(u2)) or (s1 and s2 and _mark(u3))


def _cm(u: int) -> bool:
    """A continuation byte, a mark where a byte was lost, or a '?' that may stand for one."""
    return 0x80 <= u <= 0xBF or u in (MARK, QMARK)


def _mark(u: int) -> bool:
    return u in (MARK, QMARK)
