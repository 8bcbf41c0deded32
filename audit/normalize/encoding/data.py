"""The encoding repair's data, read once from ``rules/lexicons/common/mojibake.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from audit.lexicons import LEXICON_ROOT

PATH = LEXICON_ROOT / "common" / "mojibake.yaml"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def group(name: str) -> str:
    """A group's entries joined into one string (most groups list characters)."""
    return "".join(_raw()["groups"][name])


@lru_cache(maxsize=1)
def _letter_costs() -> dict[str, float]:
    costs = {ch: 1.0 for ch in group("suspect-letters")}
    costs.update({ch: 3.0 for ch in group("rare-letters")})
    return costs


def letter_cost(ch: str) -> float | None:
    """A price the data sets by hand for a letter, or None."""
    return _letter_costs().get(ch)


@lru_cache(maxsize=1)
def suspect_letters() -> frozenset[str]:
    return frozenset(group("suspect-letters"))


@lru_cache(maxsize=1)
def _symbol_costs() -> dict[str, float]:
    out: dict[str, float] = {}
    for entry in _raw()["costs"].values():
        for ch in entry["chars"]:
            out[ch] = float(entry["cost"])
    return out


def symbol_cost(ch: str, default: float) -> float:
    return _symbol_costs().get(ch, default)


@lru_cache(maxsize=1)
def grave_a_words() -> frozenset[str]:
    return frozenset(_raw()["groups"]["grave-a-words"])


@lru_cache(maxsize=1)
def lost_weights() -> tuple[float, dict[str, dict[str, Any]]]:
    lost = _raw()["lost"]
    return float(lost["default"]), dict(lost["characters"])


def tie_break_languages(script: str) -> tuple[str, ...]:
    return tuple(_raw()["tie-break-languages"].get(script, ()))
