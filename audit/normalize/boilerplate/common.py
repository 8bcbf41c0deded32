"""What the boilerplate fixes share: the Removal record, lexicon look-ups, line helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from audit import lexicons, textunits
from audit.model import Repair
from audit.normalize import apply_repairs
from audit.normalize.overlap import no_new_gaps
from audit.wordfreqs import zipf_frequency

NAME = "boilerplate"
MAX_WIDGET_GAP = 80      # ad text between two widget labels ("Set The StandardCFA Institute")
MAX_BLOCK_LINES = 30     # headlines listed under one "Related news" header
MAX_FURNITURE_WORDS = 25


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    kind: str
    reason: str
    glued: bool = False


Fix = Callable[[str], list[Removal]]


def lex(group: str) -> tuple[str, ...]:
    return lexicons.merged("boilerplate", group)


@cache
def glued_alternation(group: str) -> str:
    """Entries that may be glued to the text on their left, but not run into a lowercase
    letter on their right (``Undo`` in ``UndoWhile``, not in ``Undone``)."""
    return lexicons.alternation(lex(group), bounded=False) + r"(?![a-zà-ÿ])"


@cache
def line_start(group: str) -> re.Pattern[str]:
    return re.compile(r"^[^\S\n]*" + lexicons.alternation(lex(group)), re.I)


def n_words(s: str) -> int:
    return len(textunits.WORD.findall(s))


def widen_to_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in horizontal white space up to the line start on the left, if nothing else is
    there, so a widget that opened a line leaves no indentation behind."""
    left = start
    while left > 0 and text[left - 1] in " \t\u00a0":
        left -= 1
    if left == 0 or text[left - 1] == "\n":
        start = left
    return start, end


def is_glued(text: str, start: int, end: int, inner: str) -> bool:
    """Furniture shares a line with other text, or its own labels run together."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    shares = bool(text[line_start:start].strip() or text[end:line_end].strip())
    return shares or bool(re.search(r"[a-zà-ÿ.?!][A-ZÀ-Ý]", inner))


_JUNCTION = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-ZÀ-Ý])")
_LETTERS = re.compile(r"[^\W\d_]+")


def glue_point(text: str, start: int, limit: int = 200) -> int | None:
    """Where furniture glued to the next sentence ends: the first place after ``start``, on
    the same line and before any full stop, where a lowercase letter runs into a capital
    (``accidentsThe``) inside a letter run that is no known word ("YouTube" is one).

    >>> t = "Read alsoFerry checks tightenedThe ministry said"
    >>> t[glue_point(t, 9):]
    'The ministry said'
    """
    end = min(len(text), start + limit)
    line_end = text.find("\n", start, end)
    end = end if line_end == -1 else line_end
    stop = re.search(r"[.!?]\s", text[start:end])
    end = start + stop.start() if stop else end
    for m in _JUNCTION.finditer(text, start + 1, end):
        left = _LETTERS.search(text[max(0, m.start() - 40):m.start()][::-1])
        right = _LETTERS.match(text, m.start())
        word = (left.group()[::-1] if left else "") + (right.group() if right else "")
        if zipf_frequency(word.lower(), "en") == 0:
            return m.start()
    return None


def whole_line(text: str, start: int, end: int, kind: str, reason: str,
                glued: bool = False) -> Removal:
    """A removal of line ``text[start:end]`` and its line break (the one before it, for
    the last line)."""
    if end < len(text) and text[end] == "\n":
        end += 1
    elif end == len(text) and start > 0 and text[start - 1] == "\n":
        start -= 1
    return Removal(start, end, kind, reason, glued)


def show(fix: Fix, text: str) -> str:
    """Apply one fix to ``text`` (for the examples)."""
    return apply_repairs(text, to_repairs(text, merge(fix(text))))


def merge(found: list[Removal]) -> list[Removal]:
    """Overlapping removals become one; the earliest names the kind."""
    out: list[Removal] = []
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            prev = out[-1]
            out[-1] = Removal(prev.start, max(prev.end, r.end), prev.kind, prev.reason,
                              prev.glued or r.glued)
        else:
            out.append(r)
    return out


def to_repairs(text: str, removals: list[Removal]) -> list[Repair]:
    repairs = []
    for r in removals:
        left = text[r.start - 1] if r.start > 0 else "\n"
        right = text[r.end] if r.end < len(text) else "\n"
        # Glued furniture between two words: keep them apart.
        after = " " if not left.isspace() and not right.isspace() else ""
        repairs.append(Repair(NAME, r.start, r.end, text[r.start:r.end], after, r.reason,
                              meta={"kind": r.kind, "glued": r.glued}))
    return no_new_gaps(text, repairs)
