"""Names across sources: one entity per person, place or organisation, its spellings per
source, and the ones that went wrong on the way.

- N401 garbled-name: a name's part replaced by a dictionary word (``badminton Nalubega``
  where the others write ``Rosemary Nalubega``), written in lower case where a name
  stands, or cut short (``Nalub``).
- N402 name-variant: one name spelt differently (``Jurgen``/``Jürgen``, ``Tomas
  Ibanez``/``Tomás Ibáñez``, near-spellings).

Evidence for a garbled part is the lower-case position (a name's words are capitalised),
the word's frequency as an English word (wordfreq), and the slot it fills: right after
punctuation or a role (``the mayor stone Castaing``) or followed by what follows the full
name elsewhere (``, Assistant Director``). Frequency alone proves nothing: ``Rosemary``
and ``badminton`` are about as frequent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from audit.checks.context import StoryContext
from audit.checks.cross.analysis import cached, extracted
from audit.checks.registry import Example, Hit, story_check
from audit.extract.names import Mention, is_role_word, lexicons
from audit.extract.text import Token, edit_distance, fold, sentences, tokens, zipf
from audit.model import Category, Related, Severity, Story


@dataclass
class Entity:
    id: str
    kind: str
    key: str  # folded surname (people) or folded name
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (doc id, mention)

    def full(self) -> list[tuple[str, Mention]]:
        return [(d, m) for d, m in self.mentions if len(m.parts) > 1]

    @property
    def label(self) -> str:
        """The spelling most sources use, with diacritics preferred on a tie."""
        pool = self.full() or self.mentions
        docs: dict[str, set[str]] = defaultdict(set)
        for d, m in pool:
            docs[" ".join(m.parts)].add(d)
        return sorted(docs, key=lambda s: (-len(docs[s]), -_marks(s), s))[0]


def _marks(s: str) -> int:
    return sum(1 for c in s if ord(c) > 127 and c.isalpha())


def _near(a: str, b: str) -> bool:
    """Spellings of one name: equal without accents, or one or two letters apart."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 5 or fa[0] != fb[0]:
        return False
    limit = 1 if min(len(fa), len(fb)) < 8 else 2
    return edit_distance(fa, fb, limit) <= limit


def entities(ctx: StoryContext) -> list[Entity]:
    return cached(ctx, "cross:entities", lambda: _build(ctx))


def _build(ctx: StoryContext) -> list[Entity]:
    ex = extracted(ctx)
    people: dict[str, Entity] = {}
    others: dict[str, Entity] = {}
    singles: list[tuple[str, Mention]] = []
    for doc_id in sorted(ex):
        for m in ex[doc_id].names:
            if m.kind in ("person", "name") and len(m.parts) > 1:
                key = fold(m.surname)
                match = next((k for k in people if k == key or (
                    _near(k, key) and _given_compatible(people[k], m))), None)
                entity = people.setdefault(match or key, Entity("", "name", match or key))
                entity.mentions.append((doc_id, m))
                if m.kind == "person":
                    entity.kind = "person"
            elif len(m.parts) == 1 and m.kind in ("person", "name"):
                singles.append((doc_id, m))
            else:
                key = fold(" ".join(m.parts))
                entity = others.setdefault(key, Entity("", m.kind, key))
                entity.mentions.append((doc_id, m))
    for doc_id, m in singles:
        token = fold(m.surname)
        owners = [e for e in people.values() if any(
            token in (fold(p) for p in mm.parts) for _, mm in e.full())]
        if len(owners) == 1:
            owners[0].mentions.append((doc_id, m))
        else:
            others.setdefault(token, Entity("", m.kind, token)).mentions.append((doc_id, m))
    out = sorted(people.values(), key=lambda e: e.key) + sorted(others.values(),
                                                                 key=lambda e: e.key)
    for k, e in enumerate(out, 1):
        e.id = f"n{k}"
    return out


def _given_compatible(e: Entity, m: Mention) -> bool:
    givens = {fold(mm.parts[0]) for _, mm in e.full()}
    return not givens or any(_near(g, m.parts[0]) for g in givens)


