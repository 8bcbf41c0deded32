"""The repair loop: find pieces under every codec, keep the ones that make the text more
plausible, apply them, and go again for the next layer of damage.

Evidence is pooled per document: once a codec has clearly explained one piece, the price of
assuming it for the others drops, because a document usually took one road. That is what
lets a lone ``鈥`` (two bytes of a dash whose third byte was lost) be repaired in a paragraph
with no other damage, when the rest of the article shows GBK mojibake.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from audit.normalize.encoding import data, lossy, plausibility
from audit.normalize.encoding.charmaps import (
    DOUBLE_BYTE,
    DOUBLE_GATE,
    SINGLE_BYTE,
    SINGLE_GATE,
    DoubleByte,
    SingleByte,
    single_byte_label,
)
from audit.normalize.encoding.pieces import (
    Lost,
    Piece,
    double_byte_pieces,
    single_byte_pieces,
)
from audit.normalize.encoding.trail import Edit

MAX_LAYERS = 4
CONTEXT = 16            # characters of context on each side when pricing a piece
PRICE = 1.5             # assuming damage without other evidence
PRICE_CONFIRMED = 0.5   # ... once the same codec has clearly repaired another piece
PRICE_NBSP = 0.5        # reading a space as a lost no-break space
PRICE_INCONSISTENT = 1.0  # the paragraph also has clean non-ASCII text
CONFIRMS = 1.0          # gain above which a piece confirms its codec

_REGION = re.compile(r"[^\x00-\x7f]+(?:[ ?][^\x00-\x7f]+)*[ ?]?")
_RUN = re.compile(r"[^\x00-\x7f]+")
_WORD_AFTER = re.compile(r"(\w+)(?=[\s.,;:!?)]|$)")


@dataclass
class Choice:
    piece: Piece
    start: int
    end: int
    after: str
    gain: float
    guesses: list[lossy.Guess] = field(default_factory=list)

    @property
    def codec(self) -> SingleByte | DoubleByte:
        return self.piece.codec


def candidates(text: str) -> Iterator[Piece]:
    """Every piece of ``text`` under every codec."""
    if SINGLE_GATE.search(text):
        for m in _REGION.finditer(text):
            if not SINGLE_GATE.search(text, m.start(), m.end()):
                continue
            for codec in SINGLE_BYTE:
                yield from single_byte_pieces(text, m.start(), m.end(), codec)
    if DOUBLE_GATE.search(text):
        for m in _RUN.finditer(text):
            if not DOUBLE_GATE.search(text, m.start(), m.end()):
                continue
            for codec in DOUBLE_BYTE:
                yield from double_byte_pieces(text, m.start(), m.end(), codec)


def _decode(text: str, piece: Piece) -> tuple[str, list[lossy.Guess]]:
    fills: dict[int, str] = {}
    guesses: list[lossy.Guess] = []
    done = ""
    for i, part in enumerate(piece.parts):
        if isinstance(part, Lost):
            rest = "".join(p if isinstance(p, str) else "\ufffd" for p in piece.parts[i + 1:])
            before = text[max(0, piece.start - 400):piece.start] + done
            guess = lossy.choose(lossy.candidates(part, piece.codec), before,
                                 rest + text[piece.end:piece.end + CONTEXT])
            fills[i] = guess.char
            guesses.append(guess)
            done += guess.char
        else:
            done += part
    decoded = piece.decoded(fills)
    if (piece.a0 and not piece.codec.multibyte and decoded.endswith("à")
            and text[piece.end - 1] == " " and piece.end < len(text)):
        # 'Ã la' was 'à la' with the no-break space and the space folded into one; 'Ã s'
        # was 'às' with the no-break space turned into a space
        word = _WORD_AFTER.match(text, piece.end)
        if text[piece.end].isalpha() and not (word and "à" + word.group(1).lower()
                                              in data.grave_a_words()):
            decoded += " "
    return decoded, guesses


def evaluate(text: str, piece: Piece, context: frozenset[str], confirmed: bool,
             inconsistent: bool) -> Choice:
    decoded, guesses = _decode(text, piece)
    left = text[max(0, piece.start - CONTEXT):piece.start]
    right = text[piece.end:piece.end + CONTEXT]
    lo = len(left)
    old = plausibility.cost(left + text[piece.start:piece.end] + right, lo,
                            lo + piece.end - piece.start, context)
    new = plausibility.cost(left + decoded + right, lo, lo + len(decoded), context)
    price = PRICE_CONFIRMED if confirmed else PRICE + (PRICE_INCONSISTENT if inconsistent
                                                      else 0.0)
    price += PRICE_NBSP * piece.a0 + sum(1.0 - g.confidence for g in guesses)
    return Choice(piece, piece.start, piece.end, decoded, old - new - price, guesses)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _contexts(text: str, pieces: list[Piece]) -> dict[int, tuple[frozenset[str], bool]]:
    """Per paragraph (by start): the scripts of its letters outside any piece, and whether
    it has non-ASCII text outside any piece (then repairs need more evidence)."""
    covered: dict[int, list[tuple[int, int]]] = {}
    for p in pieces:
        covered.setdefault(_paragraph(text, p.start)[0], []).append((p.start, p.end))
    out: dict[int, tuple[frozenset[str], bool]] = {}
    for start, spans in covered.items():
        end = _paragraph(text, start)[1]
        mask = bytearray(end - start)
        for a, b in spans:
            mask[a - start:b - start] = b"\x01" * (b - a)
        rest = "".join(ch for ch, m in zip(text[start:end], mask, strict=True) if not m)
        clean = any(ch >= "\x80" and not ch.isspace() for ch in rest)
        out[start] = (plausibility.scripts(rest), clean)
    return out


def one_layer(text: str, confirmed: set[str]) -> list[Choice]:
    """The pieces worth repairing in ``text``, non-overlapping. ``confirmed`` (codec names
    that explained damage elsewhere in the document) is updated."""
    pieces = list(candidates(text))
    if not pieces:
        return []
    contexts = _contexts(text, pieces)
    chosen: list[Choice] = []
    pending = pieces
    for _ in range(2):  # a second round once codecs are confirmed
        rejected: list[Piece] = []
        found: list[Choice] = []
        for p in pending:
            scripts, clean = contexts[_paragraph(text, p.start)[0]]
            choice = evaluate(text, p, scripts, p.codec.name in confirmed, clean)
            (found if choice.gain > 0 else rejected).append(choice.piece)
            if choice.gain > 0:
                chosen.append(choice)
        newly = {c.codec.name for c in chosen if c.gain >= CONFIRMS} - confirmed
        if not newly:
            break
        confirmed |= newly
        pending = [p for p in rejected if p.codec.name in newly]
    chosen.sort(key=lambda c: -c.gain)
    taken: list[Choice] = []
    for c in chosen:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def edits(choices: list[Choice], text: str) -> list[Edit]:
    out = []
    for c in choices:
        codec = c.codec
        label = single_byte_label(codec, text[c.start:c.end]) if isinstance(
            codec, SingleByte) else codec.label
        step: dict[str, Any] = {"codec": label, "gain": round(c.gain, 2)}
        if c.guesses:
            step["inferred"] = [{"char": g.char, "confidence": round(g.confidence, 2),
                                 "candidates": len(g.candidates)} for g in c.guesses]
        if c.piece.a0:
            step["nbsp_from_space"] = c.piece.a0
        out.append(Edit(c.start, c.end, c.after, step))
    return out


_C1 = re.compile("[\x80-\x9f]+")
_CP1252_C1 = {b: bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xA0)}


def c1_edits(text: str) -> list[Edit]:
    """C1 controls left after the UTF-8 repair are Windows-1252 bytes read as Latin-1."""
    out = []
    for m in _C1.finditer(text):
        fixed = "".join(_CP1252_C1[ord(c)] or c for c in m.group())
        if fixed != m.group():
            out.append(Edit(m.start(), m.end(), fixed, {"codec": "latin-1", "from":
                                                          "windows-1252"}))
    return out
