"""Numbers as written in news text: digit styles, number words, scales, fractions.

``find_numbers`` returns every number in a span with its value and its *precision*: the
place value of its last significant digit (``1,517`` -> 1, ``1,500`` -> 100, ``3.1
trillion`` -> 0.1 trillion). Half the precision is the rounding a writer may have applied,
which the figure extractor turns into an interval.

Digit styles: ``1,517``, ``1 517`` (also no-break and narrow spaces), ``12.000 people`` and
``1.234.567`` (dot-grouped), ``1.111,11`` (decimal comma), ``4.8``, ``.08``; scales glued
(``10k``, ``$50bn``) or written (``2 million``); words (``twenty-one``, ``two hundred and
six``, ``a dozen``, ``two and a half``, ``three quarters``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from audit.extract import lexicon


@dataclass(frozen=True)
class Number:
    """A number at ``text[start:end]``."""

    start: int
    end: int
    value: float
    precision: float  # place value of the last significant digit, scale included
    words: bool = False  # written (partly) in words
    scaled: bool = False  # carries a scale word or suffix ("2 million", "10k")


_SEP = "[ \u00a0\u202f]"
_DIGITS = re.compile(
    r"(?<![\w.,/:])(?<![^\W\d_]{2}-)"  # not glued to a word, a decimal, a date, a code
    r"(?P<neg>[-−]\s?)?"
    r"(?P<num>"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"          # 1,234,567.89
    r"|\d{1,3}(?:\.\d{3})+,\d+"                          # 1.111,11
    r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.]\d)"                # 1.234.567
    rf"|\d{{1,3}}(?:{_SEP}\d{{3}})+(?:[.,]\d+)?(?!\d)"   # 1 234 567
    r"|\d+(?:[.,]\d+)?"                                 # 1517, 4.8, 1,3
    r"|\.\d+"                                           # .08
    r")"
    r"(?![\d])(?![/:]\d)"
)


@lru_cache(maxsize=1)
def _tables() -> dict:
    data = lexicon.raw("figures")
    words = data["number_words"]
    scales = {k.casefold(): float(v) for k, v in data["scales"].items()}
    return {
        "units": {k: float(v) for k, v in words["units"].items()},
        "tens": {k: float(v) for k, v in words["tens"].items()},
        "fractions": {k: float(v) for k, v in words["fractions"].items()},
        "negative": {w.casefold() for w in words["negative"]},
        "article": {w.casefold() for w in words["article_one"]},
        "scales": scales,
        "glued_only": lexicon.lowered("figures", "glued_scales_only"),
    }


def _digit_precision(num: str) -> tuple[float, float]:
    """Value and precision of a digit string in any supported style."""
    s = num.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", s):  # 1.111,11
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):  # 1.234.567
        s = s.replace(".", "")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s) or " " in s:
        s = s.replace(",", "").replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", s):  # 5,00 / 1,3: a decimal comma
        s = s.replace(",", ".")
    s = s.replace(" ", "")
    value = float(s)
    if "." in s:
        decimals = len(s.split(".", 1)[1])
        return value, 10.0 ** -decimals
    stripped = s.lstrip("0") or "0"
    zeros = len(stripped) - len(stripped.rstrip("0")) if stripped != "0" else 0
    return value, 10.0 ** zeros


def _dot_thousands(text: str, m: re.Match[str]) -> bool:
    """``12.000 people``: a single dot group of three digits before a word is a thousands
    separator (continental style); ``4.800`` alone stays a decimal."""
    num = m.group("num")
    if not re.fullmatch(r"\d{1,3}\.\d{3}", num):
        return False
    after = re.match(r"\s+([^\W\d_]+)", text[m.end():m.end() + 30])
    if not after:
        return False
    word = after.group(1).casefold()
    t = _tables()
    return word not in t["scales"] and word not in {"percent", "per"} and word.islower()


_MINUS = re.compile(r"(?<![\w-])(?:minus|negative)\s+$", re.IGNORECASE)
_WORD_TOKEN = re.compile(r"[^\W\d_]+|-|,")


def _word_tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD_TOKEN.finditer(text, start, end)]


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in ``text[start:end]``, left to right, scales attached."""
    end = len(text) if end is None else end
    found: list[Number] = []
    for m in _DIGITS.finditer(text, start, end):
        neg = m.group("neg")
        if neg and m.start() > 0 and not text[m.start() - 1].isspace():
            continue
        if neg and re.search(r"\d\s*$", text[max(0, m.start() - 3):m.start()]):
            # "1000 - 5000": the dash joins a range, it is no minus sign
            m = _DIGITS.match(text, m.start("num"), end) or m
        value, precision = _digit_precision(m.group("num"))
        if _dot_thousands(text, m):
            value, precision = _digit_precision(m.group("num").replace(".", ""))
        start_at = m.start()
        minus = _MINUS.search(text, max(0, m.start() - 10), m.start())
        if (m.group("neg") and m.start() < m.start("num")) or minus:
            value = -value
            if minus:
                start_at = m.start() - len(minus.group())
        n = Number(start_at, m.end(), value, precision)
        n = _attach_scales(text, n, end)
        if n is None:
            continue
        found.append(n)
    found += _word_numbers(text, start, end, [(n.start, n.end) for n in found])
    found.sort(key=lambda n: n.start)
    out: list[Number] = []
    for n in found:
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


