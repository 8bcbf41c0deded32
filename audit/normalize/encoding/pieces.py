"""Find the pieces of a text that read as UTF-8 once mapped back to a codec's bytes.

A *piece* is a span of the text whose characters, mapped back to the bytes a codec decoded
them from, form whole UTF-8 sequences: the span is a candidate for repair. Some sequences
are *lossy*: a byte is missing (dropped by the decoder, or replaced by ``U+FFFD`` or ``?``),
and the piece records what survives so ``lossy`` can infer the rest.

Bytes are kept as small ints; a few negative values mark bytes whose value is not known
from the text alone (see ``charmaps``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # mypyc's unboxed integer, in annotations only (see ``gates``)
    from mypy_extensions import i64

from audit.normalize.encoding.charmaps import (
    A0_LEADS_2,
    DoubleByte,
    SingleByte,
)

FOREIGN: Final = -3   # a character the codec cannot have produced
MARK: Final = -4      # U+FFFD or SUB: a byte the decoder rejected
QMARK: Final = -5     # '?': maybe a character an encoder could not write
SPACE: Final = -6     # ' ': maybe a no-break space (A0) turned into a space

# surrogates: high D800-DBFF, low DC00-DFFF (built with chr: mypyc takes no surrogate literal)
_SURROGATE, _HIGH_END, _LOW, _LOW_END = chr(0xD800), chr(0xDBFF), chr(0xDC00), chr(0xDFFF)
_HIGH_BYTE: Final = re.compile(rb"[\x80-\xff]")
_ASCII_BYTES: Final = bytes(range(0x80))
NEED: Final = [0] * 0xC2 + [1] * 30 + [2] * 16 + [3] * 5 + [0] * 11   # by lead byte


class Lost:
    """A UTF-8 sequence with bytes missing. ``known`` has the surviving bytes in place and
    ``None`` for the lost ones; ``marks`` says what stood for each lost byte. (A plain
    class, as ``_Seq``: clean Cyrillic makes one per lowercase letter.)"""

    __slots__ = ("after", "known", "marks", "observed", "window")

    def __init__(self, known: list[int | None], marks: list[str | None],
                 after: int | None = None, window: list[int | None] | None = None,
                 observed: str = "") -> None:
        self.known = known
        self.marks = marks
        self.after = after            # the byte that followed (for the drop model)
        # double-byte codecs: the bytes around the loss (None where lost) and the text they
        # were read as, to check that a guess reproduces what the decoder made of them
        self.window: list[int | None] = window if window is not None else []
        self.observed = observed

    def _fields(self) -> tuple[object, ...]:
        return self.known, self.marks, self.after, self.window, self.observed

    def __eq__(self, other: object) -> bool:
        # by value, as pieces' parts are compared ('Ã ' read with and without an A0)
        return isinstance(other, Lost) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return "Lost(known={!r}, marks={!r}, after={!r}, window={!r}, observed={!r})".format(
            *self._fields())


@dataclass(slots=True, init=False)
class Piece:
    """A repairable span ``text[start:end]`` and what it decodes to. (Its ``__init__`` is
    written out: the one a dataclass generates runs as Python, 4,000 instructions a piece.)"""

    start: int
    end: int
    codec: SingleByte | DoubleByte
    parts: list[str | Lost]
    a0: int              # spaces read as byte A0
    lost: int            # sequences with missing bytes
    nbytes: int          # bytes of the multi-byte sequences: the evidence the piece carries
    nseq: int            # whole multi-byte sequences
    a0_leads: list[int]  # lead bytes completed with an A0
    plain: str           # the decoded text, U+FFFD for lost characters (set once parts are)

    def __init__(self, start: int, end: int, codec: SingleByte | DoubleByte,
                 parts: list[str | Lost] | None = None, a0: int = 0, lost: int = 0,
                 nbytes: int = 0, nseq: int = 0, a0_leads: list[int] | None = None,
                 plain: str = "") -> None:
        self.start = start
        self.end = end
        self.codec = codec
        self.parts = [] if parts is None else parts
        self.a0 = a0
        self.lost = lost
        self.nbytes = nbytes
        self.nseq = nseq
        self.a0_leads = [] if a0_leads is None else a0_leads
        self.plain = plain

    def shifted(self, by: int) -> Piece:
        """A copy located ``by`` characters further on (pieces are found in a stretch or a
        run and kept per stretch; ``dataclasses.replace`` is several times slower)."""
        return Piece(self.start + by, self.end + by, self.codec, self.parts, self.a0,
                     self.lost, self.nbytes, self.nseq, self.a0_leads, self.plain)

    def decoded(self, fills: dict[int, str] | None = None) -> str:
        """The decoded text, lost characters taken from ``fills`` (by part index) or U+FFFD."""
        if not fills:
            return self.plain
        return "".join([p if isinstance(p, str) else fills.get(i, "\ufffd")
                        for i, p in enumerate(self.parts)])


class _Seq:
    """One UTF-8 sequence (or stray byte) of units ``lo:hi``. A plain class: the ``__init__``
    a dataclass generates is not compiled, and clean Ukrainian makes one per letter."""

    __slots__ = ("a0", "hi", "kind", "lo", "lost", "text")

    def __init__(self, lo: int, hi: int, kind: str, text: str = "", lost: Lost | None = None,
                 a0: bool = False) -> None:
        self.lo = lo            # unit range
        self.hi = hi
        self.kind = kind        # "ascii", "char", "lost", "lone" (a lost lead alone), "bad"
        self.text = text
        self.lost = lost
        self.a0 = a0


def a0_fits(lead: int, known: list[int | None]) -> bool:
    """Whether byte A0 (read back from a space) may come next: only where it gives a likely
    character (ftfy's ALTERED_UTF8_RE makes the same choice)."""
    if lead < 0xE0:
        return lead in A0_LEADS_2
    if lead <= 0xE3:
        if len(known) == 1:
            return lead >= 0xE2
        second = known[1]
        return len(known) == 2 and second is not None and second != 0x85 and second != 0xA0
    return lead == 0xF0


def second_ok(lead: int, b: int) -> bool:
    if lead == 0xE0:
        return b >= 0xA0
    if lead == 0xF0:
        return b >= 0x90
    if lead == 0xF4:
        return b <= 0x8F
    return True


def _scan(vals: list[int], *, a0: bool) -> list[_Seq]:
    """Split unit values into UTF-8 sequences (and stray bytes)."""
    out: list[_Seq] = []
    n = len(vals)
    i = 0
    surrogates = False  # only lead ED makes one
    while i < n:
        v = vals[i]
        surrogates = surrogates or v == 0xED
        if 0 <= v < 0x80 or v in (SPACE, QMARK):
            out.append(_Seq(i, i + 1, "ascii", " " if v == SPACE else "?" if v == QMARK
                            else chr(v)))
            i += 1
            continue
        need = NEED[v] if 0 <= v < 0x100 else 0
        if need == 0:
            out.append(_Seq(i, i + 1, "bad"))
            i += 1
            continue
        j = i + 1 + need
        if j <= n and 0x80 <= vals[i + 1] <= 0xBF and (need < 2 or 0x80 <= vals[i + 2] <= 0xBF) \
                and (need < 3 or 0x80 <= vals[i + 3] <= 0xBF) and second_ok(v, vals[i + 1]):
            # the common case: a whole sequence of plain bytes
            try:
                out.append(_Seq(i, j, "char", bytes(vals[i:j]).decode("utf-8",
                                                                      "surrogatepass")))
                i = j
                continue
            except UnicodeDecodeError:
                pass
        j = i + 1
        after = vals[j] if j < n else FOREIGN
        if not (0x80 <= after <= 0xBF or after in (MARK, QMARK, SPACE)):
            # a lead nothing after it can complete (clean Cyrillic: most lowercase letters):
            # its ``Lost`` is made only if a piece is (``_lone``)
            out.append(_Seq(i, j, "lone"))
            i = j
            continue
        known: list[int | None] = [v]
        marks: list[str | None] = [None]
        used_space = False
        while len(known) <= need and j < n:
            w = vals[j]
            first = len(known) == 1
            if 0x80 <= w <= 0xBF and (not first or second_ok(v, w)):
                known.append(w)
                marks.append(None)
            elif w in (MARK, QMARK):
                if w == QMARK and any(m == "?" for m in marks):
                    break  # at most one '?' per sequence, as with ftfy
                known.append(None)
                marks.append("?" if w == QMARK else "\ufffd")
            elif w == SPACE and a0 and not used_space and a0_fits(v, known):
                known.append(0xA0)
                marks.append(" ")
                used_space = True
            else:
                break
            j += 1
        if len(known) == need + 1 and None not in known:
            raw = bytes(known)  # type: ignore[arg-type]
            try:
                text = raw.decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                out.append(_Seq(i, i + 1, "bad"))
                i += 1
                continue
            out.append(_Seq(i, j, "char", text, a0=used_space))
        else:
            missing = need + 1 - len(known)
            known += [None] * missing
            marks += [None] * missing
            out.append(_Seq(i, j, "lost", lost=Lost(known, marks), a0=used_space))
        i = j
    return _join_surrogates(out) if surrogates else out


def _join_surrogates(seqs: list[_Seq]) -> list[_Seq]:
    """CESU-8 writes an astral character as two three-byte surrogates: join each pair."""
    out: list[_Seq] = []
    for s in seqs:
        if s.kind == "char" and _SURROGATE <= s.text <= _LOW_END:
            prev = out[-1] if out else None
            if (_LOW <= s.text <= _LOW_END and prev is not None and prev.kind == "char"
                    and _SURROGATE <= prev.text <= _HIGH_END and prev.hi == s.lo):
                pair = (prev.text + s.text).encode("utf-16-le", "surrogatepass")
                out[-1] = _Seq(prev.lo, s.hi, "char", pair.decode("utf-16-le"),
                               a0=prev.a0 or s.a0)
                continue
            if _SURROGATE <= s.text <= _HIGH_END:
                out.append(s)  # may pair with the next one
                continue
            s = _Seq(s.lo, s.hi, "bad")
        out.append(s)
    return [_Seq(s.lo, s.hi, "bad") if s.kind == "char" and _SURROGATE <= s.text <= _LOW_END
            else s for s in out]


def read_pieces(text: str, codec: SingleByte | DoubleByte, vals: list[int], owner: list[int],
            after: int | None, a0: bool = True) -> Iterator[Piece]:
    """Turn unit values (each owned by a character index of ``text``) into the pieces
    worth judging (``_worth``: asked of the sequences, before a piece is made of them)."""
    seqs = _scan(vals, a0=a0 and isinstance(codec, SingleByte) and codec.nbsp_space)
    if codec.multibyte:
        seqs = [_Seq(s.lo, s.hi, "bad") if _lost_inside(s, vals, owner) else s for s in seqs]
    bad_chars = {owner[u] for s in seqs if s.kind == "bad" for u in range(s.lo, s.hi)}
    if bad_chars and codec.multibyte:
        # a double-byte character split by a bad byte cannot be half-repaired: rescan the
        # stretches between bad characters on their own
        units = [u for u in range(len(vals)) if owner[u] not in bad_chars]
        stretch: list[int] = []
        for u in [*units, None]:
            if u is not None and (not stretch or owner[u] - owner[stretch[-1]] <= 1):
                stretch.append(u)
                continue
            if stretch:
                sub_after = vals[stretch[-1] + 1] if stretch[-1] + 1 < len(vals) else after
                if sub_after is not None and sub_after < 0:
                    sub_after = 0xFF if sub_after == MARK else None  # U+FFFD: a rejected byte
                yield from read_pieces(text, codec, [vals[k] for k in stretch],
                                   [owner[k] for k in stretch], sub_after)
            stretch = [u] if u is not None else []
        return
    current: list[_Seq] = []
    for s in [*seqs, None]:
        if s is not None and s.kind != "bad":
            current.append(s)
            continue
        # spaces and '?' the sequences did not need are not part of the piece; an ASCII
        # byte inside a double-byte character ('檚' is 99 73, the 's' of '’s') is
        while len(current) > 1 and current[-1].kind == "ascii" \
                and owner[current[-1].lo] != owner[current[-2].hi - 1]:
            current.pop()
        while current and current[0].kind == "ascii" and (
                len(current) == 1 or owner[current[0].lo] != owner[current[1].lo]):
            current.pop(0)
        if len(current) == 1 and current[0].kind == "ascii":
            current = []
        if current and _worth(current, codec):
            yield _make_piece(text, codec, current, owner, vals, after)
        current = []


def _lost_inside(s: _Seq, vals: list[int], owner: list[int]) -> bool:
    """Whether the sequence ``s``, cut short, can only have lost its bytes inside a
    character (under a double-byte codec): impossible, as a decoder drops bytes only between
    the characters it reads. The bytes were lost somewhere after the lead: after one of the
    sequence's units, inside a character wherever the next unit is the same character's
    ('하' is C7 CF in EUC-KR: C7 is no lead that lost its continuation before CF; but in
    E5 | 9A E8, GBK's reading of '多' without its A4, the loss is at the bar). Such a lead
    is a bad byte."""
    if s.kind != "lone" and (s.kind != "lost" or s.lost is None or not any(
            b is None and m is None for b, m in zip(s.lost.known, s.lost.marks, strict=True))):
        return False  # whole, or only bytes a mark stands for (a character of its own)
    return all(u + 1 < len(vals) and owner[u + 1] == owner[u] for u in range(s.lo, s.hi))


def _make_piece(text: str, codec: SingleByte | DoubleByte, seqs: list[_Seq], owner: list[int],
                vals: list[int], after: int | None) -> Piece:
    start = owner[seqs[0].lo]
    end = owner[seqs[-1].hi - 1] + 1
    piece = Piece(start, end, codec)
    for s in seqs:
        if s.kind == "lone":
            _lone(s, vals[s.lo])
        if s.kind == "lost" and s.lost is not None:
            nxt = vals[s.hi] if s.hi < len(vals) else after
            s.lost.after = 0x20 if nxt == SPACE else 0x3F if nxt == QMARK else nxt
            if codec.multibyte:
                _window(text, s, owner, vals, after)
            piece.parts.append(s.lost)
            piece.lost += 1
            piece.nbytes += sum(1 for b in s.lost.known if b is not None)
        else:
            piece.parts.append(s.text)
            if s.kind == "char":
                piece.nbytes += len(s.text.encode("utf-8", "surrogatepass"))
                piece.nseq += 1
        piece.a0 += s.a0
        if s.a0:
            piece.a0_leads.append(vals[s.lo])
    piece.plain = "".join([p if isinstance(p, str) else "\ufffd" for p in piece.parts])
    return piece


def _lone(s: _Seq, lead: int) -> None:
    """Make a lone lead (``_scan``) the lost sequence it stands for."""
    need = NEED[lead]
    s.kind = "lost"
    s.lost = Lost([lead] + [None] * need, [None] * (need + 1))


def _window(text: str, s: _Seq, owner: list[int], vals: list[int], after: int | None) -> None:
    """Record the bytes of the characters around a lost sequence, with the lost bytes as
    None, and the text the decoder made of them."""
    assert s.lost is not None
    c0, c1 = owner[s.lo], owner[s.hi - 1]
    u0 = s.lo
    while u0 and owner[u0 - 1] == c0:
        u0 -= 1
    u1 = s.hi
    while u1 < len(owner) and owner[u1] == c1:
        u1 += 1
    missing = sum(1 for b, m in zip(s.lost.known, s.lost.marks, strict=True)
                  if b is None and m is None)
    # lost bytes of other sequences read as U+FFFD too: any invalid byte reproduces that
    window: list[int | None] = [0xFF if v < 0 else v for v in vals[u0:s.lo]]
    window += [None if v < 0 else v for v in vals[s.lo:s.hi]]
    window += [None] * missing + [0xFF if v < 0 else v for v in vals[s.hi:u1]]
    observed = text[c0:c1 + 1]
    if u1 < len(owner):  # the next character inside the run
        nxt = owner[u1]
        while u1 < len(owner) and owner[u1] == nxt:
            window.append(vals[u1] if vals[u1] >= 0 else 0xFF)
            u1 += 1
        observed += text[nxt]
    elif after is not None and c1 + 1 < len(text):
        window.append(after)
        observed += text[c1 + 1]
    s.lost.window = window
    s.lost.observed = observed


def whole_piece(codec: SingleByte | DoubleByte, raw: bytes) -> Piece | None:
    """The common case, at C speed: the bytes of a stretch or run (one per character under a
    single-byte codec, the whole run under a double-byte one) are UTF-8 from end to end.
    Then no byte was lost and no space stood for one, and the stretch holds one piece of
    whole sequences, from its first non-ASCII byte to its last."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    first = _HIGH_BYTE.search(raw)
    if first is None:
        return None
    last = len(raw.rstrip(_ASCII_BYTES))
    if codec.multibyte:  # the ASCII bytes a pair swallowed belong to the piece
        first_at, last_at = 0, len(raw)
    else:
        first_at, last_at = first.start(), last
    text = raw[first_at:last_at].decode("utf-8")
    high = len(text) - len(text.encode("ascii", "ignore"))
    piece = Piece(first.start() if not codec.multibyte else 0, last, codec, [text],
                  nbytes=len(raw[first_at:last_at].translate(None, _ASCII_BYTES)), nseq=high,
                  plain=text)
    return piece if high else None


def unit_at(text: str, i: int, table: bytes) -> int:
    """The unit value of ``text[i]`` under a single-byte codec (its ``unit_table``; read
    by code point: a one-character string costs an allocation outside Latin-1)."""
    c: i64 = ord(text[i])
    if c < 0x80:
        return SPACE if c == 0x20 else QMARK if c == 0x3F else c
    v: i64 = table[c] if c < 0x10000 else 0
    return v if v >= 0x80 else MARK if v == 1 else FOREIGN


def _worth(seqs: list[_Seq], codec: SingleByte | DoubleByte) -> bool:
    """A piece needs a whole non-ASCII sequence. Under a single-byte codec a lost sequence
    should show a mark where the byte was lost, or a surviving continuation byte that the
    lost table can explain ('â€' before a space: a closing quote without its 9D): a lone
    lead letter ('Ä' before 'rger') or a sequence cut short that nothing commonly lost
    completes ('ні') proves nothing by itself, and is only taken inside a piece with at
    least two whole sequences around it ('бород' + 'Ń', whose 83 was dropped)."""
    whole = 0
    for s in seqs:
        if s.kind == "char":  # a whole sequence: never ASCII
            whole += 1
    if whole >= 2:
        return True
    # one whole sequence or none: every lost one must show evidence of its own
    lost = 0
    for s in seqs:
        if s.kind == "lone" or s.lost is not None:
            # a lone lead: nothing survives but the lead
            if isinstance(codec, SingleByte) and (
                    s.lost is None or not _lost_evidence(s.lost, codec)):
                return False
            lost += 1
    return whole + lost > 0


def _lost_evidence(lost: Lost, codec: SingleByte) -> bool:
    known, marks = lost.known, lost.marks
    for m in marks:
        if m == "\ufffd" or m == "?":
            return True
    for i in range(1, len(known)):
        if known[i] is not None and marks[i] is None:
            break
    else:
        return False  # nothing survives but the lead (and spaces read as A0)
    if " " in marks:
        return True
    # dropped without a trace: ``lossy`` only believes the characters of the lost table
    return tuple(b for b in lost.known if b is not None) in codec.silent_prefixes
