"""Units of a text: lines, paragraphs, sentences, and what kind of block a paragraph is.

Scraped news comes in two layouts: paragraphs separated by blank lines, and one paragraph per
line with no blank line between them. Hard-wrapped paragraphs (a line break every 70
characters or so) also occur. ``paragraphs`` handles all three: inside a block of non-blank
lines, a line break starts a new paragraph only where the line before it could end one.

Block kinds let checks leave alone what is not running prose: a headline has no final
period, a dateline is a date, a byline is a name. Both the normalizers (which must not touch a
headline) and the checks (which must not call it truncated) use them, so this module depends
only on the lexicons.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from audit import lexicons

Span = tuple[int, int]

WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*$|["'”’»]$""")
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[¿¡]*[^\W_a-z]|\s*$)""")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦]|\d{1,3}[.)])\s+")
_DATE_NUMERIC = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class Block:
    """A paragraph and what it is: heading, dateline, byline, list, caption, table, body."""

    start: int
    end: int
    kind: str
    index: int  # position among the document's paragraphs


def lines(text: str) -> list[Span]:
    """Spans of every line, without its line break (empty lines included)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]


def ends_sentence(line: str) -> bool:
    """Whether a line ends like a finished sentence (or a quotation, or a colon)."""
    return bool(_TERMINAL.search(line.rstrip()))


def _continues(prev: str, nxt: str) -> bool:
    """Whether a line break between ``prev`` and ``nxt`` is a hard wrap inside a paragraph."""
    if ends_sentence(prev) or _BULLET.match(nxt):
        return False
    first = nxt.lstrip()[:1]
    if first and (first.islower() or first.isdigit()):
        return True
    # An unpunctuated short line before a capitalised one is a heading or a list entry.
    return len(WORD.findall(prev)) > 8 and len(prev.strip()) > 60


def paragraphs(text: str) -> list[Span]:
    """Spans of paragraphs, trimmed of surrounding white space."""
    out: list[Span] = []
    current: Span | None = None
    prev_line = ""
    for start, end in lines(text):
        line = text[start:end]
        if not line.strip():
            if current:
                out.append(current)
            current = None
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        span = (start + lead, end - trail)
        if current is not None and _continues(prev_line, line):
            current = (current[0], span[1])
        else:
            if current:
                out.append(current)
            current = span
        prev_line = line
    if current:
        out.append(current)
    return out


@lru_cache(maxsize=8)
def _abbreviations(language: str) -> frozenset[str]:
    try:
        return frozenset(lexicons.words("abbreviations", language))
    except lexicons.LexiconError:
        return frozenset()


def sentences(text: str, start: int = 0, end: int | None = None,
              language: str = "en") -> list[Span]:
    """Sentence spans inside ``text[start:end]``; abbreviations and initials do not split."""
    end = len(text) if end is None else end
    abbreviations = _abbreviations(language)
    out: list[Span] = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        head = text[begin:m.start() + 1]
        last = head.split()[-1] if head.split() else ""
        if last in abbreviations or re.fullmatch(r"(?:[A-Z]\.)+", last):
            continue
        out.append((begin, m.end()))
        begin = m.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end and text[begin:end].strip():
        out.append((begin, end - (len(text[begin:end]) - len(text[begin:end].rstrip()))))
    return out