@dataclass(frozen=True)
class Garbled:
    doc: str
    start: int
    end: int
    entity: Entity
    why: str
    reference: tuple[str, Mention]


def garbled(ctx: StoryContext) -> list[Garbled]:
    return cached(ctx, "cross:garbled", lambda: _find_garbled(ctx))


def _ordinary(word: str) -> bool:
    """A lower-case dictionary word that is not a grammar or role word."""
    lex = lexicons()
    w = fold(word)
    return (word.isalpha() and word.islower() and w not in lex["function"]
            and w not in lex["speech"] and w not in lex["preps"] and not is_role_word(w)
            and w not in lex["particles"] and zipf(w) >= lex["zipf"]["common_word"])


def _slot_before(toks: list[Token], k: int) -> bool:
    """Whether the token before ``toks[k]`` is where a name starts: a mark, a role."""
    if k == 0:
        return True
    prev = toks[k - 1]
    return (not prev.is_word and prev.text in ",;:(\"“‘—–-") or is_role_word(prev.text)


def _find_garbled(ctx: StoryContext) -> list[Garbled]:
    ex = extracted(ctx)
    found: dict[tuple[str, int], Garbled] = {}
    for e in entities(ctx):
        if e.kind != "person":
            continue
        refs = e.full()
        if not refs:
            continue
        for doc_id in sorted(ex):
            d = ex[doc_id].document
            # the other sources say what the name is; a source alone is its own witness
            others = [(r_doc, r) for r_doc, r in refs if r_doc != doc_id]
            witnesses = others or refs
            surnames = {fold(m.surname) for _, m in witnesses}
            givens = {fold(m.parts[0]) for _, m in witnesses}
            rights = {m.right[:1] for _, m in witnesses if m.right}
            for s, t_end in sentences(d.text):
                toks = tokens(d.text, s, t_end)
                for k, t in enumerate(toks):
                    if not t.is_word:
                        continue
                    ref = witnesses[0]
                    right = tuple(fold(x.text) for x in toks[k + 1:k + 2])
                    if fold(t.text) in surnames and t.is_capitalised and k > 0:
                        p = toks[k - 1]
                        if p.is_word and fold(p.text) not in givens and (
                                _ordinary(p.text) and (_slot_before(toks, k - 1)
                                                        or right in rights)):
                            found.setdefault((doc_id, p.start), Garbled(
                                doc_id, p.start, t.end, e,
                                f"'{p.text}' stands where the given name "
                                f"'{ref[1].parts[0]}' does", ref))
                        elif (others and p.is_word and p.is_capitalised
                              and fold(p.text) not in givens
                              and not is_role_word(p.text)
                              and zipf(p.text) >= lexicons()["zipf"]["capitalised_common"]
                              and _slot_before(toks, k - 1) and right in rights
                              and not _is_given_elsewhere(ex, p.text)):
                            found.setdefault((doc_id, p.start), Garbled(
                                doc_id, p.start, t.end, e,
                                f"the common word '{p.text}' stands where the given name "
                                f"'{ref[1].parts[0]}' does", ref))
                    if fold(t.text) in givens and t.is_capitalised and k + 1 < len(toks):
                        q = toks[k + 1]
                        after = tuple(fold(x.text) for x in toks[k + 2:k + 3])
                        if q.is_word and fold(q.text) not in surnames and _ordinary(q.text) \
                                and after in rights:
                            found.setdefault((doc_id, t.start), Garbled(
                                doc_id, t.start, q.end, e,
                                f"'{q.text}' stands where the surname "
                                f"'{ref[1].surname}' does", ref))
                        elif q.is_word and q.text.islower() and fold(q.text) in surnames:
                            found.setdefault((doc_id, t.start), Garbled(
                                doc_id, t.start, q.end, e,
                                f"the surname '{ref[1].surname}' is written as the word "
                                f"'{q.text}'", ref))
                        elif q.is_word and q.is_capitalised and any(
                                s_.startswith(fold(q.text)) and len(q.text) >= 3
                                and len(s_) > len(q.text) for s_ in surnames):
                            found.setdefault((doc_id, t.start), Garbled(
                                doc_id, t.start, q.end, e,
                                f"'{q.text}' is the surname '{ref[1].surname}' cut short",
                                ref))
    return [found[k] for k in sorted(found)]


