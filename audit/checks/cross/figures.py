"""Figures across sources: align the figures that count the same thing, then report the
ones whose intervals cannot hold together (F501) and the gaps where a figure most sources
give is missing (F502).

Two figures are aligned when they are of one kind and unit, count the same thing (counted
noun or verb, synonyms folded), at the same rate (``a year``), over the same time scope
(``since 2021``), and their context words agree enough. Alignment is greedy by score and
keeps one figure per source in each claim, so a claim is a row of the claims matrix.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from audit.checks.context import StoryContext
from audit.checks.cross.analysis import cached, extracted, jaccard, scored_pairs
from audit.checks.registry import Example, Hit, story_check
from audit.extract import context as figure_context
from audit.extract import lexicon
from audit.extract.figures import Figure
from audit.extract.gaps import find_gaps
from audit.extract.text import sentences
from audit.model import Category, Severity

ALIGN_THRESHOLD = 0.55  # score of noun (0.5) + verb (0.5) + context overlap - clashes
GAP_THRESHOLD = 0.55


@dataclass
class Claim:
    """One aligned figure: at most one figure per source."""

    id: str
    members: dict[str, Figure] = field(default_factory=dict)  # doc id -> figure
    gaps: dict[str, tuple[int, int]] = field(default_factory=dict)  # doc id -> gap span

    @property
    def label(self) -> str:
        labels = Counter(f.counts for f in self.members.values())
        return sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def split(self) -> tuple[list[str], list[str]]:
        """Sources that agree with the largest consistent group, and the others.

        Intervals on a line: the point covered by most intervals defines the majority.
        With two equally large consistent groups nobody is in the majority."""
        points = sorted({f.low for f in self.members.values()} |
                        {f.high for f in self.members.values() if math.isfinite(f.high)})
        best: list[list[str]] = []
        for p in points:
            group = sorted(d for d, f in self.members.items() if f.low <= p <= f.high)
            if not best or len(group) > len(best[0]):
                best = [group]
            elif len(group) == len(best[0]) and group not in best:
                best.append(group)
        if len(best) != 1:
            return [], sorted(self.members)
        agree = best[0]
        return agree, sorted(d for d in self.members if d not in agree)

    @property
    def conflict(self) -> bool:
        return bool(self.split()[1])


def _verb_forms(f: Figure) -> set[str]:
    """The figure's verbs, and its noun when the noun names an act (``arrests``)."""
    forms = set(f.verbs)
    if f.noun_text and figure_context.is_verb_noun(f.noun_text):
        forms.add(figure_context.canonical_verb(f.noun_text))
    return forms


def compatible(a: Figure, b: Figure, *, values: bool = True) -> bool:
    """Hard constraints for two figures to count the same thing."""
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.period and b.period and a.period != b.period:
        return False
    if {s for s in a.scope if s.startswith("since")} != \
            {s for s in b.scope if s.startswith("since")}:
        return False  # a cumulative total and a one-off count differ
    years_a = {s for s in a.scope if s.startswith("year")}
    years_b = {s for s in b.scope if s.startswith("year")}
    if years_a and years_b and not years_a & years_b:
        return False
    forms_a, forms_b = _verb_forms(a), _verb_forms(b)
    same_noun = a.noun is not None and a.noun == b.noun
    same_verb = bool(forms_a & forms_b)
    if a.noun and b.noun and not same_noun and not (
            (forms_a - a.verbs) & b.verbs or (forms_b - b.verbs) & a.verbs):
        return False  # "villages" and "people" differ; "arrests" and "people arrested" not
    if a.verbs and b.verbs and not same_verb and (not same_noun or a.noun in _generic()):
        return False  # "people died" and "people capsized" are different counts
    return same_noun or same_verb


def score(a: Figure, b: Figure) -> float:
    """How surely two compatible figures count the same thing: counted noun (less for
    ``people``), verb, and the overlap of the words around them."""
    s = 0.0
    if a.noun is not None and a.noun == b.noun:
        s += 0.3 if a.noun in _generic() else 0.5
    if _verb_forms(a) & _verb_forms(b):
        s += 0.5
    elif a.verbs and b.verbs:
        s -= 0.1
    s += jaccard(a.anchors, b.anchors)
    if a.places and b.places and not a.places & b.places:
        s -= 0.3
    return s


def _generic() -> frozenset[str]:
    return lexicon.lowered("figures", "generic_nouns")


