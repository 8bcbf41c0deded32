"""White space that is layout, folded; white space that is evidence, kept.

A run of spaces in the middle of a sentence is often where a number or a link text was
dropped (``more than  were rescued``), so it is never folded here: the dropped-number rules
look for it. What is folded is clearly layout: spaces at the ends of lines, blank lines
beyond one, blank space around the whole text, and the double space some writers put after
a full stop. Each fix is a function ``fix(text) -> list[Repair]`` over the same input; the
docstring examples run as doctests.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from audit.model import Repair
from audit.normalize import apply_repairs, normalizer
from audit.normalize.overlap import keep_first

NAME = "whitespace"
Fix = Callable[[str], list[Repair]]

_BLANK_RUN = re.compile(r"\n(?:[^\S\n]*\n){2,}")
_LINE_END = re.compile(r"[^\S\n]+(?=\n|\Z)")
_LINE_START = re.compile(r"(?:(?<=\n)|\A)[^\S\n]+(?=\S)")
_AFTER_SENTENCE = re.compile(r"(?<=[.!?…])([\"'”’»)\]]*)[^\S\n]{2,}(?=\S)")
_EDGE_START = re.compile(r"\A\s+")
_EDGE_END = re.compile(r"\s+\Z")


def _repair(m: re.Match[str], after: str, reason: str) -> Repair:
    return Repair(NAME, m.start(), m.end(), m.group(), after, reason)


def show(fix: Fix, text: str) -> str:
    """Apply one fix to ``text`` (for the examples)."""
    return apply_repairs(text, fix(text))


def fold_blank_lines(text: str) -> list[Repair]:
    """More than one blank line between paragraphs is one blank line.

    >>> show(fold_blank_lines, "First.\\n \\n\\n\\n\\nSecond.")
    'First.\\n\\nSecond.'
    """
    return [_repair(m, "\n\n", "blank lines") for m in _BLANK_RUN.finditer(text)]


def strip_line_edges(text: str) -> list[Repair]:
    """Spaces at the start or end of a line are layout.

    >>> show(strip_line_edges, "  Indented line.  \\nNext\\t\\n")
    'Indented line.\\nNext\\n'
    """
    return ([_repair(m, "", "spaces at a line end") for m in _LINE_END.finditer(text)]
            + [_repair(m, "", "indentation") for m in _LINE_START.finditer(text)])


def strip_text_edges(text: str) -> list[Repair]:
    """Blank space before the first word goes; after the last, one line break stays.

    >>> show(strip_text_edges, "\\n\\n  Headline\\nBody.\\n\\n\\n")
    'Headline\\nBody.\\n'
    """
    found = [_repair(m, "", "leading blank space") for m in _EDGE_START.finditer(text)]
    found += [_repair(m, "\n" if "\n" in m.group() else "", "trailing blank space")
              for m in _EDGE_END.finditer(text) if m.group() != "\n"]
    return found


def fold_space_after_sentence(text: str) -> list[Repair]:
    """Two spaces after a full stop are a typing habit, not a gap. Gaps inside a sentence
    stay: they may be where a number was dropped.

    >>> show(fold_space_after_sentence, "It ended.  Then more than  were freed.")
    'It ended. Then more than  were freed.'
    """
    out = []
    for m in _AFTER_SENTENCE.finditer(text):
        start = m.start() + len(m.group(1))
        out.append(Repair(NAME, start, m.end(), text[start:m.end()], " ",
                          "double space after a sentence"))
    return out


FIXES: tuple[Fix, ...] = (strip_text_edges, fold_blank_lines, strip_line_edges,
                          fold_space_after_sentence)


@normalizer(NAME, order=900)
def fold_whitespace(text: str) -> tuple[str, list[Repair]]:
    """Fold layout white space; keep gaps inside sentences."""
    repairs = keep_first([r for fix in FIXES for r in fix(text)])
    return (apply_repairs(text, repairs), repairs) if repairs else (text, [])
