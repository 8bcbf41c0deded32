"""Decide one layer of repair: which pieces of a text to take, under which codec.

Every piece is priced on its own (``repair.evaluate``); the decision then looks at the
document. Evidence is pooled: once a codec has clearly explained one piece, assuming it for
the others costs nothing more, because a document usually took one road (that is what lets
a lone ``鈥``, two bytes of a dash whose third byte was lost, be repaired in a paragraph
with no other damage when the rest of the article shows GBK mojibake). Two codecs that read
a span differently and about as well cancel out, unless word frequencies tell them apart.
A paragraph whose telltales mostly lie outside the pieces is a garble: its few decodable
pieces are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from audit.normalize.encoding import plausibility, words
from audit.normalize.encoding.pieces import Piece
from audit.normalize.encoding.repair import (
    AMBIGUOUS,
    CONFIRMS,
    TOLERANCE,
    Choice,
    apply_choices,
    candidates,
    evaluate,
)

_RUN: Final = re.compile(r"[^\x00-\x7f]+")
_NEWLINE: Final = re.compile("\n")
_CLEAN_NON_ASCII: Final = re.compile(r"[^\x00-\x7f\s\ufffd]")


@lru_cache(maxsize=16)
def _newlines(text: str) -> list[int]:
    return [m.start() for m in _NEWLINE.finditer(text)]


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    """The line (paragraph) of ``text`` around ``pos``: ``(start, end)``."""
    breaks = _newlines(text)
    i = bisect_left(breaks, pos)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(text))


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
        para = text[start:_paragraph(text, start)[1]]
        spans = [(p.start - start, p.end - start) for p in members]
        per_codec: dict[str, list[tuple[int, int]]] = {}
        for p, span in zip(members, spans, strict=True):
            per_codec.setdefault(p.codec.name, []).append(span)
        # marks of lost bytes are evidence of damage, not clean text
        consistent = {name for name, own in per_codec.items()
                      if _outside(para, own).replace("\ufffd", "").isascii()}
        rest = _outside(para, spans)
        out[start] = _Paragraph(plausibility.scripts(rest),
                                bool(_CLEAN_NON_ASCII.search(rest)), consistent)
    return out


def _outside(para: str, spans: list[tuple[int, int]]) -> str:
    """``para`` without the (possibly overlapping) ``spans``."""
    out, pos = [], 0
    for a, b in sorted(spans):
        if a > pos:
            out.append(para[pos:a])
        pos = max(pos, b)
    out.append(para[pos:])
    return "".join(out)


def one_layer(text: str, confirmed: set[str], depth: int = 0,
              focus: list[tuple[int, int]] | None = None) -> list[Choice]:
    """The pieces worth repairing in ``text``, non-overlapping; only pieces that overlap
    ``focus`` when it is given. ``confirmed`` (codec names that explained damage elsewhere
    in the document) is updated."""
    pieces = list(candidates(text))
    if focus is not None:
        pieces = [p for p in pieces if _overlaps(p.start, p.end, focus)]
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


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect_right(spans, (start, float("inf")))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


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
        para = text[start:end]
        untouched = len(para) - len(para.encode("ascii", "ignore")) - sum(
            len(text[c.start:c.end].encode("utf-16-le")) // 2 for c in members)
        if untouched <= 0:
            continue  # every non-ASCII character is repaired: nothing is left to judge
        before = _telltales(para)
        residue = _telltales(apply_choices(text[start:end], [
            Choice(c.piece, c.start - start, c.end - start, " ", c.gain) for c in members]))
        if before >= 3 and residue > before / 2:
            drop.add(start)
    return [c for c in taken if _paragraph(text, c.start)[0] not in drop]


def _telltales(para: str) -> int:
    """Telltales of mojibake in ``para``; they only occur around non-ASCII characters. Marks
    of lost bytes do not count: a loss is explained, not a garble."""
    para = para.replace("\ufffd", "?")
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
        if o.piece.codec is not c.piece.codec and c.start < o.end and o.after != c.after \
                and not _same_but_guesses(c, o):
            out.append(o)
    return out


def _same_but_guesses(a: Choice, b: Choice) -> bool:
    """Two readings of one span that differ only in what they inferred for lost bytes (GBK
    and GB18030 drop different bytes): not rivals; the better one is simply taken."""
    return (a.start, a.end) == (b.start, b.end) and a.piece.decoded() == b.piece.decoded()


def _credible(text: str, found: list[Choice], contexts: dict[int, _Paragraph],
              confirmed: set[str]) -> list[Choice]:
    """Drop choices the document does not back up (a codec confirmed elsewhere in the
    document is backed up):

    - *ambiguous*: another codec reads the span differently and is confirmed, or about
      as good (unless its reading makes a much rarer word); in a paragraph that also has
      clean non-ASCII text, a reading must be twice as good as its rival (``– DrÃ¥ber``:
      ``Ã¥`` is å in Latin-1 and a combining mark in Mac Roman; ftfy leaves it too).
    """
    found = sorted(found, key=lambda c: c.start)
    longest = max((c.end - c.start for c in found), default=0)
    readings = {(c.piece.codec.name, c.start, c.end, c.after) for c in found}
    out = []
    for c in found:
        if c.codec.name in confirmed:
            out.append(c)
            continue
        inconsistent = contexts[_paragraph(text, c.start)[0]].inconsistent
        for o in _rivals(c, found, longest):
            if (c.codec.name, o.start, o.end, o.after) in readings:
                continue  # our codec reads it that way too: another reading, not a rival
            if o.codec.name in confirmed or (
                    abs(o.gain - c.gain) < AMBIGUOUS and not _better_word(text, c, o)) or (
                    inconsistent and c.gain < 2 * o.gain):
                break
        else:
            out.append(c)
    return out


def _better_word(text: str, c: Choice, o: Choice) -> bool:
    """Whether ``c``'s reading makes a word ten times more frequent than ``o``'s does."""
    def reading(x: Choice) -> str:
        word = words.word_at(text[:x.start] + "\0" * len(x.after) + text[x.end:],
                             x.start, x.start + len(x.after))
        return word.replace("\0" * len(x.after), x.after)
    return words.frequency(reading(c)) >= words.frequency(reading(o)) + 1.0
