"""Read a run of non-ASCII text as UTF-8 bytes decoded by a double-byte codec (GBK, Big5,
Shift-JIS, EUC-KR and their supersets): which codecs' bytes for the run may be UTF-8 at all
(``known_suspects``), and the pieces in it (``double_byte_pieces``). ``pieces`` turns the
bytes into pieces.

Clean Chinese, Japanese and Korean are almost all runs whose bytes fail every codec: a byte
UTF-8 never uses, or no lead byte first. What each character's bytes say is learned once per
character (``_TRAITS``), so most runs are failed without encoding them.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Final

from audit.normalize.encoding.charmaps import CJK, DOUBLE_BYTE, GATE_FLAGS, HOLE_MARKS, DoubleByte
from audit.normalize.encoding.pieces import FOREIGN, MARK, Piece, read_pieces, whole_piece
from audit.normalize.encoding.utf8shape import could_be_utf8

if TYPE_CHECKING:  # mypyc's unboxed integer, in annotations only (see ``gates``)
    from mypy_extensions import i64

# each codec with its name, the codec it extends and its encoding function, read once:
# attributes of the (uncompiled) codec classes are looked up by name on every use
_READERS: Final = tuple((c, c.name, c.variant_of, c.encoder) for c in DOUBLE_BYTE)

# What a character's bytes under each codec say about a run that holds it (no U+FFFD in the
# run), one bit per codec (in ``DOUBLE_BYTE``'s order) in each of three bytes: the codec
# cannot write it (encoding with "ignore" drops it), its bytes hold one UTF-8 never uses
# (C0, C1, F5-FF: the run fails), its first byte is no lead (C2-F4: the run fails where the
# character is the first the codec writes).
_ALL: Final = (1 << len(DOUBLE_BYTE)) - 1
_UNKNOWN: Final = 0xFF  # in the first byte: not learned yet (the codecs use seven bits)
assert len(DOUBLE_BYTE) < 8
# by block of 256 code points, three bytes each (compact: a lookup per character of every
# run, in documents read between other work); each entry learned when first met (a Korean
# text meets a few thousand syllables; learning a whole block costs more than it saves)
_TRAITS: Final[list[bytes]] = [bytes([_UNKNOWN, 0, 0]) * 256] * 256


def _learn(c: int) -> bytes:
    """Learn the traits of code point ``c``; its block, with them. A superset writes what
    its base writes in two bytes alike, so it encodes only what its base does not."""
    ch = chr(c)
    dropped = never = no_lead = 0
    written: dict[str, bytes] = {}
    for k, (_, name, base, encode) in enumerate(_READERS):
        raw = written.get(base, b"") if base is not None else b""
        if len(raw) != 2:
            raw = encode(ch, "ignore")[0]
        written[name] = raw
        if not raw:
            dropped |= 1 << k
            continue
        for b in raw:
            if b >= 0xC0 and not 0xC2 <= b <= 0xF4:
                never |= 1 << k  # a byte UTF-8 never uses
                break
        if not 0xC2 <= raw[0] <= 0xF4:
            no_lead |= 1 << k
    block = bytearray(_TRAITS[c >> 8])
    at = (c & 0xFF) * 3
    block[at:at + 3] = bytes([dropped, never, no_lead])
    _TRAITS[c >> 8] = bytes(block)
    return _TRAITS[c >> 8]


def _failed(text: str, start: int, end: int) -> tuple[int, bool]:
    """The codecs whose bytes for ``text[start:end]`` (without U+FFFD) cannot be UTF-8 that
    ``could_be_utf8`` takes, by what its characters' bytes say (``_TRAITS``: a byte UTF-8
    never uses anywhere, no lead byte first, no byte at all), as bits; and whether the run
    has a character double-byte mojibake is made of (``DOUBLE_GATE``). The codecs are
    stateless: a run's bytes are its characters' bytes one after the other."""
    failed: i64 = 0
    wrote: i64 = 0   # the codecs that wrote a character of the run so far
    cjk = False
    astral = False   # met one (not kept): what was known before it holds, nothing after it
    flags = GATE_FLAGS
    for i in range(start, end):
        c: i64 = ord(text[i])
        if c >= 0x10000:
            astral = True
            continue
        if flags[c] & CJK:
            cjk = True
        if astral:
            continue
        block = _TRAITS[c >> 8]
        at: i64 = (c & 0xFF) * 3
        if block[at] == _UNKNOWN:
            block = _learn(c)
        writes: i64 = ~block[at] & _ALL
        failed |= writes & (block[at + 1] | (~wrote & block[at + 2]))
        wrote |= writes
        if failed == _ALL and cjk:
            return failed, cjk
    return (failed if astral else failed | ~wrote) & _ALL, cjk


# The answers of ``_suspects`` per run, for runs the characters' traits leave in doubt.
# Words recur (a Korean text is many short runs, the same ones again and again). A dict
# emptied when full: an LRU cache's bookkeeping costs more than a miss saves.
KNOWN_RUNS: Final = 1 << 16
_KNOWN_RUNS: Final[dict[str, tuple[DoubleByte, ...]]] = {}


def known_suspects(text: str, start: int, end: int) -> tuple[DoubleByte, ...]:
    """``_double_byte_suspects(text[start:end])``: most runs of clean CJK text are failed by
    their characters' traits, the rest remembered."""
    failed, cjk = _failed(text, start, end)
    if not cjk:
        return ()
    marked = text.find("\ufffd", start, end) >= 0
    if failed == _ALL and not marked:
        return ()
    run = text[start:end]
    suspects = _KNOWN_RUNS.get(run)
    if suspects is None:
        if len(_KNOWN_RUNS) >= KNOWN_RUNS:
            _KNOWN_RUNS.clear()
        suspects = _KNOWN_RUNS[run] = _suspects(run, 0 if marked else failed, marked)
    return suspects


