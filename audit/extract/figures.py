"""Figures: every number with its qualifier, range, scale, unit and the interval it allows.

A figure is what a sentence claims about a quantity: ``more than 1,500 people``, ``$2
trillion to $3 trillion``, ``40% to 70%``, ``tens of thousands``. Each becomes an interval
``[low, high]`` that holds every value the sentence allows, rounding included (the
semantics are data: ``rules/lexicons/en/figures.yaml``). Two sources conflict when their
intervals for the same thing cannot both hold. What the figure counts (noun, verb, rate,
places, time scope, context words) is read by ``audit.extract.context``.

    >>> f = extract_figures("Police made more than 1,500 arrests.")[0]
    >>> (f.text, f.low, f.high, f.noun)
    ('more than 1,500', 1500.0, 2350.0, 'arrests')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from audit.extract import context, lexicon
from audit.extract import text as textmod
from audit.extract.numbers import Number, find_numbers


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    low: float
    high: float
    stated: tuple[float, float]  # the numbers as written (both ends of a range)
    kind: str  # count | money | percent | measure
    unit: str | None = None  # currency code, "%", or a measure ("km", "ha")
    qualifier: str | None = None  # approximate, below, above, at_least, ... or vague
    noun: str | None = None  # what it counts, synonym-folded ("people", "arrests")
    noun_text: str | None = None
    verbs: frozenset[str] = frozenset()
    period: str | None = None  # year, month, week, day: a rate
    places: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()  # "since:2021", "year:2023"
    anchors: frozenset[str] = frozenset()  # content stems around it
    sentence: tuple[int, int] = (0, 0)
    weak: bool = field(default=False, compare=False)  # counts nothing we can name
    precision: tuple[float, float] = field(default=(1.0, 1.0), compare=False)
    scaled: bool = field(default=False, compare=False)  # "2 million", "10k"
    core: tuple[int, int] = field(default=(0, 0), compare=False)  # without the qualifier

    @property
    def core_text(self) -> str:
        """The figure without its qualifier: ``$ 14 million`` of ``about $ 14 million``."""
        return self.text[self.core[0] - self.start:self.core[1] - self.start]

    @property
    def counts(self) -> str:
        """A readable label of what the figure counts ("people trafficked")."""
        parts = [self.noun_text or self.noun or ""]
        if self.verbs:
            parts.append(sorted(self.verbs)[0])
        label = " ".join(p for p in parts if p).strip()
        return label or {"money": "amount", "percent": "share"}.get(self.kind, self.kind)

    def overlaps(self, other: Figure) -> bool:
        """Whether both intervals can hold at once."""
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True)
class _Semantics:
    low_factor: float
    low_units: float
    high_factor: float
    high_units: float


@lru_cache(maxsize=1)
def _lex() -> dict:
    data = lexicon.raw("figures")
    quals: dict[str, tuple[str, str]] = {}  # phrase -> (class, "before"/"after")
    sem: dict[str, _Semantics] = {}
    for name, spec in data["qualifiers"].items():
        sem[name] = _Semantics(spec["low"]["factor"], spec["low"]["units"],
                               spec["high"]["factor"], spec["high"]["units"])
        for side in ("before", "after"):
            for phrase in spec.get(side, []):
                quals.setdefault((str(phrase).casefold(), side), (name, side))
    before = sorted({p for (p, s) in quals if s == "before"}, key=len, reverse=True)
    after = sorted({p for (p, s) in quals if s == "after"}, key=len, reverse=True)
    cur_before = {str(k): v for k, v in data["currency"]["before"].items()}
    cur_after = {str(k).casefold(): v for k, v in data["currency"]["after"].items()}
    measures = {str(w).casefold(): unit for unit, ws in data["measures"].items() for w in ws}
    vague = {k.casefold(): (float(v[0]), math.inf if v[1] is None else float(v[1]))
             for k, v in data["vague"].items()}
    return {
        "quals": quals, "sem": sem, "before": before, "after": after,
        "cur_before": cur_before, "cur_after": cur_after,
        "cur_prefixes": sorted(cur_before, key=len, reverse=True),
        "subunits": {k: (v[0], float(v[1])) for k, v in data["subunits"].items()},
        "pct_after": sorted((p.casefold() for p in data["percent"]["after"]), key=len,
                            reverse=True),
        "pct_before": sorted((p.casefold() for p in data["percent"]["before"]), key=len,
                             reverse=True),
        "measures": measures, "vague": vague,
        "needs_scale": lexicon.lowered("figures", "vague_needs_scale"),
        "needs_of": lexicon.lowered("figures", "vague_needs_of"),
        "fillers": sorted(lexicon.group("figures", "fillers"), key=len, reverse=True),
        "joiners": lexicon.lowered("figures", "range_joiners"),
        "openers": lexicon.lowered("figures", "range_openers"),
        "not_after": sorted(lexicon.group("figures", "not_figures_after"), key=len,
                            reverse=True),
        "not_before": lexicon.lowered("figures", "not_figures_before"),
        "scales": {k.casefold(): float(v) for k, v in data["scales"].items()},
        "months": frozenset(m.casefold() for m in lexicon.group("dates", "month")),
    }


@lru_cache(maxsize=1)
def _vague_compiled() -> re.Pattern[str]:
    lex = _lex()
    words = sorted(lex["vague"], key=len, reverse=True)
    alt = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    scales = "|".join(sorted((re.escape(s) for s in ("hundred", "thousand", "million",
                                                      "billion", "trillion")), key=len,
                             reverse=True))
    return re.compile(rf"(?<![\w-])(?P<mult>{alt})(?:\s+(?:of\s+)?(?P<scale>(?:{scales})s?))?"
                      r"(?![\w-])", re.IGNORECASE)


def _ends_with(haystack: str, phrases: list[str]) -> str | None:
    """The longest phrase that ``haystack`` ends with, at a word boundary."""
    low = haystack.casefold()
    for p in phrases:
        if low.endswith(p) and (len(low) == len(p) or not low[-len(p) - 1].isalnum()
                                or not p[0].isalnum()):
            return p
    return None


def _starts_with(haystack: str, phrases: list[str]) -> str | None:
    low = haystack.casefold()
    for p in phrases:
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()
                                  or not p[-1].isalnum()):
            return p
    return None


def _is_date_or_time(text: str, n: Number) -> bool:
    """A day of a date (``7 June``, ``December 8``), a year, or a clock time."""
    lex = _lex()
    raw = text[n.start:n.end]
    if re.fullmatch(r"\d{4}", raw) and 1800 <= n.value <= 2100:
        return True
    before = re.search(r"([^\W\d_]+)\.?,?\s*$", text[max(0, n.start - 12):n.start])
    after = re.match(r"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?([^\W\d_]+)", text[n.end:n.end + 16])
    if re.fullmatch(r"\d{1,2}", raw) and (
            (before and before.group(1).casefold() in lex["months"])
            or (after and after.group(1).casefold() in lex["months"])):
        return True
    tail = text[n.end:n.end + 14]
    if re.fullmatch(r"(?:[01]?\d|2[0-3])[.:][0-5]\d", raw) and (
            re.search(r"(?<![\w-])at\s+$", text[max(0, n.start - 6):n.start])):
        return True  # "at 19.00": a clock time
    return _starts_with(tail.lstrip(), [p.casefold() for p in lex["not_after"]]) is not None \
        and bool(re.match(r"\s*[^\W\d_]", tail) or re.match(r"\s*\.", tail)) \
        and not re.match(r"\s*hours?\b", tail)


def _suffix(text: str, pos: int, limit: int, currency_before: bool = False
            ) -> tuple[int, str | None, str | None, str | None]:
    """Units right after a number: percent, currency words, measures, post-qualifiers.
    Returns the new end, kind, unit and qualifier."""
    lex = _lex()
    rest = text[pos:limit]
    m = re.match(r"\s?", rest)
    gap = m.end() if m else 0
    tail = rest[gap:]
    pct = _starts_with(tail, lex["pct_after"]) if tail[:1] != "%" else "%"
    if pct:
        return pos + gap + len(pct), "percent", "%", None
    m = re.match(r"[^\W\d_.]+(?:\.[^\W\d_]+\.?)?(?:\s[^\W\d_]+){0,2}|[€$₡₾₭元]", tail)
    if m and not (currency_before and m.group() in "$€£"):
        words = m.group().split()
        for k in range(len(words), 0, -1):  # "us dollars" before "us"
            cand = " ".join(words[:k])
            if cand.casefold() in lex["cur_after"]:
                return pos + gap + len(cand), "money", lex["cur_after"][cand.casefold()], None
    m = re.match(r"km/h|[^\W\d_]+(?:\s(?:per\s)?[^\W\d_]+)?", tail, re.IGNORECASE)
    if m:
        for cand in (m.group(), m.group().split()[0]):
            if cand.casefold() in lex["measures"]:
                return pos + gap + len(cand), "measure", lex["measures"][cand.casefold()], None
    return pos, None, None, None


def _post_qualifier(text: str, pos: int, limit: int) -> tuple[int, str | None]:
    lex = _lex()
    tail = text[pos:limit]
    m = re.match(r"\s*", tail)
    p = _starts_with(tail[m.end():], lex["after"]) if m else None
    if p and re.match(r"\s+than\b", tail[m.end() + len(p):]):
        p = None  # "no more than 12 and more than 194": the next figure's qualifier
    if p is None and tail.startswith("-plus"):
        p = "-plus"
    if p:
        return pos + m.end() + len(p), lex["quals"][(p, "after")][0]
    return pos, None


def _prefix(text: str, start: int, floor: int
            ) -> tuple[int, int, str | None, str | None, bool]:
    """Currency and qualifier before a number. Returns the new start, the start without
    the qualifier, the currency, the qualifier class, and whether a percent-of phrase
    opened it."""
    lex = _lex()
    pos = start
    currency = None
    head = text[floor:pos]
    stripped = head.rstrip()
    for symbol in lex["cur_prefixes"]:
        if not stripped.casefold().endswith(symbol.casefold()) or \
                len(head) - len(stripped) > 1:
            continue
        before = stripped[: len(stripped) - len(symbol)]
        if symbol[0].isalpha() and before[-1:].isalpha():
            continue  # "Bus 5" is no currency
        currency = lex["cur_before"][symbol]
        pos = floor + len(before)
        break
    head = text[floor:pos].rstrip()
    percent_of = _ends_with(head, lex["pct_before"])
    if percent_of:
        at = floor + len(head) - len(percent_of)
        return at, at, currency, None, True
    for _ in range(2):  # "just over", "some" fillers in front of the number
        filler = _ends_with(head, [f.casefold() for f in lex["fillers"]])
        qual = _ends_with(head, lex["before"])
        if qual:
            cls = lex["quals"][(qual, "before")][0]
            return floor + len(head) - len(qual), pos, currency, cls, False
        if filler and filler != "some":
            head = head[: len(head) - len(filler)].rstrip()
            continue
        break
    return pos, pos, currency, None, False


def _single(text: str, n: Number, floor: int, limit: int) -> Figure | None:
    lex = _lex()
    if _is_date_or_time(text, n):
        return None
    word_before = re.search(r"([^\W\d_]+\.?)\s*$", text[max(floor, n.start - 12):n.start])
    if word_before and word_before.group(1).casefold() in lex["not_before"]:
        return None
    start, core_start, currency, qualifier, percent_of = _prefix(text, n.start, floor)
    end, kind, unit, _ = _suffix(text, n.end, limit, currency is not None)
    if percent_of:
        kind, unit = "percent", "%"
    if currency and kind != "percent":
        kind, unit = "money", currency
    kind = kind or "count"
    value, precision = n.value, n.precision
    if unit in lex["subunits"]:
        unit, frac = lex["subunits"][unit]
        value, precision = value * frac, precision * frac
    end_core = end
    end2, post = _post_qualifier(text, end, limit)
    if post:
        qualifier, end = qualifier or post, end2
    low, high = _interval(value, value, precision, precision, qualifier)
    return Figure(start, end, text[start:end], low, high, (value, value), kind, unit,
                  qualifier, precision=(precision, precision), scaled=n.scaled,
                  core=(core_start, end_core))


def _interval(a: float, b: float, pa: float, pb: float, qualifier: str | None
              ) -> tuple[float, float]:
    """The interval a stated value (or range a..b) allows, rounding included."""
    sem = _lex()["sem"].get(qualifier or "", None)
    ta, tb = pa / 2, pb / 2
    if sem is None:
        low, high = a - ta, b + tb
    else:
        low = a * sem.low_factor - sem.low_units * ta
        high = b * sem.high_factor + sem.high_units * tb
    return (min(low, high), max(low, high))


def _vague_figures(text: str, start: int, end: int) -> list[Figure]:
    lex = _lex()
    out = []
    for m in _vague_compiled().finditer(text, start, end):
        mult = re.sub(r"\s+", " ", m.group("mult").casefold())
        lo, hi = lex["vague"][mult]
        scale = 1.0
        if m.group("scale"):
            scale = lex["scales"][m.group("scale").casefold().rstrip("s")]
        elif mult in lex["needs_scale"]:
            continue
        elif mult in lex["needs_of"] and not re.match(r"\s+of\b", text[m.end():end]):
            continue  # "he scores 40": a verb
        s, e = m.start(), m.end()
        qual_start, core_start, currency, qualifier, _ = _prefix(text, s, start)
        e2, kind, unit, _ = _suffix(text, e, end)
        of_money = re.match(r"\s+of\s+((?:us\s|u\.s\.\s)?[^\W\d_]+)", text[e:end], re.I)
        if of_money and of_money.group(1).casefold() in lex["cur_after"]:
            kind, unit, e2 = "money", lex["cur_after"][of_money.group(1).casefold()], \
                e + of_money.end()
        if currency:
            kind, unit = "money", currency
        low, high = lo * scale, hi * scale
        if qualifier:
            low, high = _interval(low, high, 0, 0, qualifier)
        out.append(Figure(qual_start if qualifier else s, max(e, e2),
                          text[qual_start if qualifier else s:max(e, e2)], low, high,
                          (lo * scale, hi * scale), kind or "count", unit, "vague",
                          core=(core_start, max(e, e2))))
    return out


def _merge_ranges(text: str, figs: list[Figure], floor: int) -> list[Figure]:
    """``40% to 70%``, ``$2 trillion to $3 trillion``, ``between 20 and 30``: one figure,
    the second end lending its unit and scale to the first when it lacks them."""
    lex = _lex()
    out: list[Figure] = []
    for f in figs:
        if out:
            prev = out[-1]
            gap = text[prev.end:f.start].strip().casefold()
            opener = _ends_with(text[floor:prev.start].rstrip(), sorted(lex["openers"]))
            joins = gap in lex["joiners"] or (gap == "and" and opener)
            if joins and prev.qualifier != "vague" and f.qualifier != "vague" and \
                    (prev.kind == f.kind or prev.kind == "count") and not (
                    gap == "or" and prev.kind != f.kind):
                a, b = prev.stated[0], f.stated[1]
                pa, pb = prev.precision[0], f.precision[1]
                if f.scaled and not prev.scaled:  # "2 to 3 trillion"
                    ratio = _scale_of(b, a)
                    a, pa = a * ratio, pa * ratio
                if a < b:
                    qual = prev.qualifier or f.qualifier
                    low, high = _interval(a, b, pa, pb, qual)
                    start = prev.start
                    if opener:
                        start = floor + len(text[floor:prev.start].rstrip()) - len(opener)
                    core_start = prev.core[0] if not opener else start
                    out[-1] = Figure(start, f.end, text[start:f.end], low, high, (a, b),
                                     f.kind, f.unit, qual or "range", precision=(pa, pb),
                                     scaled=f.scaled, core=(core_start, f.core[1]))
                    continue
        out.append(f)
    return out


def _scale_of(b: float, a: float) -> float:
    """The scale the second end of a range carries that the first lacks: ``2 to 3
    trillion`` -> 1e12."""
    if a <= 0:
        return 1.0
    scale = 1.0
    while a * scale * 1000 <= b:
        scale *= 1000
    return scale


def extract_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every figure in ``text[start:end]`` with its interval and what it counts."""
    end = len(text) if end is None else end
    out: list[Figure] = []
    for s, e in textmod.sentences(text):
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if textmod.is_table_row(text, s):
            continue  # table cells lose the words that say what they count
        figs = _vague_figures(text, s, e)
        taken = [(f.start, f.end) for f in figs]
        for n in find_numbers(text, s, e):
            if any(a <= n.start < b or n.start <= a < n.end for a, b in taken):
                continue
            f = _single(text, n, s, e)
            if f is not None:
                figs.append(f)
        figs.sort(key=lambda f: f.start)
        figs = _merge_ranges(text, figs, s)
        out += [context.describe(text, f, (s, e)) for f in figs]
    # "one of them", "no one": a lone "one" counts nothing worth comparing
    return [f for f in out if not (f.kind == "count" and f.qualifier is None
                                   and f.stated == (1.0, 1.0) and f.text.isalpha())]


__all__ = ["Figure", "extract_figures"]