def _is_given_elsewhere(ex: dict, word: str) -> bool:
    """Whether some source uses ``word`` as the first part of a person's name."""
    w = fold(word)
    return any(len(m.parts) > 1 and fold(m.parts[0]) == w and m.kind == "person"
               for x in ex.values() for m in x.names)


@dataclass(frozen=True)
class Variant:
    doc: str
    start: int
    end: int
    entity: Entity
    written: str
    canonical: str
    sources: tuple[tuple[str, Mention], ...]  # mentions with the canonical spelling


def variants(ctx: StoryContext) -> list[Variant]:
    return cached(ctx, "cross:variants", lambda: _find_variants(ctx))


def _find_variants(ctx: StoryContext) -> list[Variant]:
    out: list[Variant] = []
    for e in entities(ctx):
        if e.kind not in ("person", "name", "place", "org"):
            continue
        for position in ("given", "surname"):
            spelt: dict[str, list[tuple[str, Mention, int]]] = defaultdict(list)
            for doc_id, m in e.mentions:
                if position == "given" and len(m.parts) < 2:
                    continue
                k = 0 if position == "given" else len(m.parts) - 1
                spelt[m.parts[k]].append((doc_id, m, k))
            if len(spelt) < 2:
                continue
            docs = {w: {d for d, _, _ in uses} for w, uses in spelt.items()}
            order = sorted(spelt, key=lambda w: (-len(docs[w]), -_marks(w), -len(spelt[w]),
                                                 w))
            canonical = order[0]
            for w in order[1:]:
                if w.casefold() == canonical.casefold() or not _near(w, canonical) \
                        or not w[:1].isupper():
                    continue  # "INTERPOL" in a dateline is style, not another spelling
                sources = tuple((d, m) for d, m, _ in spelt[canonical])
                for doc_id, m, k in spelt[w]:
                    offset = _part_offset(m, k)
                    out.append(Variant(doc_id, m.start + offset, m.start + offset + len(w),
                                       e, w, canonical, sources))
    return sorted(out, key=lambda v: (v.doc, v.start))


def _part_offset(m: Mention, k: int) -> int:
    pos = 0
    for j, part in enumerate(m.parts):
        found = m.text.find(part, pos)
        if j == k:
            return max(found, 0)
        pos = found + len(part)
    return 0


def _related(ctx: StoryContext, mentions: list[tuple[str, Mention]],
             exclude: str | None = None) -> tuple[Related, ...]:
    ex = extracted(ctx)
    seen = set()
    out = []
    for doc_id, m in mentions:
        if doc_id == exclude or (doc_id, m.start) in seen:
            continue
        seen.add((doc_id, m.start))
        out.append(ex[doc_id].document.related(m.start, m.end))
    return tuple(out[:5])