def _double_byte_suspects(run: str) -> tuple[DoubleByte, ...]:
    """The double-byte codecs whose bytes for the non-ASCII ``run`` may be UTF-8."""
    failed, cjk = _failed(run, 0, len(run))
    if not cjk:
        return ()
    marked = "\ufffd" in run
    # (a lost-byte mark excuses bytes UTF-8 never uses: ``could_be_utf8``)
    return _suspects(run, 0 if marked else failed, marked)


def _suspects(run: str, failed: int, marked: bool) -> tuple[DoubleByte, ...]:
    """The codecs not in ``failed`` (bits) whose bytes for ``run`` may be UTF-8."""
    found = []
    # a codec's answer, where it reads every character of the run as two bytes: a superset
    # (GB18030 of GBK, cp932 of Shift-JIS, cp949 of EUC-KR) writes those characters with
    # the same bytes, so it answers the same
    whole: dict[str, bool] = {}
    for k, (codec, name, base, encode) in enumerate(_READERS):
        if base is not None and base in whole:
            if whole[base]:
                found.append(codec)
            continue
        if failed >> k & 1:
            continue
        quick = encode(run, "ignore")[0]
        ok = could_be_utf8(quick, marked)
        if ok:
            found.append(codec)
        if _two_bytes_each(quick, len(run)):
            whole[name] = ok
    return tuple(found)


def _two_bytes_each(data: bytes, chars: int) -> bool:
    """Whether ``chars`` characters were written as ``data`` two bytes each (EUC-KR's
    eight-byte forms of the syllables it lacks begin with A4 D4; ``bytes.find``, as
    ``in`` first tries the operand as an int and pays for the TypeError)."""
    return len(data) == 2 * chars and data.find(b"\xa4\xd4") < 0


def double_byte_pieces(text: str, start: int, end: int, codec: DoubleByte) -> list[Piece]:
    """Pieces of the non-ASCII run ``text[start:end]`` under a double-byte ``codec`` (whose
    bytes for the run may be UTF-8: ``known_suspects``)."""
    nxt = text[end] if end < len(text) else ""
    return [p.shifted(start)
            for p in _run_pieces(codec, text[start:end], nxt)]


@lru_cache(maxsize=1 << 14)
def _run_pieces(codec: DoubleByte, run: str, nxt: str) -> tuple[Piece, ...]:
    """The pieces worth judging in one run followed by ``nxt``, located in ``run``: a run
    recurs ('鈥檚' is every "'s"), and what it holds depends on the next character only
    (shared: not to be changed by the caller)."""
    try:
        whole = whole_piece(codec, codec.encoder(run, "strict")[0])
    except UnicodeEncodeError:
        whole = None
    return (replace(whole, end=len(run)),) if whole is not None else scanned_run(codec, run, nxt)


def scanned_run(codec: DoubleByte, run: str, nxt: str) -> tuple[Piece, ...]:
    """The pieces worth judging in ``run``, read unit by unit (the slow path, and the
    reference the fast one is tested against)."""
    vals: list[int] = []
    owner: list[int] = []
    for k, ch in enumerate(run):
        if ch in HOLE_MARKS:
            vals.append(MARK)
            owner.append(k)
            continue
        raw = codec.encode_char(ch)
        if raw is None:
            vals.append(FOREIGN)
            owner.append(k)
            continue
        vals.extend(raw)
        owner.extend([k] * len(raw))
    after = ord(nxt) if nxt else None
    return tuple(read_pieces(run + nxt, codec, vals, owner, after))
