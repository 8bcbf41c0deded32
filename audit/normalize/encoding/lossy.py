"""Infer a character whose bytes were partly lost in transit.

When a decoder meets a byte it cannot use, it drops it (``errors="ignore"``) or writes
``U+FFFD`` (``errors="replace"``). What survives still narrows the lost character a lot:

1. *byte structure*: ``E2 80`` followed by one lost byte is a character U+2000-U+203F;
2. *the decoder*: the lost byte must be one the codec would have rejected there. GBK drops a
   lead byte when the next byte cannot follow it (a space, a digit, punctuation), Windows-1252
   rejects only 81, 8D, 8F, 90 and 9D. We re-run the real decoder on each guess and keep the
   guesses that reproduce the damaged text exactly;
3. *context*: of what remains, the neighbours pick one: a closing quote after punctuation, a
   dash between spaced words, an apostrophe inside a word (weights in the ``lost`` table of
   ``rules/lexicons/common/mojibake.yaml``).

A guess is kept only when it is clearly the best; otherwise the character stays ``U+FFFD``
and the residue rule reports it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from audit.normalize.encoding import data, plausibility
from audit.normalize.encoding.charmaps import DoubleByte, SingleByte
from audit.normalize.encoding.pieces import Lost

MIN_CONFIDENCE = 0.5
MAX_GUESSES = 256


@dataclass(frozen=True, slots=True)
class Guess:
    char: str                   # the inferred character, or U+FFFD when unsure
    confidence: float
    candidates: tuple[str, ...]  # everything the bytes and the decoder allow
    marked: bool = False        # the loss was marked in the text (U+FFFD or '?')


def _allowed(lost: Lost, index: int, codec: SingleByte | DoubleByte) -> range | frozenset[int]:
    lead = lost.known[0]
    assert lead is not None
    return _allowed_for(lead, index, codec, lost.marks[index])


@lru_cache(maxsize=4096)
def _allowed_for(lead: int, index: int, codec: SingleByte | DoubleByte, mark: str | None
                 ) -> range | frozenset[int]:
    lo, hi = 0x80, 0xBF
    if index == 1:
        lo = 0xA0 if lead == 0xE0 else 0x90 if lead == 0xF0 else lo
        hi = 0x8F if lead == 0xF4 else hi
    span = range(lo, hi + 1)
    if isinstance(codec, SingleByte):
        return frozenset(b for b in codec.lost_bytes(mark) if b in span)
    return span


def candidates(lost: Lost, codec: SingleByte | DoubleByte) -> tuple[str, ...]:
    """Every character the surviving bytes and the codec's way of losing bytes allow."""
    return _candidates(tuple(lost.known), tuple(lost.marks), tuple(lost.window),
                       lost.observed, codec)


@lru_cache(maxsize=8192)
def _candidates(known: tuple[int | None, ...], marks: tuple[str | None, ...],
                window: tuple[int | None, ...], observed: str,
                codec: SingleByte | DoubleByte) -> tuple[str, ...]:
    lost = Lost(list(known), list(marks), window=list(window), observed=observed)
    holes = [i for i, b in enumerate(lost.known) if b is None]
    choices = [_allowed(lost, i, codec) for i in holes]
    if math.prod(len(c) for c in choices) > MAX_GUESSES:
        return ()
    found: list[str] = []
    check = _Check(lost, codec) if isinstance(codec, DoubleByte) else None
    for values in product(*choices):
        raw = list(lost.known)
        for i, v in zip(holes, values, strict=True):
            raw[i] = v
        try:
            ch = bytes(raw).decode("utf-8")  # type: ignore[arg-type]
        except UnicodeDecodeError:
            continue
        if check is not None and not check(values):
            continue
        found.append(ch)
    if isinstance(codec, SingleByte) and all(m is None for m in lost.marks) \
            and any(b is not None for b in lost.known[1:]):
        # a single-byte decoder dropped the last byte without a trace: only believe it for
        # the characters commonly lost that way (a closing quote after 'â€')
        table = data.lost_weights()[1]
        found = [c for c in found if c in table]
    return tuple(found)


