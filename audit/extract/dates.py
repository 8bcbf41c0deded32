"""Dates: weekdays, calendar dates and relative days, resolved against the publication date.

Candidate spans are found with the month and weekday words of ``rules/lexicons/en/
dates.yaml``; dateparser resolves each span with ``RELATIVE_BASE`` set to the document's
publication date (so ``on Tuesday`` in an article of Wednesday 12 February 2025 is 11
February, and the answer never depends on the day the audit runs). Without a publication
date only spans that carry their own year are resolved; a weekday stays a weekday.

Each mention also records its role (a point, or the start or end of an interval: ``since
Friday``, ``ran from 20 January to 2 March``) and the event words around it, so that the
cross-source check compares the dates of one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from audit.extract import lexicon
from audit.extract.context import canonical_word, is_verb
from audit.extract.text import Token, function_words, sentences, tokens

WINDOW = 6


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: date | None  # the resolved day, when the span names one
    weekday: int | None  # the weekday written (0 = Monday), if any
    granularity: str  # day | month | year | week
    role: str = "point"  # point | start | end
    verbs: frozenset[str] = frozenset()  # event verbs next to it, synonym-folded
    anchors: frozenset[str] = frozenset()
    sentence: tuple[int, int] = (0, 0)
    inconsistent: bool = False  # the weekday written is not the date's weekday

    def agrees(self, other: DateMention) -> bool | None:
        """Whether two mentions can name the same day (None: cannot tell)."""
        if self.day and other.day and self.granularity == other.granularity == "day":
            return self.day == other.day
        if self.weekday is not None and other.weekday is not None:
            return self.weekday == other.weekday
        a = self.weekday if self.weekday is not None else (
            self.day.weekday() if self.day and self.granularity == "day" else None)
        b = other.weekday if other.weekday is not None else (
            other.day.weekday() if other.day and other.granularity == "day" else None)
        if a is not None and b is not None:
            return a == b
        return None


@lru_cache(maxsize=1)
def _lex() -> dict:
    data = lexicon.raw("dates")
    groups = data["groups"]
    months = [m for m in groups["month"]]
    weekdays = [w for w in groups["weekday"]]
    month_num = {}
    for m in months:
        full = next((f for f in months if f.casefold().startswith(m.casefold()[:3])
                     and len(f) > 3), m)
        month_num[m.casefold()] = [f.casefold() for f in months].index(full.casefold()) % 12 + 1
    relative = {str(p).casefold(): g for g, ps in data["relative"].items() for p in ps}
    return {
        "month_re": "|".join(sorted(map(re.escape, months), key=len, reverse=True)),
        "weekday_re": "|".join(sorted(map(re.escape, weekdays), key=len, reverse=True)),
        "weekday_num": {w.casefold(): k for k, w in enumerate(weekdays)},
        "month_num": month_num,
        "relative": relative,
        "start": sorted((str(w).casefold() for w in data["start_words"]), key=len,
                        reverse=True),
        "end": sorted((str(w).casefold() for w in data["end_words"]), key=len, reverse=True),
        "may_after": frozenset(str(w).casefold() for w in data["may_month_after"]),
    }


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = _lex()
    month, wd = lex["month_re"], lex["weekday_re"]
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    rel = "|".join(sorted(map(re.escape, lex["relative"]), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?:"
        rf"(?P<full>(?:(?P<wd1>{wd}),?\s+(?:the\s+)?)?"
        rf"(?:(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month})\.?|(?P<m2>{month})\.?\s+(?P<d2>{day}))"
        rf"(?:,?\s+(?P<y1>\d{{4}}))?)"
        rf"|(?P<wdonly>(?:(?P<mod>last|this|next)\s+)?(?P<wd2>{wd})"
        rf"(?:\s+(?:morning|afternoon|evening|night))?)"
        rf"|(?P<monthyear>(?P<m3>{month})\.?\s+(?P<y2>\d{{4}}))"
        rf"|(?P<rel>{rel})"
        rf")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=64)
def _parser_for(published: date | None, settings: tuple):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings))


def _resolve(span: str, published: date | None) -> tuple[date | None, str | None]:
    """dateparser on one candidate span, relative to the publication date."""
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    data = _parser_for(published, tuple(sorted(settings.items(), key=str))).get_date_data(
        span)
    if data is None or data.date_obj is None:
        return None, None
    return data.date_obj.date(), data.period


def weekday_before(published: date, weekday: int, modifier: str | None = None) -> date:
    """The day a weekday names in an article published on ``published``.

    News writes "on Tuesday" for the latest Tuesday up to and including the day of
    publication ("said on Wednesday" in Wednesday's paper is that day); "last Tuesday" is
    never the publication day itself, "next Tuesday" is after it. (dateparser's
    ``PREFER_DATES_FROM="past"`` skips the publication day, hence this rule.)
    """
    from datetime import timedelta

    mod = (modifier or "").casefold()
    if mod == "next":
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if mod == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _role(text: str, start: int, sentence_start: int) -> str:
    lex = _lex()
    before = text[max(sentence_start, start - 30):start].casefold().rstrip()
    before = re.sub(r"\s+(?:on|the|late|early|in)$", "", before)
    for phrase in lex["start"]:
        if before.endswith(phrase) and (len(before) == len(phrase) or
                                        not before[-len(phrase) - 1].isalnum()):
            return "start"
    for phrase in lex["end"]:
        if before.endswith(phrase) and (len(before) == len(phrase) or
                                        not before[-len(phrase) - 1].isalnum()):
            return "end" if phrase not in ("and", "to") or re.search(
                r"\b(?:between|from)\b", before) else "point"
    return "point"


def _event_words(toks: list[Token], first: int, after: int) -> tuple[frozenset[str],
                                                                      frozenset[str]]:
    stop = function_words()
    left = [t for t in toks[:first] if t.is_word and t.lower not in stop][-WINDOW:]
    right = [t for t in toks[after:] if t.is_word and t.lower not in stop][:WINDOW]
    verbs = set()
    for t in reversed(toks[max(0, first - 10):first]):
        if t.text in ",;:.()\"“”":
            break  # the verb of this clause only
        if t.is_word and is_verb(t.text):
            verbs.add(canonical_word(t.text))
            break
    if not verbs:
        for t in toks[after:after + 4]:
            if t.is_word and is_verb(t.text):
                verbs.add(canonical_word(t.text))
                break
    anchors = {canonical_word(t.text) for t in left + right}
    return frozenset(verbs), frozenset(anchors)


def extract_dates(text: str, published: date | None = None) -> list[DateMention]:
    """Every date mention in ``text``, resolved against ``published`` where possible."""
    lex = _lex()
    out: list[DateMention] = []
    for s, e in sentences(text):
        toks = None
        for m in _pattern().finditer(text, s, e):
            span = m.group()
            if m.group("m1") or m.group("m2"):
                month_word = (m.group("m1") or m.group("m2")).casefold().rstrip(".")
                if month_word == "may" and not (m.group("d1") or m.group("d2")):
                    continue
            weekday = None
            wd = m.group("wd1") or m.group("wd2")
            if wd:
                weekday = lex["weekday_num"][wd.casefold()]
            day: date | None = None
            granularity = "day"
            if m.group("full"):
                month = lex["month_num"][(m.group("m1") or m.group("m2")).casefold()]
                dnum = int(re.match(r"\d+", m.group("d1") or m.group("d2")).group())
                year = int(m.group("y1")) if m.group("y1") else None
                if year is None and published is not None:
                    year = published.year
                    if (month, dnum) > (published.month, published.day) and \
                            month - published.month > 6:
                        year -= 1  # "December 28" in a January article
                try:
                    day = date(year, month, dnum) if year else None
                except ValueError:
                    continue
            elif m.group("wdonly"):
                if published is not None:
                    day = weekday_before(published, weekday, m.group("mod"))
            elif m.group("monthyear"):
                granularity = "month"
                day = date(int(m.group("y2")), lex["month_num"][m.group("m3").casefold()
                                                                 .rstrip(".")], 1)
            else:
                granularity = lex["relative"][m.group("rel").casefold()]
                if published is None:
                    continue
                day, _ = _resolve(m.group("rel"), published)
            if toks is None:
                toks = tokens(text, s, e)
            first = next((k for k, t in enumerate(toks) if t.end > m.start()), len(toks))
            after = next((k for k, t in enumerate(toks) if t.start >= m.end()), len(toks))
            verbs, anchors = _event_words(toks, first, after)
            inconsistent = bool(m.group("full") and weekday is not None and day
                                and day.weekday() != weekday)
            out.append(DateMention(m.start(), m.end(), span, day, weekday, granularity,
                                   _role(text, m.start(), s), verbs, anchors, (s, e),
                                   inconsistent))
    return out