def _repeats(figs: list[Figure]) -> list[Figure]:
    """A source's figures without its restatements of one figure (headline and body):
    the first statement stands for the others."""
    kept: list[Figure] = []
    for f in figs:
        if not any(compatible(f, g) and f.overlaps(g) and score(f, g) >= ALIGN_THRESHOLD
                   for g in kept):
            kept.append(f)
    return kept


def claims(ctx: StoryContext) -> list[Claim]:
    """The story's claims matrix: figures aligned across sources (two or more)."""
    return cached(ctx, "cross:claims", lambda: _align(ctx))


def _align(ctx: StoryContext) -> list[Claim]:
    ex = extracted(ctx)
    ids = sorted(ex)
    figs = {i: _repeats([f for f in ex[i].figures if not f.weak]) for i in ids}
    pairs = scored_pairs(figs, compatible, score, ALIGN_THRESHOLD)
    cluster_of: dict[tuple[str, int], int] = {}
    clusters: list[dict[str, int]] = []
    for _, a_id, ka, b_id, kb in pairs:
        ca, cb = cluster_of.get((a_id, ka)), cluster_of.get((b_id, kb))
        if ca is not None and cb is not None:
            if ca != cb and not set(clusters[ca]) & set(clusters[cb]) and all(
                    compatible(figs[d1][j1], figs[d2][j2])
                    for d1, j1 in clusters[ca].items() for d2, j2 in clusters[cb].items()):
                for d, j in clusters[cb].items():  # two claims about one thing: merge
                    clusters[ca][d] = j
                    cluster_of[(d, j)] = ca
                clusters[cb] = {}
            continue
        if ca is None and cb is None:
            clusters.append({a_id: ka, b_id: kb})
            cluster_of[(a_id, ka)] = cluster_of[(b_id, kb)] = len(clusters) - 1
            continue
        c, (doc, k) = (ca, (b_id, kb)) if ca is not None else (cb, (a_id, ka))
        members = clusters[c]
        if doc in members or not all(compatible(figs[doc][k], figs[d][j])
                                     for d, j in members.items()):
            continue
        members[doc] = k
        cluster_of[(doc, k)] = c
    out = []
    for members in clusters:
        if not members:
            continue
        claim = Claim(f"c{len(out) + 1}", {d: figs[d][k] for d, k in sorted(members.items())})
        out.append(claim)
    _attach_gaps(ctx, out)
    return out


def _gap_figure(text: str, pos: int, end: int) -> Figure | None:
    """A stand-in figure at a gap, to compare what the gap's sentence counts."""
    for s, e in sentences(text):
        if s <= pos < e:
            stub = Figure(pos, end, "", 0.0, math.inf, (0.0, 0.0), "count")
            return figure_context.describe(text, stub, (s, e))
    return None


def _attach_gaps(ctx: StoryContext, found: list[Claim]) -> None:
    """For each claim most sources give, look for a gap in the sources that lack it."""
    ex = extracted(ctx)
    n_docs = len(ex)
    for doc_id in sorted(ex):
        d = ex[doc_id].document
        sites: dict[int, tuple[int, int]] = {}
        for g in find_gaps(d.text):
            sites.setdefault(g.start, (g.start, g.end))
        for g in find_gaps(d.original):
            a, b = d.to_repaired(g.start, g.end)
            sites.setdefault(a, (a, b))
        for _pos, (a, b) in sorted(sites.items()):
            stub = _gap_figure(d.text, a, b)
            if stub is None:
                continue
            best, best_score = None, GAP_THRESHOLD
            for claim in found:
                if doc_id in claim.members or doc_id in claim.gaps:
                    continue
                if len(claim.members) < 2 or len(claim.members) * 2 < n_docs - 1:
                    continue
                s = max(_gap_score(stub, f) for f in claim.members.values())
                if s > best_score:
                    best, best_score = claim, s
            if best is not None:
                best.gaps[doc_id] = (a, b)


def _gap_score(stub: Figure, f: Figure) -> float:
    if not (_verb_forms(stub) & _verb_forms(f)) and not (stub.noun and stub.noun == f.noun):
        return 0.0
    return score(stub, f)


def _quote(f: Figure) -> str:
    return f"'{f.text}'"


