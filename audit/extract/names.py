"""Names: people, places and organisations, from capitalisation and the words around them.

A name is a run of capitalised words (with connectors such as ``of``, ``van``, ``bin``).
Titles and roles in front of it are split off (``Governor Melati Harjono``, ``UN High
Commissioner for Human Rights Volker Turk``); the kind comes from cues: a role, a title, an
apposition (``X, Assistant Director``), a speech verb (``said X``, ``X told``) or ``, who``
make a person; organisation and place words and prepositions make the others.

A capitalised word that starts a sentence is a name only when the document also writes it
capitalised elsewhere, or, failing that, when it is not a common English word (wordfreq).

    >>> [(m.text, m.kind, m.role) for m in extract_names(
    ...     "Interpol chief Jürgen Stock said on Monday that scams were spreading.")]
    [('Interpol', 'org', None), ('Jürgen Stock', 'person', 'chief')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from audit.extract import lexicon
from audit.extract.text import Token, fold, sentences, tokens, zipf


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    parts: tuple[str, ...]  # the name's words as written, possessive dropped
    kind: str  # person | org | place | name
    role: str | None = None  # the role or title next to it, folded
    sentence: tuple[int, int] = (0, 0)
    left: tuple[str, ...] = ()  # up to two tokens before, folded (slot evidence)
    right: tuple[str, ...] = ()  # up to two tokens after, folded

    @property
    def surname(self) -> str:
        return self.parts[-1]

    @property
    def given(self) -> str | None:
        return self.parts[0] if len(self.parts) > 1 else None


@lru_cache(maxsize=1)
def _lex() -> dict:
    z = lexicon.raw("names")["zipf"]
    low = lambda key: lexicon.lowered("names", key)  # noqa: E731
    return {
        "titles": low("titles"), "roles": low("role_words"),
        "connectors": low("connectors") - {"and", "the", "y"},
        "particles": low("surname_particles"), "speech": low("speech_verbs"),
        "orgs": low("org_words"), "places": low("place_words"),
        "preps": low("place_prepositions"), "not_names": low("not_names"),
        "function": low("function_words"),
        "months": frozenset(m.casefold() for m in lexicon.group("dates", "month")),
        "weekdays": frozenset(m.casefold() for m in lexicon.group("dates", "weekday")),
        "zipf": {k: float(v) for k, v in z.items()},
    }


def lexicons() -> dict:
    """The name lexicon as sets (for the cross-source checks)."""
    return _lex()


def _bare(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def is_role_word(word: str) -> bool:
    w = fold(_bare(word))
    lex = _lex()
    return w in lex["roles"] or w in lex["titles"] or all(
        p in lex["roles"] for p in w.split("-") if p)


def _title_case_line(text: str, start: int, end: int) -> bool:
    """A heading in Title Case or CAPITALS (no closing full stop, most content words
    capitalised): its capitals say nothing about names."""
    line = text[start:end].strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) < 3 or line[-1:] in ".!?\"”'’":
        return False
    content = [w for w in words if w.casefold() not in _lex()["function"]]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.8 * len(content)


def casing_evidence(text: str) -> tuple[Counter, Counter]:
    """How often each folded word is written capitalised inside a sentence, and how often
    in lower case, over a whole document."""
    upper: Counter = Counter()
    lower: Counter = Counter()
    for s, e in sentences(text):
        words = [t for t in tokens(text, s, e) if t.is_word]
        for k, t in enumerate(words):
            if k == 0:
                continue
            (upper if t.is_capitalised else lower)[fold(_bare(t.text))] += 1
    return upper, lower


def _is_name_start(t: Token, first: bool, evidence: tuple[Counter, Counter],
                   nxt: Token | None = None) -> bool:
    lex = _lex()
    w = fold(_bare(t.text))
    if (w in lex["not_names"] and first) or w in lex["months"] or w in lex["weekdays"]:
        return False
    if not first or is_role_word(t.text):
        return True  # "Secretary General Dolores Achával spoke": a role opens the run
    upper, lower = evidence
    if upper[w]:
        return True
    if lower[w]:
        return False
    if nxt is not None and nxt.is_word and nxt.is_capitalised and \
            zipf(nxt.text) < lex["zipf"]["common_word"] + 1:
        return True  # "Grace Manurung, a spokeswoman": a given name before a rare name
    return zipf(w) < lex["zipf"]["sentence_initial_common"]


def _runs(toks: list[Token], evidence: tuple[Counter, Counter]) -> list[list[int]]:
    """Indices of capitalised runs (connectors inside, not at the ends)."""
    lex = _lex()
    runs: list[list[int]] = []
    current: list[int] = []
    first_word = next((k for k, t in enumerate(toks) if t.is_word), None)
    for k, t in enumerate(toks):
        if t.is_word and t.is_capitalised and _is_name_start(
                t, k == first_word or ((k > 0 and toks[k - 1].text in "\"“‘'(") and
                not current), evidence, toks[k + 1] if k + 1 < len(toks) else None):
            current.append(k)
            continue
        if current and t.is_word and (t.lower in lex["connectors"] or (
                t.lower == "the" and toks[k - 1].lower == "of")) and k + 1 < len(toks) \
                and toks[k + 1].is_word and toks[k + 1].is_capitalised:
            current.append(k)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _split_role(words: list[Token]) -> tuple[list[Token], list[Token]]:
    """``Secretary General Dolores Achával`` -> role, name. The name is what follows the
    last role word or connector; common words right after a role belong to it
    (``High Commissioner for Human Rights Volker Turk``). A run that names an
    organisation or place (``Tanjung Lirap Regional Hospital``) is not split."""
    lex = _lex()
    cut = -1
    for k, t in enumerate(words):
        if is_role_word(t.text) or t.lower in lex["connectors"] or t.lower == "the":
            cut = k
    if cut == len(words) - 1:
        return words, []  # a role alone: "Assistant Director"
    if cut == -1:
        return [], words
    role, name = words[: cut + 1], words[cut + 1:]
    if any(fold(_bare(t.text)) in lex["orgs"] | lex["places"] for t in name):
        return [], words
    while len(name) > 2 and zipf(name[0].text) >= lex["zipf"]["role_prefix_common"]:
        role.append(name.pop(0))
    return role, name


def _kind(name: list[Token], role: list[Token], left: list[Token], right: list[Token]
          ) -> str:
    lex = _lex()
    folded = [fold(_bare(t.text)) for t in name]
    whole = folded + [fold(_bare(t.text)) for t in role]
    if any(w in lex["orgs"] for w in whole) or (
            len(name) == 1 and name[0].text.isupper() and len(name[0].text) > 1):
        return "org"
    if any(w in lex["places"] for w in whole):
        return "place"
    if role and role[-1].lower in lex["connectors"]:
        return "name"  # "Governor of Nusa Seraya": what the role belongs to
    person_cue = bool(role) or any(
        is_role_word(t.text) for t in left[-1:]) or any(
        t.lower in lex["speech"] for t in left[-1:] + right[:1]) or (
        len(left) >= 2 and left[-1].text == "," and is_role_word(left[-2].text)
        and len(name) > 1) or (
        len(right) >= 2 and right[0].text == "," and (
            is_role_word(right[1].text) or right[1].lower == "who"
            or (right[1].lower in lex["speech"] and len(name) > 1)
            or (right[1].lower in ("a", "an") and len(name) > 1 and not left)))
    if person_cue:
        return "person"
    if left and left[-1].lower in lex["preps"]:
        return "place"
    return "name"


def extract_names(text: str, evidence: tuple[Counter, Counter] | None = None
                  ) -> list[Mention]:
    """Every name mention in ``text`` with its kind and role."""
    evidence = evidence or casing_evidence(text)
    lex = _lex()
    out: list[Mention] = []
    for s, e in sentences(text):
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        if _title_case_line(text, line_start, line_end if line_end != -1 else len(text)):
            continue
        toks = tokens(text, s, e)
        for run in _runs(toks, evidence):
            words = [toks[k] for k in run]
            while words and words[0].lower in lex["not_names"]:
                words.pop(0)
                run = run[1:]
            while words and (words[-1].lower in lex["connectors"]):
                words.pop()
            if not words:
                continue
            role, name = _split_role(words)
            if not name:
                continue
            first = run[0] + len(role)
            last = run[0] + len(words) - 1
            left = toks[max(0, run[0] - 2):run[0]]
            right = toks[last + 1:last + 3]
            kind = _kind(name, role, toks[max(0, first - 2):first], right)
            role_text = " ".join(fold(t.text) for t in role) or (
                fold(left[-1].text) if left and is_role_word(left[-1].text) else None)
            start, end = name[0].start, name[-1].end
            if re.search(r"['’]s$", name[-1].text):
                end -= 2
            out.append(Mention(start, end, text[start:end],
                               tuple(_bare(t.text) for t in name), kind, role_text, (s, e),
                               tuple(fold(t.text) for t in toks[max(0, first - 2):first]),
                               tuple(fold(t.text) for t in right)))
    return out
