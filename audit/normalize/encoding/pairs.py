"""Which single-byte codecs read a pair of characters as the start of a UTF-8 sequence:
the places ``gates`` finds name them. ``SINGLE_PAIRS`` (``reference_pairs``) is the
definition; the repair reads it as masks of codecs per character, by block of code points
(compact: clean text consults them on every page, between other work).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from audit.normalize.encoding.charmaps import (
    A0_LEADS,
    A0_LEADS_2,
    HOLE_MARKS,
    SINGLE_BYTE,
    SingleByte,
    _class,
)


@cache
def reference_pairs() -> dict[str, tuple[SingleByte, ...]]:
    """``SINGLE_PAIRS``: the definition the per-character masks (``_pair_masks``) are tested
    against; built when first asked for (36 ms), as the repair reads the masks.

    For each lead reading and the character after it (two after it for a lead of three
    or four bytes before a space), the codecs that read them as a lead byte and bytes that
    may follow it: the codecs whose gate a place found by ``SINGLE_GATE`` may open. Clean
    Portuguese, Polish or Czech meets the gate often (a Windows-1252 lead before a Mac Roman
    continuation) and no codec reads the pair so."""
    pairs: dict[str, list[SingleByte]] = {}
    for codec in SINGLE_BYTE:
        follow = codec.cont_chars | HOLE_MARKS | {"?"}
        for lead in codec.start_chars:
            for ch in follow:
                pairs.setdefault(lead + ch, []).append(codec)
            if not codec.nbsp_space or codec.to_byte[lead] not in A0_LEADS:
                continue
            if codec.to_byte[lead] in A0_LEADS_2:
                pairs.setdefault(lead + " ", []).append(codec)
            else:  # the gate wants a continuation after the A0 (``SingleByte.gate``)
                for ch in codec.cont_chars | HOLE_MARKS:
                    pairs.setdefault(lead + " " + ch, []).append(codec)
    return {pair: tuple(codecs) for pair, codecs in pairs.items()}


def _pair_masks() -> tuple[list[bytes], ...]:
    """``SINGLE_PAIRS`` (``reference_pairs``) per character: the codecs as a mask over
    ``SINGLE_BYTE`` (bit k for its k-th codec), two bytes per character, by block of 256
    code points. The codecs of a pair are those that read its first character as a lead
    (``leads``) and its second as what may follow one (``follows``); of a lead before a
    space, those for which it is a two-byte lead that takes A0 (``spaced2``), or a longer
    one (``spaced3``) with a continuation or mark after the space (``after_a0``)."""
    leads: dict[str, int] = {}
    follows: dict[str, int] = {}
    spaced2: dict[str, int] = {}
    spaced3: dict[str, int] = {}
    after_a0: dict[str, int] = {}
    for k, codec in enumerate(SINGLE_BYTE):
        for ch in codec.cont_chars | HOLE_MARKS | {"?"}:
            follows[ch] = follows.get(ch, 0) | 1 << k
        for lead in codec.start_chars:
            leads[lead] = leads.get(lead, 0) | 1 << k
            if codec.nbsp_space and codec.to_byte[lead] in A0_LEADS:
                spaced = spaced2 if codec.to_byte[lead] in A0_LEADS_2 else spaced3
                spaced[lead] = spaced.get(lead, 0) | 1 << k
        if codec.nbsp_space:
            for ch in codec.cont_chars | HOLE_MARKS:
                after_a0[ch] = after_a0.get(ch, 0) | 1 << k
    return tuple(_blocks(masks) for masks in (leads, follows, spaced2, spaced3, after_a0))


def _blocks(masks: dict[str, int]) -> list[bytes]:
    blocks = [bytearray(512) for _ in range(256)]
    for ch, mask in masks.items():
        c = ord(ch)
        blocks[c >> 8][(c & 0xFF) * 2:(c & 0xFF) * 2 + 2] = mask.to_bytes(2, "little")
    return [bytes(block) for block in blocks]


_MASKS = _pair_masks()
PAIR_LEADS: Final = _MASKS[0]
PAIR_FOLLOWS: Final = _MASKS[1]
SPACED_2: Final = _MASKS[2]
SPACED_3: Final = _MASKS[3]
AFTER_A0: Final = _MASKS[4]
# the codecs of each mask, in ``SINGLE_BYTE``'s order
CODEC_SETS: Final = [tuple(c for k, c in enumerate(SINGLE_BYTE) if mask >> k & 1)
                     for mask in range(1 << len(SINGLE_BYTE))]


def _build_layer_hits() -> re.Pattern[str]:
    starts: set[str] = set()
    conts: set[str] = set()
    for c in SINGLE_BYTE:
        starts |= c.start_chars
        conts |= c.cont_chars
    return re.compile(f"{_class(starts)}(?={_class(conts)})")


# where a repair's reading may hold one more layer: a lead reading before a continuation
# reading of some codec (``gates.may_hold_layer``)
LAYER_HITS: Final = _build_layer_hits()
