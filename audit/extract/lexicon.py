"""The extractors' lexicons: ``rules/lexicons/<lang>/{figures,names,dates}.yaml``.

The files follow the shared lexicon shape (``lexicon``, ``language``, ``groups`` of string
lists, readable with ``audit.lexicons``); keys that carry numbers or mappings (qualifier
semantics, scales, currencies, synonyms) sit at the top level and are read here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import yaml

from audit.lexicons import LEXICON_ROOT


class LexiconMissing(FileNotFoundError):
    """A lexicon file the extractor needs is absent."""


@lru_cache(maxsize=16)
def raw(name: str, language: str = "en") -> Mapping[str, Any]:
    """The parsed YAML of lexicon ``name`` (falls back to English)."""
    for lang in dict.fromkeys((language, "en")):
        path = LEXICON_ROOT / lang / f"{name}.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path}: a lexicon is a mapping")
            return data
    raise LexiconMissing(f"no lexicon {language}/{name}.yaml under {LEXICON_ROOT}")


def group(name: str, key: str, language: str = "en") -> tuple[str, ...]:
    """A string list of lexicon ``name``: from ``groups`` or a top-level list."""
    data = raw(name, language)
    found = (data.get("groups") or {}).get(key, data.get(key))
    if found is None:
        raise KeyError(f"lexicon {name} has no list {key!r}")
    return tuple(str(w) for w in found)


def lowered(name: str, key: str, language: str = "en") -> frozenset[str]:
    """A string list as a case-folded set, for membership tests."""
    return _lowered(name, key, language)


@lru_cache(maxsize=128)
def _lowered(name: str, key: str, language: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in group(name, key, language))


def synonym_map(groups: Iterable[Iterable[str]]) -> dict[str, str]:
    """``[[a, b, c], ...]`` -> ``{a: a, b: a, c: a}``: each word to its group's first word.

    A word listed in two groups keeps the first."""
    out: dict[str, str] = {}
    for words in groups:
        words = [str(w).casefold() for w in words]
        for w in words:
            out.setdefault(w, words[0])
    return out