class _Check:
    """Whether guessed bytes reproduce what a double-byte decoder made of the window; the
    parts that do not depend on the guess are worked out once per lost sequence."""

    def __init__(self, lost: Lost, codec: DoubleByte) -> None:
        self.codec = codec
        self.observed = lost.observed
        self.errors = "replace" if "\ufffd" in lost.observed else "ignore"
        holes = [i for i, b in enumerate(lost.window) if b is None]
        self.single = len(holes) == 1
        if self.single:
            self.before = bytes(lost.window[:holes[0]])  # type: ignore[arg-type]
            self.after = bytes(lost.window[holes[0] + 1:])  # type: ignore[arg-type]
        self.window = lost.window
        # The common case, without running the decoder: one byte lost silently at the end
        # of the window, before a byte no trail can be (space, digit, punctuation) or
        # nothing. A double-byte decoder drops such a byte unless it is a character on its
        # own.
        self.at_end = self.single and self.errors == "ignore" and (
            not self.after or (len(self.after) == 1 and self.after[0] < 0x40))

    def __call__(self, values: tuple[int, ...]) -> bool:
        if self.at_end and len(values) == 1 and values[0] not in self.codec.single_bytes:
            return True
        if self.single and len(values) == 1:
            window = self.before + bytes(values) + self.after
        else:
            it = iter(values)
            window = bytes(next(it) if b is None else b for b in self.window)
        return window.decode(self.codec.name, self.errors) == self.observed


def _neighbour(ch: str | None) -> str:
    if ch is None or ch in "\n\r\u2028\u2029":
        return "end"
    if ch.isspace():
        return "space"
    if ch.isdigit():
        return "digit"
    if ch in "sS":
        return "s"
    if ch.isalpha():
        return "letter"
    if ch in "([{":
        return "open"
    if ch in ".,;:!?":
        return "stop"
    return "other"


def _weight(weights: dict[str, float], neighbour: str, default: float) -> float:
    if neighbour == "s" and "s" not in weights:
        neighbour = "letter"  # the s class refines letter where a character cares
    return float(weights.get(neighbour, default))


def choose(cands: tuple[str, ...], before: str, after: str, open_quote: bool = False,
           marked: bool = False) -> Guess:
    """Pick the candidate that fits between ``before`` and ``after`` (the text around the
    lost character); ``open_quote``: the paragraph so far opened a quote it did not close."""
    # only the nearest neighbour on each side counts, so the answer is kept per neighbours
    return _choose(cands, before[-1:], after[:1], open_quote, marked)


@lru_cache(maxsize=1 << 16)
def _choose(cands: tuple[str, ...], before: str, after: str, open_quote: bool,
            marked: bool) -> Guess:
    if not cands:
        return Guess("\ufffd", 0.0, cands, marked)
    if len(cands) == 1:
        return Guess(cands[0], 1.0, cands, marked)
    default, table = data.lost_weights()
    left = _neighbour(before[-1] if before else None)
    right = _neighbour(after[0] if after else None)
    scores: list[float] = []
    for c in cands:
        entry = table.get(c)
        if entry is not None:
            sides = entry["left"], entry["right"]
            w = float(entry["prior"]) * _weight(sides[0], left, default) \
                * _weight(sides[1], right, default)
        else:
            # no typographic rule: judge the character by how it sits between its neighbours
            w = 0.2 * math.exp(-2 * plausibility.local_cost(before, c, after))
        if c == "”":
            w *= 3.0 if open_quote else 0.5
        elif c == "“" and open_quote:
            w *= 0.3
        scores.append(w)
    total = sum(scores)
    best = max(range(len(cands)), key=lambda i: scores[i])
    confidence = scores[best] / total if total else 0.0
    if confidence < MIN_CONFIDENCE:
        return Guess("\ufffd", confidence, cands, marked)
    return Guess(cands[best], confidence, cands, marked)