def _attach_scales(text: str, n: Number, limit: int) -> Number | None:
    """Glued (``10k``) or following (``2 million``, ``3 dozens``) scales multiply ``n``.
    A number glued to other letters (``29km``, ``COVID-19``) is no number."""
    t = _tables()
    pos = n.end
    glued = re.match(r"[^\W\d_]+", text[pos:limit])
    scaled = False
    value, precision = n.value, n.precision
    last_scale = 1.0
    if glued:
        word = glued.group().casefold()
        if word in t["scales"] and (word in t["glued_only"] or word.endswith("bn")):
            value *= t["scales"][word]
            precision *= t["scales"][word]
            last_scale = t["scales"][word]
            pos += len(glued.group())
            scaled = True
        elif word in ("st", "nd", "rd", "th"):
            return None  # an ordinal
        else:
            return None
    while True:
        m = re.match(r"[ \u00a0]{1,2}([^\W\d_]+)(?![\w-])", text[pos:limit])
        if not m:
            break
        word = m.group(1).casefold()
        if word not in t["scales"] or (word in t["glued_only"] and word not in
                                       ("bn", "mn", "tn", "mln", "bln", "tln", "trn", "mil")):
            break
        if word == "hundred" and scaled:
            break
        scale = t["scales"][word]
        value *= scale
        precision *= scale
        last_scale = scale
        pos += m.end()
        scaled = True
    if scaled:  # "3 million and a half" is 3.5 million
        m = re.match(r"\s+and\s+(?:a|one)\s+(half|quarter)\b", text[pos:limit], re.I)
        if m:
            value += last_scale / t["fractions"][m.group(1).casefold()]
            pos += m.end()
    return Number(n.start, pos, value, precision, n.words, scaled or n.scaled)


def _word_numbers(text: str, start: int, end: int,
                  taken: list[tuple[int, int]]) -> list[Number]:
    """Numbers written in words: ``twenty-one``, ``two hundred and six``, ``a dozen``,
    ``two and a half``, ``three quarters``, ``half a million``."""
    t = _tables()
    toks = _word_tokens(text, start, end)
    out: list[Number] = []
    i = 0
    while i < len(toks):
        _word, s, _ = toks[i]
        if any(a <= s < b for a, b in taken):
            i += 1
            continue
        parsed = _parse_words(toks, i, t)
        if parsed is None:
            i += 1
            continue
        value, precision, j, scaled = parsed
        out.append(Number(s, toks[j - 1][2], value, precision, True, scaled))
        i = j
    return out


def _is_number_word(w: str, t: dict) -> bool:
    return (w in t["units"] or w in t["tens"] or w in t["fractions"]
            or (w in t["scales"] and w not in t["glued_only"]))


def _parse_words(toks: list[tuple[str, int, int]], i: int, t: dict
                 ) -> tuple[float, float, int, bool] | None:
    """Parse the number words starting at ``toks[i]``: the longest run of number words
    (with inner ``and`` and hyphens) that evaluates. Returns value, precision, the index
    after the last token used, and whether a scale word was used."""
    words: list[str] = []
    ends: list[int] = []  # token index after each accepted word
    j = i
    while j < len(toks):
        if j > i and toks[j][1] - toks[j - 1][2] > 3:
            break  # "a $48.2 million": the words are not next to each other
        raw = toks[j][0].casefold()
        nxt = toks[j + 1][0].casefold() if j + 1 < len(toks) else ""
        parts = [p for p in raw.split("-") if p]
        if all(_is_number_word(p, t) for p in parts) and parts:
            words += parts
            ends.append(j + 1)
        elif raw in t["article"] and (_is_number_word(nxt, t) or nxt == "hundred"):
            words.append("a")
            ends.append(j + 1)
        elif raw in t["negative"] and not words and _is_number_word(nxt, t):
            words.append("-")
            ends.append(j + 1)
        elif raw == "point" and words and nxt in t["units"]:
            words.append("point")
            ends.append(j + 1)
        elif raw in ("and", "-") and words and (_is_number_word(nxt, t)
                                                 or nxt in t["article"]):
            words.append("and")
            ends.append(j + 1)
        else:
            break
        j += 1
    # Drop trailing joiners, then shorten until the run evaluates.
    while words:
        while words and words[-1] in ("and", "a", "-", "point"):
            words.pop()
            ends.pop()
        if not words:
            return None
        result = _evaluate(words, t)
        after = toks[ends[len(words) - 1]][0].casefold() if ends[len(words) - 1] < len(
            toks) else ""
        if result is not None and words[-1] in t["fractions"] and not words[-1].endswith(
                "s") and words[-1] not in ("half", "quarter") and after.isalpha() \
                and after not in ("of", "and"):
            result = None  # "a third party" is an ordinal; "a third of them" a fraction
        if result is not None:
            value, precision, scaled = result
            return value, precision, ends[len(words) - 1], scaled
        words.pop()
        ends.pop()
    return None


