"""The repair loop: find pieces under every codec, keep the ones that make the text more
plausible, apply them, and go again for the next layer of damage.

Evidence is pooled per document: once a codec has clearly explained one piece, the price of
assuming it for the others drops, because a document usually took one road. That is what
lets a lone ``鈥`` (two bytes of a dash whose third byte was lost) be repaired in a paragraph
with no other damage, when the rest of the article shows GBK mojibake.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from audit.normalize.encoding import data, lossy, plausibility, words
from audit.normalize.encoding.charmaps import (
    DOUBLE_BYTE,
    DOUBLE_GATE,
    LAYER_GATE,
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
PRICE_CONFIRMED = 0.3   # ... once the same codec has clearly repaired another piece
PRICE_NBSP = 0.5        # reading a space as a lost no-break space
PRICE_INCONSISTENT = 1.0  # the paragraph also has clean non-ASCII text
PRICE_UNRESOLVED = 0.5  # a marked lost character we could not infer (it stays U+FFFD)
CONFIRMS = 0.5          # gain above which a piece confirms its codec
TOLERANCE = 1.0         # a confirmed codec that explains a whole paragraph takes all of it
AMBIGUOUS = 1.0         # two codecs whose readings differ by less are a coin toss

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
    consistent: bool = False   # the codec explains all the paragraph's non-ASCII text
    final: str = ""            # what ``after`` becomes once deeper layers are undone too

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
                if codec.gate.search(text, m.start(), m.end()):
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
                                 rest + text[piece.end:piece.end + CONTEXT],
                                 marked=any(m in ("\ufffd", "?") for m in part.marks))
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
        elif not g.marked:
            return float("inf")  # a silent loss we cannot even guess: no evidence of one
        else:
            base += PRICE_UNRESOLVED
    return base + nbsp * piece.a0


def evaluate(text: str, piece: Piece, context: frozenset[str], *, confirmed: bool = False,
             consistent: bool = False, inconsistent: bool = False, depth: int = 0) -> Choice:
    decoded, guesses = _decode(text, piece)
    left = text[max(0, piece.start - CONTEXT):piece.start]
    right = text[piece.end:piece.end + CONTEXT]
    observed = text[piece.start:piece.end]
    lo = len(left)
    old = plausibility.cost(left + observed + right, lo, lo + len(observed), context)
    new = plausibility.cost(left + decoded + right, lo, lo + len(decoded), context)
    if decoded == "\ufffd" and not guesses:
        new = 0.3  # 'ï¿½' is U+FFFD itself in mojibake: restoring it is a faithful repair
    # a '?' that stood for a lost byte and the U+FFFD that replaces it carry the same news:
    # making the loss visible is not charged as damage
    new -= plausibility.info("\ufffd")[2] * sum(
        1 for g in guesses if g.char == "\ufffd" and g.marked)
    final = decoded
    if depth < MAX_LAYERS - 1 and new > 0.5 and LAYER_GATE.search(decoded):
        # double encoding: the reading may itself be mojibake ('Г‚ВЈ' -> 'Â£' -> '£'); judge
        # it by what the next layer makes of it
        hi = lo + len(decoded)
        deeper = [replace(c, start=c.start - lo, end=c.end - lo, after=c.final)
                  for c in one_layer(left + decoded + right, set(), depth=depth + 1)
                  if lo <= c.start and c.end <= hi]
        if deeper:
            inner = apply_choices(decoded, deeper)
            deep = plausibility.cost(left + inner + right, lo, lo + len(inner), context)
            if deep < new:
                new, final = deep, inner
    observed = text[piece.start:piece.end]
    cost = price(piece, text[max(0, piece.start - 1):piece.end + 1], guesses,
                 confirmed=confirmed, consistent=consistent,
                 inconsistent=inconsistent,
                 marked=plausibility.marked(left + observed + right, lo, lo + len(observed)))
    return Choice(piece, piece.start, piece.end, decoded, old - new - cost, guesses,
                  consistent, final)


def apply_choices(text: str, choices: list[Choice]) -> str:
    out, pos = [], 0
    for c in sorted(choices, key=lambda c: c.start):
        out += [text[pos:c.start], c.after]
        pos = c.end
    out.append(text[pos:])
    return "".join(out)


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


@dataclass
class _Paragraph:
    scripts: frozenset[str]     # of the letters outside every piece
    inconsistent: bool          # non-ASCII text outside every piece
    consistent: set[str]        # codecs whose pieces cover all its non-ASCII text


def _contexts(text: str, pieces: list[Piece]) -> dict[int, _Paragraph]:
    by_para: dict[int, list[Piece]] = {}
    for p in pieces:
        by_para.setdefault(_paragraph(text, p.start)[0], []).append(p)
    out: dict[int, _Paragraph] = {}
    for start, members in by_para.items():
        end = _paragraph(text, start)[1]
        mask = bytearray(end - start)
        per_codec: dict[str, bytearray] = {}
        for p in members:
            mask[p.start - start:p.end - start] = b"\x01" * (p.end - p.start)
            own = per_codec.setdefault(p.codec.name, bytearray(end - start))
            own[p.start - start:p.end - start] = b"\x01" * (p.end - p.start)
        para = text[start:end]
        rest = "".join(ch for ch, m in zip(para, mask, strict=True) if not m)
        high = [i for i, ch in enumerate(para) if ch >= "\x80"]
        consistent = {name for name, own in per_codec.items() if all(own[i] for i in high)}
        out[start] = _Paragraph(plausibility.scripts(rest),
                                any(ch >= "\x80" and not ch.isspace() for ch in rest),
                                consistent)
    return out


def one_layer(text: str, confirmed: set[str], depth: int = 0) -> list[Choice]:
    """The pieces worth repairing in ``text``, non-overlapping. ``confirmed`` (codec names
    that explained damage elsewhere in the document) is updated."""
    pieces = list(candidates(text))
    if not pieces:
        return []
    contexts = _contexts(text, pieces)

    def judge(p: Piece, sure: bool) -> Choice:
        para = contexts[_paragraph(text, p.start)[0]]
        return evaluate(text, p, para.scripts, confirmed=sure,
                        consistent=p.codec.name in para.consistent,
                        inconsistent=para.inconsistent, depth=depth)

    choices = _judge_all(pieces, judge, confirmed)
    taken = _select(text, choices, contexts, confirmed)
    # a codec is confirmed by a clear win in the document; judge its other pieces again
    newly = {c.codec.name for c in taken if c.gain >= CONFIRMS} - confirmed
    if newly:
        confirmed |= newly
        # a piece does not confirm itself: only the others are judged again
        chosen = {id(c) for c in taken}
        choices = [judge(c.piece, True) if c.codec.name in newly and id(c) not in chosen
                   else c for c in choices]
        taken = _select(text, choices, contexts, confirmed)
    return _not_hopeless(text, taken)


def _select(text: str, choices: list[Choice], contexts: dict[int, _Paragraph],
            confirmed: set[str]) -> list[Choice]:
    good = [c for c in choices if c.gain > 0 or (c.codec.name in confirmed and c.gain >= (
        -TOLERANCE if c.consistent else 0.0))]
    good = _credible(text, good, contexts, confirmed)
    good.sort(key=lambda c: -c.gain)
    starts: list[int] = []   # taken spans, sorted and disjoint
    ends: list[int] = []
    taken: list[Choice] = []
    for c in good:
        i = bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _not_hopeless(text: str, taken: list[Choice]) -> list[Choice]:
    """Drop the repairs of a paragraph when most of its telltales are in text that no
    repair touches: the few pieces that happen to decode are coincidences in a garble."""
    by_para: dict[int, list[Choice]] = {}
    for c in taken:
        by_para.setdefault(_paragraph(text, c.start)[0], []).append(c)
    drop: set[int] = set()
    for start, members in by_para.items():
        end = _paragraph(text, start)[1]
        before = _telltales(text[start:end])
        residue = _telltales(apply_choices(text[start:end], [
            Choice(c.piece, c.start - start, c.end - start, " ", c.gain) for c in members]))
        if before >= 3 and residue > before / 2:
            drop.add(start)
    return [c for c in taken if _paragraph(text, c.start)[0] not in drop]


def _telltales(para: str) -> int:
    """Telltales of mojibake in ``para``; they only occur around non-ASCII characters."""
    total = 0
    for m in _RUN.finditer(para):
        lo = max(0, m.start() - 2)
        window = para[lo:m.end() + 2]
        total += sum(1 for _, strong in plausibility.signals(
            window, m.start() - lo, m.end() - lo, frozenset()) if strong)
    return total


def _judge_all(pieces: list[Piece], judge, confirmed: set[str]) -> list[Choice]:
    """Judge every piece; codecs that read a span identically (GBK and GB18030, Windows-1252
    and -1254 on most text) share one judgement, shifted by their priors."""
    out: list[Choice] = []
    seen: dict[tuple[int, int, tuple, bool], Choice] = {}
    for p in pieces:
        sure = p.codec.name in confirmed
        key = (p.start, p.end, tuple(x if isinstance(x, str) else id(x) for x in p.parts)
               if not p.lost else (id(p),), sure)
        twin = seen.get(key)
        if twin is not None and twin.piece.a0 == p.a0:
            shift = 0.0 if sure else twin.codec.prior - p.codec.prior
            out.append(replace(twin, piece=p, gain=twin.gain + shift))
            continue
        seen[key] = choice = judge(p, sure)
        out.append(choice)
    return out


def _rivals(c: Choice, others: list[Choice], longest: int) -> list[Choice]:
    """Other codecs' readings of an overlapping span that differ from this one (``others``
    sorted by start; none longer than ``longest``)."""
    out = []
    i = bisect_left(others, c.start - longest, key=lambda x: x.start)
    for o in others[i:]:
        if o.start >= c.end:
            break
        if o.piece.codec is not c.piece.codec and c.start < o.end and o.after != c.after:
            out.append(o)
    return out


def _credible(text: str, found: list[Choice], contexts: dict[int, _Paragraph],
              confirmed: set[str]) -> list[Choice]:
    """Drop choices the document does not back up (a codec confirmed elsewhere in the
    document is backed up):

    - *ambiguous*: another codec reads the span differently and is confirmed, or about
      as good; in a paragraph that also has clean non-ASCII text, a codec must explain the
      paragraph twice as well as its rival (``– DrÃ¥ber``: ``Ã¥`` is å in Latin-1 and a
      combining mark in Mac Roman; ftfy leaves it too).
    """
    found = sorted(found, key=lambda c: c.start)
    longest = max((c.end - c.start for c in found), default=0)
    support: dict[tuple[int, str], float] = {}
    for c in found:
        key = (_paragraph(text, c.start)[0], c.codec.name)
        support[key] = support.get(key, 0.0) + c.gain
    out = []
    for c in found:
        if c.codec.name in confirmed:
            out.append(c)
            continue
        para = _paragraph(text, c.start)[0]
        mine = support[(para, c.codec.name)]
        if any(o.codec.name in confirmed or (
                abs(o.gain - c.gain) < AMBIGUOUS and not _better_word(text, c, o)) or (
                contexts[para].inconsistent and mine < 2 * support[(para, o.codec.name)])
               for o in _rivals(c, found, longest)):
            continue
        out.append(c)
    return out


def _better_word(text: str, c: Choice, o: Choice) -> bool:
    """Whether ``c``'s reading makes a word ten times more frequent than ``o``'s does."""
    def reading(x: Choice) -> str:
        word = words.word_at(text[:x.start] + "\0" * len(x.after) + text[x.end:],
                             x.start, x.start + len(x.after))
        return word.replace("\0" * len(x.after), x.after)
    return words.frequency(reading(c)) >= words.frequency(reading(o)) + 1.0


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
