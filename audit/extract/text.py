"""Small text helpers the extractors share: tokens with offsets, sentences, folding.

Everything works on the repaired text and returns character offsets into it; nothing here
knows about documents or stories.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from audit.extract import lexicon
from audit.wordfreqs import zipf_frequency

# A word: letters, inner apostrophes, hyphens and dots of acronyms ("U.S.", "Jürgen",
# "O'Brien", "Secretary-General").
_WORD = r"(?:[^\W\d_]\.){2,}|[^\W\d_](?:[^\W_]|['’\-](?=[^\W_]))*"
_NUMBER = r"\d+(?:[.,]\d+)*"
TOKEN = re.compile(rf"{_WORD}|{_NUMBER}|[^\w\s]")
WORD = re.compile(_WORD)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n\s*")
_LINE = re.compile(r"[^\n]+")


class Token(NamedTuple):
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words, numbers and single punctuation marks of ``text[start:end]``, with offsets."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)
            if not m.group().isspace()]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: lines are split at a full stop, question or exclamation mark that
    is followed by white space and is not an abbreviation's (``Mr.``, ``U.S.``)."""
    abbreviations = lexicon.lowered("names", "abbreviations")
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        begin = line.start()
        for m in _SENTENCE_END.finditer(text, line.start(), line.end()):
            before = text[begin:m.start()].rsplit(None, 1)
            last = before[-1].casefold().rstrip(".") if before else ""
            if text[m.start()] == "." and (last in abbreviations
                                           or re.fullmatch(r"[^\W\d_]", last)):
                continue
            out.append((begin, m.end()))
            begin = m.end()
            while begin < line.end() and text[begin].isspace():
                begin += 1
        if begin < line.end() and text[begin:line.end()].strip():
            out.append((begin, line.end()))
    return [(a, b) for a, b in out if text[a:b].strip()]


def is_table_row(text: str, start: int) -> bool:
    """Whether the line holding ``start`` is a table row, markdown (``| a | b |``) or
    tab-separated as the markup repair leaves tables: cells are no prose."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end != -1 else len(text)].strip()
    return (line.startswith("|") and line.endswith("|")) or "\t" in line


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-insensitive form: ``Jürgen`` -> ``jurgen`` (NFKD, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem so that ``arrests``/``arrested``/``arrest`` compare equal."""
    w = fold(word).removesuffix("'s").removesuffix("'")
    if len(w) <= 3:
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "stopp(ed)" -> "stop"
    return w.rstrip("e") if len(w) > 4 else w


def zipf(word: str) -> float:
    """English word frequency (wordfreq, Zipf scale 0-8; 0 for unknown words)."""
    return _zipf(word.casefold())


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def function_words() -> frozenset[str]:
    return lexicon.lowered("names", "function_words")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, capped at ``limit + 1`` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