def _evaluate(words: list[str], t: dict) -> tuple[float, float, bool] | None:
    """The value of a run of number words, its precision and whether it is scaled."""
    negative = words[0] == "-"
    if negative:
        words = words[1:]
    if not words:
        return None
    scaled = any((w in t["scales"] and t["scales"][w] >= 1000) or w in ("dozen", "dozens")
                 for w in words)
    # "five and a half million": evaluate before the trailing big scale, then multiply.
    tail = 1.0
    while len(words) > 1 and words[-1] in t["scales"] and t["scales"][words[-1]] >= 1000 \
            and any(w in t["fractions"] for w in words[:-1]) and not any(
                t["scales"].get(w, 0) >= 1000 for w in words[:-1]) \
            and words[0] not in ("half", "quarter"):
        tail *= t["scales"][words[-1]]
        words = words[:-1]
    value = _value(words, t)
    if value is None:
        return None
    value *= tail
    if negative:
        value = -value
    if value == 0 and words[0] not in t["units"]:
        return None
    return value, _precision_of(value), scaled


def _value(words: list[str], t: dict) -> float | None:
    # "X and a half" / "X and three quarters": a whole number and a fraction
    if "and" in words:
        k = len(words) - 1 - words[::-1].index("and")
        right = words[k + 1:]
        if right and right[-1] in t["fractions"]:
            left = _value(words[:k], t)
            frac = _fraction(right, t)
            if left is not None and frac is not None:
                # "three million and a half" is 3.5 million, not 3,000,000.5
                last = t["scales"].get(words[k - 1], 1.0) if k else 1.0
                return left + frac * (last if last >= 1000 else 1.0)
    if words[-1] in t["fractions"] or (len(words) > 1 and words[0] in ("half", "quarter")):
        return _fraction(words, t)
    return _cardinal(words, t)


def _fraction(words: list[str], t: dict) -> float | None:
    """``two thirds``, ``a half``, ``half a million``, ``quarter million``."""
    if words[0] in ("half", "quarter") and len(words) > 1:
        rest = [w for w in words[1:] if w != "a"]
        scale = t["scales"].get(rest[0]) if len(rest) == 1 else (
            _cardinal(rest, t) if rest else None)
        return None if scale is None else scale / t["fractions"][words[0]]
    den = t["fractions"].get(words[-1])
    if den is None or (len(words) == 1 and words[0] != "half"):
        return None  # "third" alone is an ordinal ("a third party"), not a fraction
    numer_words = [w for w in words[:-1] if w != "and"]
    numer = 1.0 if not numer_words or numer_words == ["a"] else _cardinal(numer_words, t)
    if numer is None:
        return None
    return numer / den


def _cardinal(words: list[str], t: dict) -> float | None:
    """``two hundred and six``, ``twenty-one trillion three hundred``, ``two point five``.
    Two units in a row (``two three``) are no number."""
    if "point" in words:
        k = words.index("point")
        whole = _cardinal(words[:k], t) if k else 0.0
        digits = words[k + 1:]
        if whole is None or not digits or any(d not in t["units"] or t["units"][d] > 9
                                              for d in digits):
            return None
        return whole + float("0." + "".join(str(int(t["units"][d])) for d in digits))
    total = 0.0
    current = 0.0
    seen = False
    last = ""  # kind of the previous word: unit, teen, tens, hundred, scale
    if words[0] in t["scales"]:
        return None  # "million" alone is a scale whose number is missing
    for w in words:
        if w == "and":
            continue
        if w == "a":
            kind, current = "unit", current + 1
        elif w in t["units"]:
            n = t["units"][w]
            kind = "teen" if n >= 10 else "unit"
            if last in ("unit", "teen") or (last == "tens" and n >= 10):
                return None
            current += n
        elif w in t["tens"]:
            if last in ("unit", "teen", "tens"):
                return None
            kind, current = "tens", current + t["tens"][w]
        elif w in t["scales"]:
            scale = t["scales"][w]
            if scale < 1000:
                kind, current = "hundred", (current or 1) * scale
            else:
                kind = "scale"
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
        last = kind
        seen = True
    return total + current if seen else None


def _precision_of(value: float) -> float:
    """Place value of the last significant digit of a number said in words."""
    if value != int(value):
        return 0.01 if round(value * 10) != value * 10 else 0.1
    v = abs(int(value))
    if v == 0:
        return 1.0
    place = 1.0
    while v % 10 == 0:
        v //= 10
        place *= 10
    return place
