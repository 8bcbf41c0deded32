"""Lexicons: word and phrase lists kept as YAML data under the top-level ``rules/lexicons``.

A lexicon file ``rules/lexicons/<lang>/<name>.yaml`` holds either a flat ``entries`` list or
named ``groups`` of entries::

    lexicon: quantifiers
    language: en
    groups:
      comparative: [more than, fewer than]
      strict: [nearly, approximately]

A reference names a lexicon and optionally a group: ``quantifiers``, ``en/quantifiers``,
``quantifiers#strict`` or ``quantifiers#strict+comparative``. Every stage may read lexicons
(this module depends on nothing else in the package), so the boilerplate normalizer and the
rule sets share one source of phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_ROOT = Path(__file__).resolve().parent.parent / "rules"
LEXICON_ROOT = RULES_ROOT / "lexicons"
DEFAULT_GROUP = "entries"


class LexiconError(ValueError):
    """A lexicon that is missing or malformed."""


@dataclass(frozen=True)
class Lexicon:
    name: str
    language: str
    groups: dict[str, tuple[str, ...]]
    path: Path | None = None

    def words(self, groups: Iterable[str] | None = None) -> tuple[str, ...]:
        """Entries of the named groups (all groups when None), without repeats."""
        names = list(self.groups) if groups is None else list(groups)
        out: list[str] = []
        for name in names:
            if name not in self.groups:
                raise LexiconError(f"lexicon {self.language}/{self.name} has no group "
                                   f"{name!r} (has: {', '.join(self.groups)})")
            out.extend(w for w in self.groups[name] if w not in out)
        return tuple(out)

    def pattern(self, groups: Iterable[str] | None = None) -> str:
        """A regex alternation of the entries (see ``alternation``)."""
        return alternation(self.words(groups))


def alternation(words: Sequence[str], *, bounded: bool = True) -> str:
    r"""A regex matching any of ``words``, longest first so ``more than`` beats ``more``.

    With ``bounded``, an entry that starts (ends) with a word character must not be glued to
    a word character or a hyphen on that side: ``by`` does not match in ``by-election``.
    Inner spaces match any run of horizontal white space. The entries are compiled into a
    prefix tree, so a position is rejected after one character instead of one try per
    entry (lexicons have dozens of entries and run over every position of a text).

    >>> alternation(["more", "more than", "%"])
    '(?:%|(?<![\\w-])more(?:[^\\S\\n]+than(?![\\w-])|(?![\\w-])))'
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for key in re.sub(r"\s+", " ", w.strip()):
            node = node.setdefault(key, {})
        if node is not trie:
            node[""] = {}
    if not trie:
        return r"(?!x)x"  # matches nothing

    def emit(node: dict, last: str) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            piece = r"[^\S\n]+" if key == " " else re.escape(key)
            if bounded and node is trie and re.match(r"\w", key):
                piece = r"(?<![\w-])" + piece
            branches.append(piece + emit(node[key], key))
        end = None
        if "" in node:
            end = r"(?![\w-])" if bounded and re.match(r"\w", last) else ""
        if not branches:
            return end or ""
        if end is None and len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches + ([end] if end is not None else [])) + ")"

    body = emit(trie, "")
    return body if body.startswith("(?:") and len(trie) > 1 else f"(?:{body})"


def _parse(data: object, path: Path, language: str) -> Lexicon:
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: a lexicon is a mapping with 'entries' or 'groups'")
    groups: dict[str, tuple[str, ...]] = {}
    raw_groups = data.get("groups") or {}
    if "entries" in data:
        raw_groups = {DEFAULT_GROUP: data["entries"], **raw_groups}
    if not isinstance(raw_groups, dict) or not raw_groups:
        raise LexiconError(f"{path}: no 'entries' or 'groups'")
    for name, entries in raw_groups.items():
        if not isinstance(entries, list) or not all(isinstance(e, (str, int)) for e in entries):
            raise LexiconError(f"{path}: group {name!r} must be a list of strings")
        groups[str(name)] = tuple(str(e) for e in entries)
    return Lexicon(str(data.get("lexicon") or path.stem), str(data.get("language") or language),
                   groups, path)


@lru_cache(maxsize=256)
def _load_file(path: Path, language: str) -> Lexicon:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"no lexicon at {path}") from None
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from None
    return _parse(data, path, language)


def split_ref(ref: str, language: str = "en") -> tuple[str, str, tuple[str, ...] | None]:
    """``"en/quantifiers#strict+loose"`` -> ``("en", "quantifiers", ("strict", "loose"))``."""
    name, _, group = ref.partition("#")
    lang, _, bare = name.rpartition("/")
    groups = tuple(g.strip() for g in group.split("+") if g.strip()) or None
    return (lang or language), bare.strip(), groups


def load(name: str, language: str = "en", roots: Sequence[Path] = ()) -> Lexicon:
    """Lexicon ``name`` for ``language``, looked up in ``roots`` first, then the built-ins."""
    for root in (*roots, LEXICON_ROOT):
        path = Path(root) / language / f"{name}.yaml"
        if path.is_file():
            return _load_file(path.resolve(), language)
    raise LexiconError(f"no lexicon '{language}/{name}' (looked in "
                       f"{', '.join(str(r) for r in (*roots, LEXICON_ROOT))})")


def words(ref: str, language: str = "en", roots: Sequence[Path] = ()) -> tuple[str, ...]:
    """The entries a reference names."""
    lang, name, groups = split_ref(ref, language)
    return load(name, lang, roots).words(groups)


def languages(name: str) -> list[str]:
    """Languages that have a built-in lexicon ``name``, sorted."""
    if not LEXICON_ROOT.is_dir():
        return []
    return sorted(p.name for p in LEXICON_ROOT.iterdir() if (p / f"{name}.yaml").is_file())


def merged(name: str, group: str) -> tuple[str, ...]:
    """Entries of ``group`` in lexicon ``name`` across every language that has it (a
    document's language is not known when it is normalized, so furniture in any language
    is recognised)."""
    out: list[str] = []
    for lang in languages(name):
        lex = load(name, lang)
        if group in lex.groups:
            out.extend(w for w in lex.groups[group] if w not in out)
    return tuple(out)
