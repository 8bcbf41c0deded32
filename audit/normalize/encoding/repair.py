"""Find and price the pieces of a text that one layer of repair could take.

``candidates`` finds them under every codec; ``evaluate`` prices one: how much more
plausible its reading is than the text as it stands, minus what assuming damage costs
(``price``). ``layers`` decides among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Final

from audit.normalize.encoding import data, lossy, plausibility
from audit.normalize.encoding.charmaps import (
    DOUBLE_GATE,
    REPLACEMENT,
    SINGLE_BYTE,
    UNINFERRED,
    DoubleByte,
    SingleByte,
    single_byte_label,
)
from audit.normalize.encoding.doublebyte import double_byte_pieces, known_suspects
from audit.normalize.encoding.gates import (
    Place,
    gate_places,
    may_hold_layer,
    region_around,
    runs,
)
from audit.normalize.encoding.pieces import Lost, Piece
from audit.normalize.encoding.singlebyte import gate_opens_at, single_byte_pieces
from audit.normalize.encoding.trail import Edit

MAX_LAYERS: Final = 4
CONTEXT: Final = 8              # characters of context on each side when pricing a piece
PRICE: Final = 1.5              # assuming damage without other evidence
PRICE_CONFIRMED: Final = 0.3    # ... once the same codec has clearly repaired another piece
PRICE_NBSP: Final = 0.5         # reading a space as a lost no-break space
PRICE_INCONSISTENT: Final = 1.0  # the paragraph also has clean non-ASCII text
PRICE_UNRESOLVED: Final = 0.5   # a marked lost character we could not infer (stays U+FFFD)
CONFIRMS: Final = 0.5           # gain above which a piece confirms its codec
TOLERANCE: Final = 1.0          # a confirmed codec that explains a whole paragraph takes it all
AMBIGUOUS: Final = 1.0          # two codecs whose readings differ by less are a coin toss
SEQUENCE_EVIDENCE: Final = 0.5  # per whole sequence beyond two, in a double-byte piece

_WORD_AFTER: Final = re.compile(r"(\w+)(?=[\s.,;:!?)]|$)")


@dataclass(slots=True, init=False)
class Choice:
    piece: Piece
    start: int
    end: int
    after: str
    gain: float
    guesses: list[lossy.Guess]
    consistent: bool   # the codec explains all the paragraph's non-ASCII text
    final: str         # what ``after`` becomes once deeper layers are undone too

    def __init__(self, piece: Piece, start: int, end: int, after: str, gain: float,
                 guesses: list[lossy.Guess] | None = None, consistent: bool = False,
                 final: str = "") -> None:
        # (written out, as ``Piece.__init__``)
        self.piece = piece
        self.start = start
        self.end = end
        self.after = after
        self.gain = gain
        self.guesses = [] if guesses is None else guesses
        self.consistent = consistent
        self.final = final

    @property
    def codec(self) -> SingleByte | DoubleByte:
        return self.piece.codec


def candidates(text: str) -> Iterator[Piece]:
    """Every piece of ``text`` under every codec."""
    region: tuple[int, int] | None = None
    places: list[Place] = []
    found, double = gate_places(text)
    for place in found:
        if region is None or place[0] >= region[1]:
            if region is not None:
                yield from _region_pieces(text, region, places)
            region = region_around(text, place[0])
            places = []
        places.append(place)
    if region is not None:
        yield from _region_pieces(text, region, places)
    if double:
        for start, end in runs(text):
            suspects = known_suspects(text, start, end)
            if not suspects:
                continue
            whole: set[str] = set()
            for codec in suspects:
                if codec.variant_of in whole:
                    continue  # the base codec read the run in full: the superset reads it so
                found_here = double_byte_pieces(text, start, end, codec)
                if any(p.start == start and p.end == end and not p.lost for p in found_here):
                    whole.add(codec.name)
                yield from found_here


def _region_pieces(text: str, region: tuple[int, int], places: list[Place]
                   ) -> Iterator[Piece]:
    for codec in _single_byte_suspects(text, region, places):
        named = [pos for pos, codecs in places if codec in codecs]
        yield from single_byte_pieces(text, region[0], region[1], codec, named)


def _single_byte_suspects(text: str, region: tuple[int, int], places: list[Place]
                          ) -> list[SingleByte]:
    """Of the codecs named at the region's gate places, those whose own gate opens in the
    region. It opens only at such a place (``gate_places``) or at a lead before '?'."""
    start, end = region
    chunk = text[start:end]
    hinted: set[SingleByte] = set()
    for _, codecs in places:
        hinted.update(codecs)
    before_marks = [i - 1 for i, ch in enumerate(chunk) if ch == "?" and i] \
        if "?" in chunk else []
    found = []
    for codec in SINGLE_BYTE:
        if codec not in hinted:
            continue
        if codec.variant_of and not codec.own.search(chunk):
            continue  # a variant that reads the region exactly as the codec it varies
        if any(codec in codecs and gate_opens_at(chunk, pos - start, codec)
               for pos, codecs in places) \
                or any(gate_opens_at(chunk, i, codec) for i in before_marks):
            found.append(codec)
    return found


def _decode(text: str, piece: Piece) -> tuple[str, list[lossy.Guess]]:
    """The piece's reading, lost characters inferred from their neighbours."""
    fills: dict[int, str] = {}
    guesses: list[lossy.Guess] = []
    before = text[max(0, piece.start - CONTEXT):piece.start]
    para = text[text.rfind("\n", 0, piece.start) + 1:piece.start]
    opened = para.count("“") - para.count("”")
    parts = piece.parts
    for i, part in enumerate(parts):
        if isinstance(part, Lost):
            guess = lossy.choose(lossy.candidates(part, piece.codec), before,
                                 _following(parts, i + 1, text, piece.end), opened > 0,
                                 marked=any(m in ("\ufffd", "?") for m in part.marks))
            fills[i] = part = UNINFERRED if guess.char == REPLACEMENT else guess.char
            guesses.append(guess)
        if "\n" in part:
            opened = 0
            part = part[part.rfind("\n") + 1:]
        opened += part.count("“") - part.count("”")
        before = (before + part)[-CONTEXT:]
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


