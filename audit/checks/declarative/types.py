"""Rule types of the declarative rule sets, in the spirit of Vale's styles.

- ``existence``: any of some words (``tokens``), regular expressions (``raw``) or lexicon
  entries (``lexicons``) is a finding.
- ``substitution``: ``swap`` maps a pattern to what should be written instead; the
  replacement becomes the finding's suggestion.
- ``sequence``: a token pattern. Each token is a lexicon, a word list or a pattern, possibly
  negated (a word that is *not* one of these); ``gap: true`` stands for a run of two or more
  spaces (any Unicode space) between two tokens, where something was dropped; ``skip: N``
  lets up to N words come between a token and the next; ``mark: true`` on some tokens narrows
  the reported span to them.

Each type compiles to ``Matcher``s: a regular expression and, for substitutions, the
replacement. Tokens are case-sensitive unless ``ignorecase`` is set on the rule or token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit import lexicons

WORD = r"[^\W\d_][\w'’-]*"      # a word that starts with a letter (so never a number)
SEP = r"[^\S\n]+"               # white space between two words on one line
GAP = r"[^\S\n]{2,}"            # two or more spaces: where something was dropped
TYPES = ("existence", "substitution", "sequence")


class RuleSpecError(ValueError):
    """A rule whose YAML cannot be compiled."""


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str]
    replacement: str | None = None
    marked: tuple[str, ...] = ()  # group names whose span is reported


def _bounded(body: str) -> str:
    return rf"(?<![\w-])(?:{body})(?![\w-])"


def _lexicon_words(refs: str | Sequence[str], language: str, roots: Sequence[Path]
                   ) -> list[str]:
    out: list[str] = []
    for ref in [refs] if isinstance(refs, str) else refs:
        try:
            out.extend(lexicons.words(str(ref), language, roots))
        except lexicons.LexiconError as exc:
            raise RuleSpecError(str(exc)) from None
    return out


def _compile(source: str, ignorecase: bool) -> re.Pattern[str]:
    try:
        return re.compile(source, re.I if ignorecase else 0)
    except re.error as exc:
        raise RuleSpecError(f"bad regular expression {source!r}: {exc}") from None


def existence(spec: Mapping[str, Any], language: str, roots: Sequence[Path]) -> list[Matcher]:
    alts: list[str] = []
    tokens = spec.get("tokens") or []
    if tokens:
        alts.append(_bounded("|".join(str(t) for t in tokens)))
    alts += [str(r) for r in spec.get("raw") or []]
    if spec.get("lexicons"):
        alts.append(lexicons.alternation(_lexicon_words(spec["lexicons"], language, roots)))
    if not alts:
        raise RuleSpecError("an existence rule needs 'tokens', 'raw' or 'lexicons'")
    return [Matcher(_compile("|".join(f"(?:{a})" for a in alts),
                             bool(spec.get("ignorecase"))))]


def substitution(spec: Mapping[str, Any], language: str, roots: Sequence[Path]
                 ) -> list[Matcher]:
    swap = spec.get("swap")
    if not isinstance(swap, Mapping) or not swap:
        raise RuleSpecError("a substitution rule needs a 'swap' mapping (pattern: replacement)")
    nonword = bool(spec.get("nonword"))
    return [Matcher(_compile(str(k) if nonword else _bounded(str(k)),
                             bool(spec.get("ignorecase"))), str(v))
            for k, v in swap.items()]


def _token(tok: Mapping[str, Any], language: str, roots: Sequence[Path]) -> str:
    known = {"lexicon", "words", "pattern", "negate", "ignorecase", "skip", "mark", "gap",
             "nonword"}
    unknown = set(tok) - known
    if unknown:
        raise RuleSpecError(f"unknown token key(s) {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(sorted(known))}")
    if "lexicon" in tok:
        body = lexicons.alternation(_lexicon_words(tok["lexicon"], language, roots))
    elif "words" in tok:
        body = lexicons.alternation([str(w) for w in tok["words"]])
    elif "pattern" in tok:
        body = str(tok["pattern"]) if tok.get("nonword") else _bounded(str(tok["pattern"]))
    else:
        raise RuleSpecError("a token needs 'lexicon', 'words', 'pattern' or 'gap: true'")
    if tok.get("negate"):
        body = rf"(?!{body}){WORD}"
    return f"(?i:{body})" if tok.get("ignorecase") else body


def _sequence(tokens: Sequence[Mapping[str, Any]], language: str, roots: Sequence[Path],
              prefix: str = "t") -> tuple[str, list[str]]:
    """One sequence as a regex source, and the names of its marked groups."""
    if not tokens or not all(isinstance(t, Mapping) for t in tokens):
        raise RuleSpecError("a sequence is a list of tokens (mappings)")
    parts: list[str] = []
    marked: list[str] = []
    after_gap = True  # no separator before the first token
    skip = 0
    for i, tok in enumerate(tokens):
        name = f"{prefix}{i}"
        if tok.get("gap"):
            parts.append(f"(?P<{name}>{GAP})")
            after_gap = True
        else:
            if not after_gap:
                parts.append(SEP)
            if skip:
                parts.append(f"(?:{WORD}{SEP}){{0,{skip}}}")
            parts.append(f"(?P<{name}>{_token(tok, language, roots)})")
            after_gap = False
        skip = int(tok.get("skip") or 0)
        if tok.get("mark"):
            marked.append(name)
    return "".join(parts), marked


def sequence(spec: Mapping[str, Any], language: str, roots: Sequence[Path]) -> list[Matcher]:
    """All the sequences of a rule as one alternation, so a text is scanned once."""
    seqs = spec.get("sequences") or ([spec["tokens"]] if spec.get("tokens") else [])
    if not seqs or not isinstance(seqs, list):
        raise RuleSpecError("a sequence rule needs 'tokens' or 'sequences'")
    sources, marked = [], []
    for j, tokens in enumerate(seqs):
        source, marks = _sequence(tokens, language, roots, prefix=f"s{j}t")
        sources.append(f"(?:{source})")
        marked += marks
    return [Matcher(_compile("|".join(sources), bool(spec.get("ignorecase"))),
                    marked=tuple(marked))]


COMPILERS = {"existence": existence, "substitution": substitution, "sequence": sequence}


def compile_rule(spec: Mapping[str, Any], language: str, roots: Sequence[Path]
                 ) -> list[Matcher]:
    kind = spec.get("type")
    if kind not in COMPILERS:
        raise RuleSpecError(f"type must be one of {', '.join(TYPES)}, not {kind!r}")
    return COMPILERS[kind](spec, language, roots)