@story_check(
    "F501", "figure-conflict", Category.FIGURE_CONFLICT, Severity.ERROR,
    examples=[Example(
        bad="The fire destroyed about 1,800 homes in the valley.\n---\n"
            "The fire destroyed about 8,100 homes in the valley.\n---\n"
            "Officials said the fire destroyed some 1,800 homes in the valley.",
        good="The fire destroyed about 1,800 homes in the valley.\n---\n"
             "The fire destroyed at least 1,700 homes in the valley.\n---\n"
             "Officials said the fire destroyed more than 1,500 homes in the valley.",
        note="story rule: the texts between '---' lines are the sources of one story")],
)
def figure_conflict(ctx: StoryContext) -> Iterator[Hit]:
    """Sources of one story give figures for the same thing that cannot both be true.

    ## What it does
    Aligns the figures of a story's sources that count the same thing (the counted noun
    and verb, the rate, the time scope and the words around them) and reads each figure
    as an interval: its qualifier (``about``, ``more than``, ``nearly``, ``up to``), its
    range, its vague amount (``tens of thousands``) and its rounding. A figure whose
    interval cannot overlap the interval most sources agree on is reported, with the
    other sources' figures as related spans.

    ## Why is this bad?
    One of the sources is wrong: a transposed digit (``8,100`` for ``1,800``), a lost
    order of magnitude (``tens`` for ``hundreds of thousands``), a misread scale. A
    rounding (``more than 1,500`` for ``1,517``) or a restatement (``close to US$3
    trillion`` for ``$2 trillion to $3 trillion``) is not reported.

    ## Example
    ```text
    source A: The fire destroyed about 1,800 homes.
    source B: The fire destroyed about 8,100 homes.
    ```

    ## Use instead
    Check the figure against the primary source and correct the one that disagrees.
    """
    ex = extracted(ctx)
    for claim in claims(ctx):
        agree, disagree = claim.split()
        if not disagree:
            continue
        for doc_id in disagree:
            f = claim.members[doc_id]
            others = agree or [d for d in claim.members if d != doc_id and
                               not claim.members[d].overlaps(f)]
            related = tuple(ex[d].document.related(claim.members[d].start,
                                                   claim.members[d].end) for d in others)
            texts = Counter(claim.members[d].text for d in others)
            majority_text = sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            listing = "; ".join(f"{_quote(claim.members[d])} ({d})" for d in others)
            yield Hit(f.start, f.end,
                      f"{_quote(f)} ({claim.label}) cannot be reconciled with "
                      f"{len(others)} other source(s): {listing}",
                      suggestion=majority_text if agree else None, related=related,
                      document=doc_id)


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A gap widened to the words on either side, so the span shows the evidence."""
    left = start
    while left > 0 and text[left - 1].isspace():
        left -= 1
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and text[right].isspace() and text[right] != "\n":
        right += 1
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, max(right, end)


@story_check(
    "F502", "missing-figure", Category.DROPPED_NUMBER, Severity.ERROR,
    examples=[Example(
        bad="Rescue teams saved 157 people from the water.\n---\n"
            "Divers and fishermen pulled 157 people from the water.\n---\n"
            "By the evening, search teams had rescued  people from the water.",
        good="Rescue teams saved 157 people from the water.\n---\n"
             "Divers and fishermen pulled 157 people from the water.\n---\n"
             "By the evening, search teams had rescued 157 people from the water.",
        note="story rule: the texts between '---' lines are the sources of one story")],
)
def missing_figure(ctx: StoryContext) -> Iterator[Hit]:
    """A figure most sources give is missing from a sentence that has a gap for it.

    ## What it does
    For each figure that most sources of a story give, looks at the sources that lack it
    for a sentence with a gap where a number belongs (a qualifier with no number, a
    double space between a verb and its object, a currency sign before a bare scale)
    that counts the same thing, and reports the gap with the missing figure as the
    suggestion and the other sources' spans as related.

    ## Why is this bad?
    The number was dropped on the way (a stripped tag, a lost link text); the sentence
    now says something else or nothing. The other sources tell what stood there.

    ## Example
    ```text
    source A: Rescue teams saved 157 people.
    source B: search teams had rescued  people
    ```

    ## Use instead
    Restore the figure from the original article.
    """
    ex = extracted(ctx)
    for claim in claims(ctx):
        for doc_id, (a, b) in sorted(claim.gaps.items()):
            d = ex[doc_id].document
            start, end = _word_span(d.text, a, b)
            texts = Counter(f.text for f in claim.members.values())
            suggestion = sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            related = tuple(ex[m].document.related(f.start, f.end)
                            for m, f in claim.members.items())
            yield Hit(start, end,
                      f"a figure seems to be missing here: {len(claim.members)} other "
                      f"source(s) give '{suggestion}' ({claim.label})",
                      suggestion=suggestion, related=related, document=doc_id)
