"""Translation artifacts across sources (T701): a word a machine translation put where the
other sources agree on another (``the ship drowned`` where they write ``capsized``,
``fire soldiers`` for ``firefighters``, ``operative`` for ``Operation``).

Only a *suspected translation* is examined: a source that says it was translated (its
source name or metadata) or in which the cross stage found a garbled name (translation
engines render names as words). Its sentences are aligned with the other sources'
sentences that share their anchors (figures, names, dates); next to a shared word, a
word the suspected source alone uses in the whole story, facing a word of the same kind
that two sources or more use, is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from audit.checks.context import StoryContext
from audit.checks.cross.analysis import cached, extracted, jaccard
from audit.checks.cross.names import garbled
from audit.checks.registry import Example, Hit, story_check
from audit.extract.numbers import find_numbers
from audit.extract.text import (
    Token,
    edit_distance,
    fold,
    function_words,
    sentences,
    stem,
    tokens,
    zipf,
)
from audit.model import Category, Severity

_TRANSLATED = re.compile(r"translat|traduc|übersetz|terjemah", re.IGNORECASE)
COMMON = 4.0  # a capitalised word this common (Zipf) is a word, not a name
TOP = 3  # sentences of each other source compared with one sentence


@dataclass(frozen=True)
class Artifact:
    doc: str
    start: int
    end: int
    written: str
    usual: str
    other: str  # the document whose sentence shows the usual word
    other_span: tuple[int, int]


def suspected(ctx: StoryContext) -> set[str]:
    """Documents that say they were translated, or whose names came out garbled."""
    out = {g.doc for g in garbled(ctx)}
    for d in ctx.documents:
        said = " ".join(str(v) for v in (d.document.source, *d.document.meta.values()))
        if _TRANSLATED.search(said):
            out.add(d.id)
    return out


@dataclass(frozen=True)
class _Sentence:
    doc: str
    span: tuple[int, int]
    toks: tuple[Token, ...]
    anchors: frozenset[str]
    words: frozenset[str]
    lower: frozenset[str]  # the words written in lower case


def _key(t: Token) -> str:
    return stem(t.text)


def _content(t: Token) -> bool:
    return t.is_word and t.lower not in function_words() and len(t.text) > 2


def _sentences(ctx: StoryContext) -> list[_Sentence]:
    out = []
    for doc_id, ex in sorted(extracted(ctx).items()):
        text = ex.document.text
        for s, e in sentences(text):
            toks = tuple(tokens(text, s, e))
            anchors = {f"#{n.value:g}" for n in find_numbers(text, s, e)}
            anchors |= {_key(t) for k, t in enumerate(toks) if t.is_word and t.is_capitalised
                        and k > 0 and _content(t)}
            out.append(_Sentence(doc_id, (s, e), toks, frozenset(anchors),
                                 frozenset(_key(t) for t in toks if _content(t)),
                                 frozenset(_key(t) for t in toks
                                           if _content(t) and t.text.islower())))
    return out


def artifacts(ctx: StoryContext) -> list[Artifact]:
    return cached(ctx, "cross:translation", lambda: _find(ctx))


def _find(ctx: StoryContext) -> list[Artifact]:
    docs = suspected(ctx)
    if not docs or len(ctx.documents) < 3:
        return []
    sents = _sentences(ctx)
    used_by: dict[str, set[str]] = {}
    for s in sents:
        for w in s.words:
            used_by.setdefault(w, set()).add(s.doc)
    found: dict[tuple[str, int], Artifact] = {}
    by_doc: dict[str, list[_Sentence]] = {}
    for s in sents:
        by_doc.setdefault(s.doc, []).append(s)
    for d in (s for s in sents if s.doc in docs):
        for other, theirs in sorted(by_doc.items()):
            if other == d.doc:
                continue
            # each sentence is compared with the one sentence of each source that says
            # the same thing, if any
            ranked = sorted((o for o in theirs if _aligned(d, o)),
                            key=lambda o: (-len(d.anchors & o.anchors),
                                           -jaccard(d.words, o.words), o.span))
            for o in ranked[:TOP]:
                for art in _substitutions(d, o, used_by):
                    found.setdefault((art.doc, art.start), art)
    spans = [found[k] for k in sorted(found)]
    # "fire soldiers" and "soldiers": one artifact, the longer span
    return [a for a in spans if not any(b is not a and b.doc == a.doc and b.start <= a.start
                                        and a.end <= b.end and b.end - b.start > a.end - a.start
                                        for b in spans)]


def _aligned(d: _Sentence, o: _Sentence) -> bool:
    """Two sentences that say the same thing: two shared anchors (figures, names, dates),
    or one and a fair share of their words."""
    shared = d.anchors & o.anchors
    return len(shared) >= 2 or (len(shared) == 1 and jaccard(d.words, o.words) >= 0.1)


def _neighbour(toks: tuple[Token, ...], k: int, step: int, limit: int = 2) -> list[Token]:
    """The content words right next to ``toks[k]`` on one side (up to ``limit``), over
    function words, stopping at punctuation."""
    out: list[Token] = []
    j = k + step
    while 0 <= j < len(toks) and len(out) < limit:
        t = toks[j]
        if not t.is_word:
            if not t.text[:1].isdigit():
                break
            break
        if _content(t):
            out.append(t)
        elif out:
            break
        j += step
    return out


def _same_kind(w: str, v: str) -> bool:
    """Two words that can stand in the same slot: both past forms or neither, both adverbs
    or neither; and not two spellings of one word (``meters``/``metres``)."""
    w, v = w.casefold(), v.casefold()
    if w.endswith("ed") != v.endswith("ed") or w.endswith("ly") != v.endswith("ly"):
        return False
    return edit_distance(fold(w), fold(v), 2) > 2


def _plain(v: Token) -> bool:
    """A word, not a name: lower case, or a capitalised common word (``Operation``)."""
    return v.text.islower() or zipf(v.text) >= COMMON


def _substitutions(d: _Sentence, o: _Sentence, used_by: dict[str, set[str]]
                   ) -> Iterator[Artifact]:
    o_index: dict[str, list[int]] = {}
    for k, t in enumerate(o.toks):
        if _content(t) or t.text[:1].isdigit():
            o_index.setdefault(_key(t), []).append(k)
    for k, t in enumerate(d.toks):
        if not (_content(t) or t.text[:1].isdigit()) or _key(t) not in o_index:
            continue
        for j in o_index[_key(t)]:
            for step in (1, -1):
                mine = _neighbour(d.toks, k, step, 1)
                theirs = _neighbour(o.toks, j, step, 1)
                if not mine or not theirs:
                    continue
                w, v = mine[0], theirs[0]
                # a capitalised usual word only as the first word of a shared name
                # ("Operation Lantern Tide"), never a name or a weekday of its own
                first = next((t for t in o.toks if t.is_word), None)
                if _key(w) == _key(v) or not w.text.islower() or not (
                        v.text.islower() or (v is first and _plain(v)) or (
                            step == -1 and _plain(v) and d.toks[k].is_capitalised)):
                    continue
                if used_by.get(_key(w), set()) - {d.doc}:
                    continue  # another source uses the word too
                if len(used_by.get(_key(v), set()) - {d.doc}) < 2 or _key(v) in d.lower:
                    continue  # the usual word must be usual, and not used here as well
                if not _same_kind(w.text, v.text) or zipf(w.text) == 0:
                    continue
                yield Artifact(d.doc, w.start, w.end, w.text, v.text, o.doc,
                               (v.start, v.end))
            # "1,100 fire soldiers and 14": a two-word stand-in between two shared words
            mine = _neighbour(d.toks, k, 1, 2)
            theirs = _neighbour(o.toks, j, 1, 1)
            if len(mine) == 2 and theirs and _plain(theirs[0]) and all(
                    w.text.islower() for w in mine):
                odd = [w for w in mine if not used_by.get(_key(w), set()) - {d.doc}]
                v = theirs[0]
                if odd and _key(v) not in {_key(w) for w in mine} and len(
                        used_by.get(_key(v), set()) - {d.doc}) >= 2 and _key(v) not in d.lower \
                        and _next_shared(d.toks, k, 2, o.toks, j, 1):
                    yield Artifact(d.doc, mine[0].start, mine[1].end,
                                   f"{mine[0].text} {mine[1].text}", v.text, o.doc,
                                   (v.start, v.end))


def _next_shared(dt: tuple[Token, ...], k: int, n_mine: int, ot: tuple[Token, ...], j: int,
                 n_theirs: int) -> bool:
    """Whether the tokens after the stand-ins are the same in both sentences."""
    def after(toks: tuple[Token, ...], start: int, n: int) -> str | None:
        seen = 0
        for t in toks[start + 1:]:
            if seen == n:
                return _key(t) if t.is_word else t.text
            if _content(t):
                seen += 1
        return None
    a, b = after(dt, k, n_mine), after(ot, j, n_theirs)
    return a is not None and a == b


@story_check(
    "T701", "translation-artifact", Category.TRANSLATION_ARTIFACT, Severity.INFO,
    examples=[Example(
        bad="Rescue teams saved 157 people on Tuesday.\n---\n"
            "Rescue teams pulled 157 people from the water on Tuesday.\n---\n"
            "source: Daily Wire (automatic translation)\n"
            "The salvation teams evacuated 157 people on Tuesday.",
        good="Rescue teams saved 157 people on Tuesday.\n---\n"
             "Rescue teams pulled 157 people from the water on Tuesday.\n---\n"
             "source: Daily Wire (automatic translation)\n"
             "The rescue teams evacuated 157 people on Tuesday.",
        note="story rule: sources separated by '---' lines; a source may open with a "
             "line 'source: NAME' (here one that says it was translated)")],
)
def translation_artifact(ctx: StoryContext) -> Iterator[Hit]:
    """A machine translation chose a word the other sources do not use for the same thing.

    ## What it does
    In a source that says it was translated, or whose names came out garbled, aligns
    each sentence with the other sources' sentences sharing its figures, names and dates,
    and looks next to each shared word: a word no other source of the story uses, facing
    a word of the same kind that two sources or more use, is reported with that word as
    the suggestion.

    ## Why is this bad?
    Literal translations change the meaning (``the ship drowned``, ``the fire was
    fixed``) or hide a term readers search for (``fire soldiers`` for firefighters).

    ## Example
    ```text
    source A: Customs in 31 countries seized 9.3 million doses.
    source B (translated): Customs of 31 countries decommissioned 9.3 million doses.
    ```

    ## Use instead
    Use the term the other sources use: ``seized``.
    """
    ex = extracted(ctx)
    for a in artifacts(ctx):
        other = ex[a.other].document
        yield Hit(a.start, a.end,
                  f"'{a.written}' is used by no other source; where they say the same "
                  f"thing they write '{a.usual}'",
                  suggestion=a.usual, related=(other.related(*a.other_span),),
                  document=a.doc)