@lru_cache(maxsize=1)
def _furniture_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    byline = lexicons.alternation(lexicons.merged("boilerplate", "byline"))
    credits = lexicons.merged("boilerplate", "credit")
    credit = lexicons.alternation(credits)
    phrase = lexicons.alternation([c for c in credits if " " in c])
    name = r"[A-ZÀ-Ý][\w.'’-]*"
    by = re.compile(rf"^{byline}\s+{name}(?:\s+(?:{name}|and|&|de|da|van|von|der|bin|binti))*"
                    rf"(?:\s*[,|/–-]\s*[A-ZÀ-Ý][\w .'’&-]*)?$")
    # "(Reporting by …; Editing by …)", "Reporting by Jane Doe", "Editor: Jane Doe": a
    # credit is parenthesised, or its marker is followed by a colon, or it is a phrase
    # ("Editing by") followed by a capitalised name. "Editor Jane Doe resigned" is prose.
    cr = re.compile(rf"^(?:\(\s*{credit}[^()\n]*\)|{credit}[^\S\n]*:[^\n]+"
                    rf"|{phrase}[^\S\n]+[A-ZÀ-Ý][^\n]*)$")
    return by, cr


@lru_cache(maxsize=4)
def _date_words(language: str) -> re.Pattern[str]:
    try:
        found = lexicons.words("dates", language)
    except lexicons.LexiconError:
        found = lexicons.words("dates", "en")
    return re.compile(lexicons.alternation(found))


def is_byline(line: str) -> bool:
    """``By Jane Doe``, ``Par Jean Dupont, AFP``: a byline on a line of its own."""
    line = line.strip()
    return len(line.split()) <= 12 and bool(_furniture_patterns()[0].match(line))


def is_credit(line: str) -> bool:
    """``(Reporting by Jane Doe; Editing by John Roe)`` and similar credit lines."""
    line = line.strip()
    return len(line.split()) <= 30 and bool(_furniture_patterns()[1].match(line))


def is_dateline(line: str, language: str = "en") -> bool:
    line = line.strip()
    if len(WORD.findall(line)) > 8 or (ends_sentence(line) and not line.endswith(":")):
        return False
    return bool(_date_words(language).search(line) or _DATE_NUMERIC.search(line)
                or (_YEAR.search(line) and len(line.split()) <= 4))


def is_caps_caption(line: str) -> bool:
    """An all-capitals line of five words or more: an infographic or photo caption."""
    letters = [c for c in line if c.isalpha()]
    return (len(WORD.findall(line)) >= 5 and len(letters) >= 20
            and sum(c.isupper() for c in letters) >= 0.9 * len(letters))


def _ends_with_article(par: str, language: str) -> bool:
    tail = WORD.findall(par[-40:])
    if not tail:
        return False
    try:
        closers = lexicons.words("function-words#article+determiner", language)
    except lexicons.LexiconError:
        return False
    return tail[-1].lower() in closers


def kind_of(text: str, span: Span, index: int, language: str = "en") -> str:
    """What a paragraph is. The first paragraph without final punctuation is the headline."""
    par = text[span[0]:span[1]]
    n_words = len(WORD.findall(par))
    if "\t" in par or par.count("|") >= 2:
        return "table"
    if _BULLET.match(par):
        return "list"
    if is_byline(par) or is_credit(par):
        return "byline"
    if is_dateline(par, language):
        return "dateline"
    if is_caps_caption(par) and not ends_sentence(par):
        return "caption"
    if not ends_sentence(par):
        if index == 0:
            return "heading"
        if n_words <= 12 and not _ends_with_article(par, language):
            return "heading"
    return "body"


_TOP_MATTER = {"heading", "byline", "dateline", "caption"}


def blocks(text: str, language: str = "en") -> list[Block]:
    """Every paragraph with its kind. An unpunctuated paragraph that follows only top
    matter (headline, byline, dateline) is the standfirst: a heading, however long."""
    out: list[Block] = []
    for i, (s, e) in enumerate(paragraphs(text)):
        kind = kind_of(text, (s, e), i, language)
        if (kind == "body" and all(b.kind in _TOP_MATTER for b in out)
                and not ends_sentence(text[s:e]) and not _ends_with_article(text[s:e],
                                                                             language)):
            kind = "heading"
        out.append(Block(s, e, kind, i))
    return out


def iter_words_in(text: str, span: Span) -> Iterator[re.Match[str]]:
    return WORD.finditer(text, span[0], span[1])