def _following(parts: list[str | Lost], i: int, text: str, end: int) -> str:
    """The text after part ``i - 1``: the next parts (U+FFFD for lost ones), then the text."""
    out = ""
    while i < len(parts) and len(out) < CONTEXT:
        part = parts[i]
        out += part if isinstance(part, str) else "\ufffd"
        i += 1
    return out if len(out) >= CONTEXT else out + text[end:end + CONTEXT]


def price(piece: Piece, around: str, guesses: list[lossy.Guess], *, confirmed: bool,
          consistent: bool, inconsistent: bool, marked: bool) -> float:
    """What assuming damage costs before the piece's plausibility gain pays for it.

    A lone two-byte sequence is weak evidence (clean text makes one by chance), three or
    more bytes much stronger; a piece with no letter at all needs more. A codec that already
    explained other pieces of the document costs nothing more; so does a paragraph whose
    every non-ASCII character this codec explains and that shows a telltale of mojibake
    (ftfy's rule: bad, and decodable as a whole). A paragraph with clean non-ASCII text
    elsewhere costs more. Lost bytes that could not be inferred cost a lot: a repair that
    leaves U+FFFD is only worth it when the damage is beyond doubt.
    """
    base = PRICE if piece.nbytes <= 2 else 0.8 if piece.nbytes == 3 else 0.5
    if piece.codec.multibyte:
        # pairs of ideographs or syllables make a valid UTF-8 sequence by chance one time in
        # ten or so; a run of them that does, sequence after sequence, is no chance
        base -= SEQUENCE_EVIDENCE * max(0, piece.nseq - 2)
    if piece.nbytes <= 2 and not any(plausibility.info(ch)[1] == plausibility.LETTER
                                     for ch in around):
        base += 2.0  # '= √π', '`¬´': symbols among symbols prove nothing
    nbsp = PRICE_NBSP
    if confirmed:
        base = nbsp = 0.0
    else:
        if piece.nbytes <= 2 and any(lead not in (0xC2, 0xC3) for lead in piece.a0_leads):
            return float("inf")  # 'Е ' as 'Š': a space read as A0 needs other evidence
        if consistent and marked:
            base /= 4
        if inconsistent:
            base += PRICE_INCONSISTENT
        base += piece.codec.prior
    for g in guesses:
        if g.char != "\ufffd":
            base += 1.0 - g.confidence
        elif not g.marked and not piece.codec.multibyte:
            # a single-byte decoder dropped a byte without a trace and we cannot even
            # guess it: only believable among whole sequences
            if piece.nseq < 2:
                return float("inf")
            base += PRICE_UNRESOLVED + 1.0
        else:
            base += PRICE_UNRESOLVED
    return base + nbsp * piece.a0


