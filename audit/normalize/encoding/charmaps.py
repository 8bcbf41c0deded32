"""Byte-level views of the codecs that UTF-8 text gets misread through.

Mojibake is UTF-8 bytes decoded with the wrong codec. To undo it we need, for each codec, the
way back from a character to the byte (or bytes) it was decoded from. A ``ByteView`` turns a
run of text into those bytes, marking the bytes we know were lost:

- ``U+FFFD`` stands for a byte the decoder rejected (``errors="replace"``);
- ``?`` stands for a character a later *encoder* could not write (``errors="replace"``), only
  where a UTF-8 sequence needs a byte there;
- a space may stand for byte ``A0`` (no-break space) that some program turned into a space.

Single-byte codecs are "sloppy" like a browser's: a byte the codec leaves undefined reads as
the C1 control of the same value. For Windows-1252 every C1 control maps back to its byte, so
text that mixes Latin-1 and Windows-1252 readings still maps back to one byte string.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Final

HOLE = -1          # a lost byte: value unknown
SPACE_A0 = -2      # a space that may have been byte A0

REPLACEMENT = "\ufffd"
# Stands for U+FFFD while the repair works, where a character could not be inferred: the
# next layer must not read our own marks as bytes its codec lost. A noncharacter, which
# never occurs in interchanged text; it becomes U+FFFD when the repair is done.
UNINFERRED = "\ufdd0"
# Characters that can stand for a lost byte.
HOLE_MARKS = frozenset({REPLACEMENT, "\x1a"})


@dataclass(frozen=True, eq=False)
class SingleByte:
    """A single-byte codec: every byte 80-FF is one character."""

    name: str                      # Python codec name
    label: str                     # the name reported in a Repair's codec path
    nbsp_space: bool = True        # byte A0 is a no-break space (so may have become a space)
    prior: float = 0.0             # extra price for assuming this codec (rarer in the wild)
    variant_of: SingleByte | None = None  # a codec it differs from in a few characters only
    to_byte: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    undefined: frozenset[int] = frozenset()
    multibyte = False

    @cached_property
    def own(self) -> re.Pattern[str]:
        """Characters this codec reads differently from the codec it varies."""
        base = self.variant_of
        assert base is not None
        differ = {ch for ch, b in self.to_byte.items() if base.to_byte.get(ch) != b}
        differ |= {ch for ch, b in base.to_byte.items() if self.to_byte.get(ch) != b}
        return re.compile(_class(differ))

    @classmethod
    def build(cls, name: str, label: str, prior: float = 0.0, *, latin1: bool = False,
              variant_of: SingleByte | None = None) -> SingleByte:
        to_byte: dict[str, int] = {}
        undefined: set[int] = set()
        for b in range(0x80, 0x100):
            try:
                ch = bytes([b]).decode(name)
            except UnicodeDecodeError:
                undefined.add(b)
                ch = chr(b)
            to_byte.setdefault(ch, b)
        if latin1:
            for b in range(0x80, 0xA0):
                to_byte.setdefault(chr(b), b)  # a Latin-1 reading of the same byte
        nbsp = to_byte.get("\xa0") == 0xA0
        return cls(name, label, nbsp, prior, variant_of, to_byte, frozenset(undefined))

    def native(self, b: int) -> str | None:
        """What the codec itself reads byte ``b`` as (None: undefined)."""
        return None if b in self.undefined else bytes([b]).decode(self.name)

    def chars(self, lo: int, hi: int) -> str:
        return "".join(sorted(ch for ch, b in self.to_byte.items() if lo <= b <= hi))

    @cached_property
    def start_chars(self) -> frozenset[str]:
        """Characters that read a UTF-8 lead byte (C2-F4)."""
        return frozenset(self.chars(0xC2, 0xF4))

    @cached_property
    def cont_chars(self) -> frozenset[str]:
        return frozenset(self.chars(0x80, 0xBF))

    @cached_property
    def gate(self) -> re.Pattern[str]:
        """Where this codec's mojibake may be: a whole UTF-8 sequence, one with a lost byte
        marked ('?', U+FFFD) or, where the codec drops bytes, the 'â€' of a General
        Punctuation character cut short; or a lead before a space that stood for A0. (The
        definition: ``singlebyte.gate_opens_at`` asks it of one place, in compiled code and
        without the cost of compiling this pattern, which is what the repair does.)"""
        def cls(lo: int, hi: int) -> str:
            return _class(self.chars(lo, hi))
        c = _class(self.cont_chars | HOLE_MARKS)
        cq = _class(self.cont_chars | HOLE_MARKS | {"?"})
        alts = [f"{cls(0xC2, 0xDF)}{cq}", f"{cls(0xE0, 0xEF)}{c}{cq}",
                rf"{cls(0xE0, 0xEF)}\?{c}", f"{cls(0xF0, 0xF4)}{c}{c}{cq}",
                rf"{cls(0xF0, 0xF4)}(?:\?{c}|{c}\?){c}"]
        if self.undefined:
            alts.append(f"{cls(0xE2, 0xE2)}{cls(0x80, 0x80)}")
        if self.nbsp_space:
            alts.append(_class({ch for ch, b in self.to_byte.items()
                                if b in A0_LEADS and b < 0xE0}) + " ")
            alts.append(f"{cls(0xE2, 0xE3)} {c}|{cls(0xF0, 0xF0)} {c}{c}")
            alts.append(f"{cls(0xE0, 0xE3)}{c} ")
        return re.compile("|".join(alts))

    @cached_property
    def byte_view(self) -> dict[int, str]:
        """A ``str.translate`` table from a character to the byte it was read from (as the
        Latin-1 character of that value); characters the codec cannot produce and marks of
        lost bytes become U+0100, which no byte is, so the view does not encode."""
        table = {cp: "\u0100" for cp in range(0x80, 0x100)}
        table.update({ord(ch): "\u0100" for ch in HOLE_MARKS})
        table.update({ord(ch): chr(b) for ch, b in self.to_byte.items()})
        return table

    @cached_property
    def unit_table(self) -> bytes:
        """``to_byte`` as a table over the Basic Multilingual Plane, for the compiled
        readers (``pieces.unit_at``): the byte a character above ASCII was read from, 1 for
        U+FFFD (a lost byte), 0 for a character the codec cannot produce."""
        table = bytearray(0x10000)
        for ch, b in self.to_byte.items():
            table[ord(ch)] = b
        table[ord(REPLACEMENT)] = 1
        return bytes(table)

    @cached_property
    def silent_prefixes(self) -> frozenset[tuple[int, ...]]:
        """The bytes a sequence may keep when this codec dropped the rest without a trace
        and ``lossy`` can still believe it: only the characters commonly lost that way (the
        ``lost`` table) are, so Windows-1252 'â€' (E2 80, a closing quote without its 9D)
        is evidence of damage, and Ukrainian 'ні' (ED B3, cut short) is not."""
        from audit.normalize.encoding import data  # the lost table is data

        out = set()
        for ch in data.lost_weights()[1]:
            raw = ch.encode("utf-8")
            for cut in range(2, len(raw)):
                if all(b in self.undefined for b in raw[cut:]):
                    out.add(tuple(raw[:cut]))
        return frozenset(out)

    def reading(self, raw: tuple[int, ...]) -> str:
        """The characters this codec reads ``raw`` as (undefined bytes as C1 controls)."""
        return "".join(chr(b) if b in self.undefined else bytes([b]).decode(self.name)
                       for b in raw)

    @cached_property
    def layer(self) -> re.Pattern[str]:
        """A whole sequence, or the 'â€' cut short where the codec drops bytes (see
        ``may_hold_layer``)."""
        def cls(lo: int, hi: int) -> str:
            return _class(self.chars(lo, hi))
        c = _class(self.cont_chars)
        alts = [f"{cls(0xC2, 0xDF)}{c}", f"{cls(0xE0, 0xEF)}{c}{c}", f"{cls(0xF0, 0xF4)}{c}{c}{c}"]
        if self.undefined:
            alts.append(f"{cls(0xE2, 0xE2)}{cls(0x80, 0x80)}")
        return re.compile("|".join(alts))

    @cached_property
    def silent_readings(self) -> tuple[str, ...]:
        """The ``silent_prefixes`` as this codec reads them ('â€' in Windows-1252)."""
        return tuple(self.reading(raw) for raw in sorted(self.silent_prefixes))

    @cached_property
    def evidence(self) -> re.Pattern[str]:
        """What a piece needs to be worth judging (``pieces._worth``): a whole sequence, one
        with a lost byte marked ('?', U+FFFD) or cut short where the lost table can explain
        it (``silent_prefixes``), or a space where a no-break space may have stood
        (``pieces.a0_fits``). (The definition: ``singlebyte.evidence_at`` asks it of one
        place, in compiled code, which is what the repair does.)"""
        def cls(lo: int, hi: int) -> str:
            return _class(self.chars(lo, hi))

        def leads(allowed: frozenset[int]) -> str:
            return _class({ch for ch, b in self.to_byte.items() if b in allowed})

        mark = _class(HOLE_MARKS | {"?"})
        cm = _class(self.cont_chars | HOLE_MARKS | {"?"})
        # whole sequences, and sequences with a lost byte marked
        alts = [f"{cls(0xC2, 0xDF)}{cm}", f"{cls(0xE0, 0xEF)}(?:{cm}{cm}|{mark})",
                f"{cls(0xF0, 0xF4)}(?:{cm}{{3}}|{cm}{{0,2}}{mark})"]
        # sequences cut short that the lost table can still explain
        alts += [re.escape(r) for r in self.silent_readings]
        if self.nbsp_space:  # a space where a no-break space (A0) stood
            cms = f"[{cm[1:-1]} ]"
            alts += [f"{leads(A0_LEADS_2)} ", f"{leads(frozenset({0xE2, 0xE3}))} {cm}",
                     f"{cls(0xE0, 0xE3)}{cm} ",
                     f"{leads(frozenset({0xF0}))}(?:{cms}{{3}}|{cms}{{0,2}}{mark})"]
        return re.compile("|".join(alt for alt in alts if "[]" not in alt))

    def lost_bytes(self, mark: str | None) -> frozenset[int]:
        """Bytes that can have been lost where ``mark`` stands (None: dropped silently)."""
        if mark == "?":
            # an encoder wrote '?' for a character it lacked: one of the bytes whose reading
            # is outside Latin-1, or one this codec leaves undefined
            return frozenset(b for b in range(0x80, 0xA0)) | self.undefined
        if mark == " ":
            return frozenset({0xA0}) if self.nbsp_space else frozenset()
        return self.undefined


@dataclass(frozen=True, eq=False)
class DoubleByte:
    """A CJK codec where most characters are two bytes and a pair can swallow an ASCII byte."""

    name: str
    label: str
    prior: float = 0.0
    variant_of: str | None = None   # a superset of this codec (same bytes for its characters)
    multibyte = True

    @cached_property
    def encoder(self) -> Callable[[str, str], tuple[bytes, int]]:
        """The codec's encoding function (``str.encode`` looks the codec up by name on every
        call: twice as slow on a run of a few characters)."""
        return codecs.getencoder(self.name)

    def encode_char(self, ch: str) -> bytes | None:
        try:
            return self.encoder(ch, "strict")[0]
        except UnicodeEncodeError:
            return None

    @cached_property
    def single_bytes(self) -> frozenset[int]:
        """Bytes 80-FF that are characters on their own (Shift-JIS half-width katakana)."""
        out = set()
        for b in range(0x80, 0x100):
            try:
                bytes([b]).decode(self.name)
            except UnicodeDecodeError:
                continue
            out.add(b)
        return frozenset(out)


# In order of preference when two codecs read a piece the same way; the prior is the extra
# evidence a rarer misreading needs.
# also covers Latin-1, and text that mixes the two readings: C1 controls map to bytes
_CP1252 = SingleByte.build("cp1252", "windows-1252", latin1=True)
SINGLE_BYTE: tuple[SingleByte, ...] = (
    _CP1252,
    *(SingleByte.build(*spec) for spec in (
        ("cp1250", "windows-1250", 0.3),
        ("cp1251", "windows-1251", 0.3),
        ("mac_roman", "mac-roman", 0.5),
    )),
    # Turkish Windows-1254 differs from Windows-1252 in six letters: only a region with one
    # of them needs its own reading
    SingleByte.build("cp1254", "windows-1254", 0.2, variant_of=_CP1252),
    *(SingleByte.build(*spec) for spec in (
        ("cp1253", "windows-1253", 0.5),
        ("cp1257", "windows-1257", 0.5),
        ("iso8859_2", "iso-8859-2", 0.5),
        ("cp437", "cp437", 0.7),
    )),
)

DOUBLE_BYTE: tuple[DoubleByte, ...] = (
    DoubleByte("gbk", "gbk"),
    DoubleByte("gb18030", "gb18030", 0.1, variant_of="gbk"),
    DoubleByte("big5", "big5", 0.3),
    DoubleByte("shift_jis", "shift-jis", 0.3),
    DoubleByte("cp932", "cp932", 0.4, variant_of="shift_jis"),
    DoubleByte("euc_kr", "euc-kr", 0.3),
    DoubleByte("cp949", "cp949", 0.4, variant_of="euc_kr"),
)

# Windows-1252 readings that Latin-1 does not have: a piece that uses none of them (and has
# C1 controls) was read as Latin-1.
CP1252_ONLY = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore"))


def single_byte_label(codec: SingleByte, piece: str) -> str:
    if codec.name == "cp1252" and any("\x80" <= ch <= "\x9f" for ch in piece) \
            and not any(ch in CP1252_ONLY for ch in piece):
        return "latin-1"
    return codec.label


def _class(chars: frozenset[str] | set[str] | str) -> str:
    """A regex character class of ``chars``, consecutive ones as ranges: the patterns are
    compiled when a codec is first met, and the regex parser (Python code) takes longer
    over a long class than the engine over the text."""
    points = sorted(set(map(ord, chars)))
    out = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        out.append(lo if j == i else lo + hi if j == i + 1 else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(out) + "]"


Alternative = tuple[str, str, str]


def _anchored(alternatives: list[Alternative]) -> re.Pattern[str]:
    """One pattern for the alternatives ``(before, anchor, after)``: a character of the class
    ``before`` (if any), one of the class ``anchor``, then ``after``; it matches at the
    anchor. The regex engine skips to the next character of a pattern's first class in one
    C loop, but tries an alternation at every position: so the pattern starts with the union
    of the anchors, and each alternative checks what stands behind it."""
    # drop those with an empty class (a codec without such bytes)
    alternatives = [alt for alt in alternatives if not any("[]" in part for part in alt)]
    first = "".join(anchor[1:-1] if anchor.startswith("[") else anchor
                    for _, anchor, _ in alternatives)
    branches = "|".join(f"(?<={before}{anchor}){after}"
                        for before, anchor, after in alternatives)
    return re.compile(f"[{first}](?:{branches})")


# Lead bytes right after which a space may stand for a lost A0 (see ``pieces.a0_fits``;
# a space in third place follows a continuation, which the gate catches anyway).
# Two-byte leads whose sequence, with a space where A0 stood, gives a likely character:
# no-break space, à, Š, Π, Р, Arabic zero.
A0_LEADS_2 = frozenset({0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9})
A0_LEADS = A0_LEADS_2 | {0xE2, 0xE3, 0xF0}


# What a character can be at a gate place, as bits of ``GATE_FLAGS`` (``gates`` reads them;
# Final: the compiled module takes the values, not a look-up in this module's globals)
LEAD: Final = 1       # a lead byte's reading in some codec
FOLLOW: Final = 2     # a continuation's reading in some codec, or a lost-byte mark
SPACED: Final = 4     # a two-byte lead that takes A0 (a space may follow)
SPACED3: Final = 8    # a longer lead that takes A0 (a space, then a continuation)
C1: Final = 16        # a C1 control
CJK: Final = 32       # a character double-byte mojibake is made of
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
               (0xF900, 0xFAFF), (0xFF61, 0xFF9F))


def _gate_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """What makes a place where single-byte mojibake may start: lead readings, and what may
    follow one (continuation readings, lost-byte marks); leads that take A0 before a space,
    two-byte ones and longer ones (``spaced``, ``spaced3``)."""
    starts: set[str] = set()
    conts: set[str] = set()
    spaced: set[str] = set()   # two-byte leads that take A0: any character may follow
    spaced3: set[str] = set()  # longer ones: a continuation must follow the A0
    for c in SINGLE_BYTE:
        starts |= c.start_chars
        conts |= c.cont_chars
        if c.nbsp_space:
            spaced |= {ch for ch, b in c.to_byte.items() if b in A0_LEADS_2}
            spaced3 |= {ch for ch, b in c.to_byte.items() if b in A0_LEADS - A0_LEADS_2}
    return (frozenset(starts), frozenset(conts | HOLE_MARKS), frozenset(spaced),
            frozenset(spaced3 - spaced))


def _gate_flags() -> bytes:
    """The gate's classes as a table over the Basic Multilingual Plane (all their characters
    are in it), for the compiled scan (``gates``)."""
    flags = bytearray(0x10000)
    for bit, chars in zip((LEAD, FOLLOW, SPACED, SPACED3), _gate_classes(), strict=True):
        for ch in chars:
            flags[ord(ch)] |= bit
    for ch in _C1:
        flags[ord(ch)] |= C1
    for lo, hi in _CJK_RANGES:  # no single-byte reading among them
        flags[lo:hi + 1] = bytes([CJK]) * (hi + 1 - lo)
    return bytes(flags)


@cache
def reference_gates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``SINGLE_GATE`` and ``SUSPECT``: the gate as patterns, the definition the compiled scan
    (``gates``) is tested against; compiled when first asked for (10 ms), as the repair
    does not use them.

    A place where single-byte mojibake may start: a lead reading followed by a continuation
    reading or a lost-byte mark ('?' only for lossy sequences, which have a continuation
    before it); a lead that takes A0 followed by a space (and, for a lead of three or four
    bytes, by a continuation: clean Romanian, Polish and Russian end many words in 'ă',
    'ć', 'в' before a space and a letter, which no codec's gate takes); or a stray C1
    control. The gate matches the character that makes the place: the follower for a lead
    and its continuation (the place is the character before), else the lead itself.
    ``SUSPECT`` is that or a character of ``DOUBLE_GATE``."""
    starts, follows, spaced, spaced3 = _gate_classes()
    follow = _class(follows)
    kinds = [(_class(starts), follow, ""), ("", _class(spaced), "(?= )"),
             ("", _class(spaced3), f"(?= {follow})"), ("", _class(_C1), "")]
    return _anchored(kinds), _anchored([*kinds, ("", DOUBLE_GATE.pattern, "")])


_C1 = frozenset(map(chr, range(0x80, 0xA0)))
# Double-byte mojibake always contains an ideograph, a syllable, a kana or a half-width
# form; a run without any is left to the single-byte codecs.
DOUBLE_GATE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _CJK_RANGES) + "]")
GATE_FLAGS = _gate_flags()
