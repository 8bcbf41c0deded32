"""What a figure counts: its noun, its verbs, its rate, the places and time scope of its
sentence, and the content words around it.

Two sources' figures are only compared when they count the same thing, so this is where
``100,000 people held in Cambodia`` and ``100,000 people trafficked into Cambodia`` come
apart (verbs), and where ``$50 billion a year`` and ``$50 billion`` in total differ (rate).
No parser is involved: the words next to a figure in news prose are regular enough.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from audit.extract import lexicon
from audit.extract.text import Token, fold, function_words, stem, tokens

if TYPE_CHECKING:
    from audit.extract.figures import Figure

WINDOW = 8  # content words on each side that describe a figure


@lru_cache(maxsize=1)
def _lex() -> dict:
    data = lexicon.raw("figures")
    periods = {str(p).casefold(): name for name, ps in data["periods"].items() for p in ps}
    return {
        "skips": lexicon.lowered("figures", "noun_skips"),
        "links": lexicon.lowered("figures", "money_links"),
        "aux": lexicon.lowered("figures", "auxiliaries"),
        "verbs": lexicon.lowered("figures", "verbs"),
        "nouns": lexicon.synonym_map(data["noun_synonyms"]),
        "verb_syn": lexicon.synonym_map(data["verb_synonyms"]),
        "periods": periods,
        "period_words": frozenset(w for p in periods for w in p.split()
                                  if w not in ("a", "per", "each", "every")),
        "period_re": re.compile(
            r"(?<![\w-])(" + "|".join(sorted((re.escape(p) for p in periods), key=len,
                                             reverse=True)) + r")(?![\w-])", re.I),
        "place_preps": lexicon.lowered("names", "place_prepositions"),
        "speech": lexicon.lowered("names", "speech_verbs"),
        "months": frozenset(m.casefold() for m in lexicon.group("dates", "month")),
        "weekdays": frozenset(m.casefold() for m in lexicon.group("dates", "weekday")),
        "quals": frozenset(w for q in data["qualifiers"].values()
                           for side in ("before", "after") for p in q.get(side, [])
                           for w in str(p).casefold().split()),
    }


def is_verb(word: str) -> bool:
    """A verb form that can say what happened to a counted thing (verbs of saying do
    not: "added that hundreds ...")."""
    lex = _lex()
    w = word.casefold()
    if w in lex["speech"]:
        return False
    if w in lex["verbs"] or w in lex["verb_syn"]:
        return True
    return (w.endswith("ed") and len(w) >= 5 and word[:1].islower()
            and w not in function_words() and w not in lex["nouns"] and w not in lex["aux"])


def is_verb_noun(word: str) -> bool:
    """A noun listed with the verbs (``arrests``, ``deaths``): it names what happened."""
    return word.casefold() in _lex()["verb_syn"]


def canonical_noun(word: str) -> str:
    w = word.casefold()
    return _lex()["nouns"].get(w) or _lex()["nouns"].get(stem(w)) or stem(w)


def canonical_verb(word: str) -> str:
    w = word.casefold()
    return _lex()["verb_syn"].get(w) or stem(w)


def canonical_word(word: str) -> str:
    """A content word with counted-noun and verb synonyms folded (for context overlap)."""
    w = word.casefold()
    lex = _lex()
    return lex["nouns"].get(w) or lex["verb_syn"].get(w) or stem(w)


def _is_content(t: Token) -> bool:
    lex = _lex()
    return t.is_word and (t.lower not in function_words() or t.lower in lex["nouns"]) \
        and len(t.text) > 1


def _noun_after(toks: list[Token], i: int, money: bool) -> tuple[str | None, set[str], int]:
    """The counted noun after the figure (head of the first run of content words), or the
    verb when one follows directly (``tens of thousands trafficked``)."""
    lex = _lex()
    verbs: set[str] = set()
    after_of = False
    while i < len(toks) and (toks[i].lower in lex["skips"] or (
            (money or after_of) and (toks[i].lower in lex["links"]
                                     or toks[i].lower.endswith("ly")
                                     or toks[i].lower.endswith("ed")))):
        # after "of" / "in" a participle is a modifier: "of organized crime income"
        after_of = after_of or toks[i].lower in lex["links"]
        i += 1
    if i >= len(toks) or not _is_content(toks[i]) or toks[i].lower in lex["periods"]:
        return None, verbs, i
    adjective = i + 1 < len(toks) and _is_content(toks[i + 1]) and \
        toks[i + 1].lower not in lex["aux"] and not is_verb(toks[i + 1].text)
    if is_verb(toks[i].text) and not (money or after_of) and \
            toks[i].lower not in lex["nouns"] and not adjective:
        verbs.add(canonical_verb(toks[i].text))
        return None, verbs, i + 1
    run: list[Token] = []
    while i < len(toks) and len(run) < 4:
        t = toks[i]
        if _is_content(t) and not (run and is_verb(t.text)) and \
                t.lower not in lex["months"] and t.lower not in lex["weekdays"] and \
                t.lower not in lex["period_words"] and not (
                run and t.lower.endswith("ly") and t.lower not in lex["nouns"]):
            run.append(t)
            i += 1
        elif t.lower == "and" and run and i + 2 < len(toks) and _is_content(toks[i + 1]) \
                and _is_content(toks[i + 2]) and not is_verb(toks[i + 2].text):
            i += 1  # "trafficking and smuggling hotspots"
        else:
            break
    if not run:
        return None, verbs, i
    return run[-1].text, verbs, i


def _verb_after(toks: list[Token], i: int) -> str | None:
    lex = _lex()
    while i < len(toks) and (toks[i].lower in lex["aux"] or (toks[i].lower.endswith("ly")
                             and toks[i].lower not in lex["verb_syn"])):
        i += 1
    if i < len(toks) and toks[i].is_word and is_verb(toks[i].text):
        return canonical_verb(toks[i].text)
    return None


def _verb_before(toks: list[Token], i: int) -> str | None:
    """The verb just before the figure, across function words and qualifiers
    (``led to nearly 3,500``, ``raking in close to``), or the noun of ``the arrest of``."""
    lex = _lex()
    i -= 1
    while i >= 0:
        t = toks[i]
        if not t.is_word:
            if t.text in ",;:.(\"“”":
                return None
            i -= 1
            continue
        if t.lower in lex["aux"] and t.lower not in lex["verbs"]:
            i -= 1
            continue
        if t.lower in function_words() or t.lower in lex["quals"] or t.lower in lex["links"]:
            i -= 1
            continue
        return canonical_verb(t.text) if is_verb(t.text) else None
    return None


def _places(toks: list[Token], lo: int, hi: int, skip: tuple[int, int]
            ) -> frozenset[str]:
    """Capitalised runs after a place preposition (``in Southeast Asia``), outside the
    figure itself (``US$3``)."""
    lex = _lex()
    out = set()
    for k in range(max(0, lo), min(len(toks), hi)):
        if toks[k].lower not in lex["place_preps"] or skip[0] - 1 <= k < skip[1]:
            continue
        j = k + 1
        if j < len(toks) and toks[j].lower == "the":
            j += 1
        run = []
        while j < len(toks) and toks[j].is_word and toks[j].is_capitalised and \
                toks[j].lower not in lex["months"] and toks[j].lower not in lex["weekdays"]:
            run.append(fold(toks[j].text))
            j += 1
        if run:
            out.add(" ".join(run))
    return frozenset(out)


_SCOPE = re.compile(r"\b(?:(since|in|during|by|until)\s+(?:early\s+|late\s+|mid-?)?"
                    r"(?:[A-Z][a-z]+\s+)?(\d{4})|(?:between|from)\s+(\d{4})\s+(?:and|to)\s+"
                    r"(\d{4}))\b")


def _scope(text: str, start: int, end: int) -> frozenset[str]:
    """Years that bound the claim: ``since 2021`` (cumulative), ``in 2023``."""
    out = set()
    for m in _SCOPE.finditer(text, start, end):
        if m.group(3):
            out.add(f"years:{m.group(3)}-{m.group(4)}")
        elif m.group(1).casefold() == "since":
            out.add(f"since:{m.group(2)}")
        else:
            out.add(f"year:{m.group(2)}")
    return frozenset(out)


def _period(text: str, end: int, limit: int) -> str | None:
    """A rate written after the figure within its clause: ``a year``, ``annually``."""
    window = text[end:min(limit, end + 60)]
    window = re.split(r"[;:]|,\s(?:and|but|while|which|who)\b", window)[0]
    m = _lex()["period_re"].search(window)
    return _lex()["periods"][m.group(1).casefold()] if m else None


def describe(text: str, fig: Figure, sentence: tuple[int, int]) -> Figure:
    """``fig`` with what it counts filled in from its sentence."""
    s, e = sentence
    toks = tokens(text, s, e)
    first = next((k for k, t in enumerate(toks) if t.end > fig.start), len(toks))
    after = next((k for k, t in enumerate(toks) if t.start >= fig.end), len(toks))
    money = fig.kind == "money"
    noun, verbs, nxt = _noun_after(toks, after, money)
    verbs = set(verbs)
    if noun is not None or not verbs:
        v = _verb_after(toks, nxt)
        if v:
            verbs.add(v)
    if not verbs:  # a figure that is the subject has its verb after it, not before
        v = _verb_before(toks, first)
        if v:
            verbs.add(v)
    lo, hi = first, after
    left = [t for t in toks[:lo] if _is_content(t)][-WINDOW:]
    right = [t for t in toks[hi:] if _is_content(t)][:WINDOW]
    anchors = {canonical_word(t.text) for t in left + right
               if not t.text[:1].isdigit() and t.lower not in _lex()["quals"]}
    noun_canon = canonical_noun(noun) if noun else None
    weak = noun is None and not verbs and fig.kind == "count"
    return replace(
        fig, noun=noun_canon, noun_text=noun.casefold() if noun else None,
        verbs=frozenset(verbs), period=_period(text, fig.end, e),
        places=_places(toks, lo - 12, hi + 12, (lo, hi)), scope=_scope(text, s, e),
        anchors=frozenset(anchors), sentence=sentence, weak=weak)