def evaluate(text: str, piece: Piece, context: frozenset[str], *, confirmed: bool = False,
             consistent: bool = False, inconsistent: bool = False, depth: int = 0) -> Choice:
    left = text[max(0, piece.start - CONTEXT):piece.start]
    right = text[piece.end:piece.end + CONTEXT]
    observed = text[piece.start:piece.end]
    lo = len(left)
    signals = plausibility.signals(left + observed + right, lo, lo + len(observed), context)
    old = sum(price for price, _ in signals)
    marked = any(strong for _, strong in signals)
    if not confirmed:
        # An upper bound of the gain before any inference is tried: the guesses for lost
        # characters only add to the price, and any reading (a deeper layer's too) costs
        # >= 0. Text that looks clean costs more to call damaged than it could gain.
        floor = price(piece, text[max(0, piece.start - 1):piece.end + 1], [],
                      confirmed=False, consistent=consistent, inconsistent=inconsistent,
                      marked=marked)
        if old - floor <= 0:
            # not read at all: below any gain a twin's shift by the priors (< 1) could lift
            return Choice(piece, piece.start, piece.end, observed, min(old - floor, -1.0), [],
                          consistent, observed)
    decoded, guesses = _decode(text, piece)
    new = plausibility.cost(left + decoded + right, lo, lo + len(decoded), context)
    if decoded == "\ufffd" and not guesses:
        new = 0.3  # 'ï¿½' is U+FFFD itself in mojibake: restoring it is a faithful repair
    # a '?' that stood for a lost byte and the U+FFFD that replaces it carry the same news,
    # and so does a double-byte sequence cut short: making the loss visible is not damage
    new -= plausibility.info("\ufffd")[2] * sum(
        1 for g in guesses if g.char == "\ufffd" and (g.marked or piece.codec.multibyte))
    cost = price(piece, text[max(0, piece.start - 1):piece.end + 1], guesses,
                 confirmed=confirmed, consistent=consistent, inconsistent=inconsistent,
                 marked=marked)
    if 0xD9 in piece.a0_leads and _stray_zero(left + decoded + right, lo, lo + len(decoded)):
        cost = float("inf")
    silent = sum(1 for g in guesses if g.char == REPLACEMENT and not g.marked)
    if silent and not piece.codec.multibyte:
        # a byte dropped without a trace is believed only inside text that reads well
        # ('бород' + 'у'), not in a garble that decodes to symbols and marks
        rest = len(decoded) - silent
        lost = plausibility.info(REPLACEMENT)[2] * silent
        if rest < 1 or new - lost > 0.8 * rest:
            cost = float("inf")
    final = decoded
    if old - new - cost <= 0 and _may_hold_layer(decoded, piece.codec, depth):
        # double encoding: the reading may itself be mojibake ('Г‚ВЈ' -> 'Â£' -> '£'); judge
        # it by what the next layer makes of it
        from audit.normalize.encoding.layers import one_layer  # the layers price pieces

        hi = lo + len(decoded)
        deeper = [replace(c, start=c.start - lo, end=c.end - lo, after=c.final)
                  for c in one_layer(left + decoded + right, set(), depth=depth + 1)
                  if lo <= c.start and c.end <= hi]
        if deeper:
            inner = apply_choices(decoded, deeper)
            deep = plausibility.cost(left + inner + right, lo, lo + len(inner), context)
            if deep < new:
                new, final = deep, inner
    return Choice(piece, piece.start, piece.end, decoded, old - new - cost, guesses,
                  consistent, final)


def _stray_zero(window: str, start: int, end: int) -> bool:
    """Whether ``window[start:end]`` (a reading where a space stood for byte A0) has an
    Arabic-Indic zero with no digit beside it. D9 A0 is '٠', and real zeros stand among
    digits ('٢٠١٩' read as 'Ů˘Ů Ů¡Ů©' through Windows-1250); 'تاو مقتبس' whose 'و' lost its
    second byte reads 'ŘŞŘ§Ů Ů…...', and the space after 'Ů' is a space: not 'تا٠مقتبس'."""
    for i in range(start, end):
        if window[i] == "\u0660" and not any(
                0 <= j < len(window) and window[j].isdigit() for j in (i - 1, i + 1)):
            return True
    return False


def _may_hold_layer(reading: str, codec: SingleByte | DoubleByte, depth: int) -> bool:
    """Whether a reading may itself be mojibake, one more layer deep."""
    return depth < MAX_LAYERS - 1 and (may_hold_layer(reading) or (
        not codec.multibyte and bool(DOUBLE_GATE.search(reading))))


def apply_choices(text: str, choices: list[Choice]) -> str:
    out, pos = [], 0
    for c in sorted(choices, key=lambda c: c.start):
        out += [text[pos:c.start], c.after]
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


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
