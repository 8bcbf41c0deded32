"""Word frequencies, to break a tie between two readings of the same bytes.

``ĂĽ`` is ``ü`` in Windows-1250 and ``å`` in ISO-8859-2; letter by letter both are fine,
but ``überwachung`` is a German word and ``åberwachung`` is nobody's. Only such ties reach
this module, so its cost (wordfreq loads one list per language, once) is paid rarely. The
languages tried for each script are data (``tie-break-languages`` in
``rules/lexicons/common/mojibake.yaml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from audit.normalize.encoding import data, plausibility
from audit.wordfreqs import zipf_frequency

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f'’])*")


MAX_REACH = 24  # Chinese and Japanese have no spaces: a "word" could be a whole line


def word_at(text: str, start: int, end: int) -> str:
    """The word(s) of ``text`` that overlap ``[start, end)``, with their neighbours (at most
    ``MAX_REACH`` characters on each side)."""
    lo = start
    while lo > max(0, start - MAX_REACH) and (text[lo - 1].isalpha() or text[lo - 1] in "'’"):
        lo -= 1
    hi = end
    while hi < min(len(text), end + MAX_REACH) and (text[hi].isalpha() or text[hi] in "'’"):
        hi += 1
    return text[lo:hi]


def frequency(words: str) -> float:
    """The Zipf frequency of the rarest word in ``words``, in the language that knows it
    best among those written in its script (0 for a word no list has)."""
    found = _WORD.findall(words)
    if not found:
        return 0.0
    return min(_zipf(w.lower()) for w in found)


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    scripts = {plausibility.info(c)[0] for c in word if c.isalpha()}
    best = 0.0
    for script in scripts:
        for lang in data.tie_break_languages(script):
            best = max(best, zipf_frequency(word, lang))
    return best


def warm() -> None:
    """Load every word list the tie-break may need now rather than on the first tie (for
    benchmarks and long-running services)."""
    for script in ("latin", "cyrillic", "greek", "arabic", "hebrew"):
        for lang in data.tie_break_languages(script):
            zipf_frequency("a", lang)