@story_check(
    "N401", "garbled-name", Category.GARBLED_NAME, Severity.ERROR,
    examples=[Example(
        bad="The mayor, Pierre Castaing, opened the school to evacuees.\n---\n"
            "In the village, the mayor stone Castaing welcomed the first families.",
        good="The mayor, Pierre Castaing, opened the school to evacuees.\n---\n"
             "In the village, the mayor Pierre Castaing welcomed the first families.",
        note="story rule: the texts between '---' lines are the sources of one story")],
)
def garbled_name(ctx: StoryContext) -> Iterator[Hit]:
    """Part of a person's name was replaced by a common word, lower-cased, or cut short.

    ## What it does
    Aligns the people named in a story's sources by surname, given name, role and
    context, then looks for a name whose given name or surname slot holds a dictionary
    word (in lower case, or a very common capitalised word where the other sources
    write the name), a surname written in lower case, or a surname cut short. The lower-
    case position, the word's frequency (wordfreq) and the words around the slot are the
    evidence; unusual real names are left alone.

    ## Why is this bad?
    Machine translation renders names as words (``Rosemary`` became ``badminton``,
    ``Pierre`` became ``stone``); readers and search lose the person.

    ## Example
    ```text
    source A: ..., Rosemary Nalubega, Assistant Director, ...
    source B: ..., badminton Nalubega, Assistant Director of ...
    ```

    ## Use instead
    Write the name as the other sources do: ``Rosemary Nalubega``.
    """
    for g in garbled(ctx):
        reference = g.entity.label
        yield Hit(g.start, g.end,
                  f"garbled name: {g.why} ({reference} in other sources)",
                  suggestion=reference,
                  related=_related(ctx, g.entity.full(), exclude=g.doc) or _related(
                      ctx, [g.reference]),
                  document=g.doc)


@story_check(
    "N402", "name-variant", Category.NAME_VARIANT, Severity.WARNING,
    examples=[Example(
        bad="Colonel Jérôme Wendling said the flames jumped the road.\n---\n"
            "Jérôme Wendling, who leads the fire service, spoke on Sunday.\n---\n"
            "Colonel Jerome Wendling had fought fires for twenty years.",
        good="Colonel Jérôme Wendling said the flames jumped the road.\n---\n"
             "Jérôme Wendling, who leads the fire service, spoke on Sunday.\n---\n"
             "Colonel Jérôme Wendling had fought fires for twenty years.",
        note="story rule: the texts between '---' lines are the sources of one story")],
)
def name_variant(ctx: StoryContext) -> Iterator[Hit]:
    """One name is spelt in different ways across the sources of a story.

    ## What it does
    Groups the spellings of each person, place and organisation of a story and reports
    the spellings that differ from the one most sources use (diacritics preferred on a
    tie): a lost diacritic (``Jurgen`` for ``Jürgen``), a transliteration or a near-
    spelling one or two letters apart.

    ## Why is this bad?
    Searches, joins and entity counts split one person in two; a lost diacritic often
    marks a copy that passed through an ASCII-only system.

    ## Example
    ```text
    source A: Jürgen Stock      source B: Jurgen Stock
    ```

    ## Use instead
    Use one spelling, the one the person or the primary source uses.
    """
    for v in variants(ctx):
        yield Hit(v.start, v.end,
                  f"'{v.written}' is written '{v.canonical}' in "
                  f"{len({d for d, _ in v.sources})} source(s)",
                  suggestion=v.canonical,
                  related=_related(ctx, list(v.sources), exclude=None), document=v.doc)


def names_table(ctx: StoryContext, story: Story) -> list[dict]:
    """The names table: each entity named by two sources or more (or with an issue), its
    spellings per source and its issues."""
    issues: dict[str, set[str]] = defaultdict(set)
    extra: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    ex = extracted(ctx)
    for g in garbled(ctx):
        issues[g.entity.id].add("garbled-name")
        extra[g.entity.id][g.doc].add(ex[g.doc].document.text[g.start:g.end])
    for v in variants(ctx):
        issues[v.entity.id].add("name-variant")
    rows = []
    for e in entities(ctx):
        spellings: dict[str, set[str]] = defaultdict(set)
        for doc_id, m in e.mentions:
            spellings[doc_id].add(" ".join(m.parts))
        for doc_id, written in extra[e.id].items():
            spellings[doc_id] |= written
        if len(spellings) < 2 and not issues[e.id]:
            continue
        if e.kind == "name" and len(e.label.split()) < 2 and not issues[e.id]:
            continue  # a lone capitalised word of unknown kind says little
        rows.append({"id": e.id, "entity": e.label, "kind": e.kind,
                     "spellings": {d: sorted(spellings[d]) if d in spellings else []
                                   for d in story.documents},
                     "issues": sorted(issues[e.id])})
    return rows
