"""Stage 2, normalize: a chain of repairs, each a pure function ``text -> (text, [Repair])``.

A normalizer returns the repaired text and the Repairs it made, located in the text it was
given. ``normalize`` runs a chain, keeps each step's repairs (the *trail*), and composes an
``OffsetMap`` so later stages can point at both the original and the repaired text.

Like ftfy's ``fix_and_explain`` / ``apply_plan``, the trail is replayable: ``replay(original,
trail)`` applies the recorded repairs again and gives the same repaired text, without
re-running any detection.

Normalizers register with ``@normalizer("name", order=N)``; the default chain runs them by
``order``. Modules listed in ``_BUILTIN_MODULES`` are imported on first use, so importing
``audit`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from audit.model import Repair
from audit.normalize.offsets import Edit, EditMap, OffsetMap

NormalizerFn = Callable[[str], tuple[str, list[Repair]]]

_BUILTIN_MODULES = (
    "audit.normalize.encoding",
    "audit.normalize.markup",
    "audit.normalize.boilerplate",
    "audit.normalize.whitespace",
)


@dataclass(frozen=True)
class Normalizer:
    name: str
    order: int
    fn: NormalizerFn
    default: bool = True


_REGISTRY: dict[str, Normalizer] = {}
_loaded = False


def normalizer(name: str, *, order: int, default: bool = True) -> Callable[[NormalizerFn],
                                                                          NormalizerFn]:
    """Register a repair step. Lower ``order`` runs first (encoding 100, markup 200,
    boilerplate 300, white space 900)."""

    def register(fn: NormalizerFn) -> NormalizerFn:
        _REGISTRY[name] = Normalizer(name, order, fn, default)
        return fn

    return register


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)
    _loaded = True


def registered() -> dict[str, Normalizer]:
    _load_builtins()
    return dict(_REGISTRY)


def default_chain(exclude: Iterable[str] = ()) -> list[Normalizer]:
    skip = set(exclude)
    return sorted(
        (n for n in registered().values() if n.default and n.name not in skip),
        key=lambda n: (n.order, n.name),
    )


@dataclass(frozen=True)
class Step:
    """One normalizer's repairs, located in that step's input."""

    normalizer: str
    repairs: tuple[Repair, ...]


@dataclass(frozen=True)
class Normalized:
    """The outcome of a chain: repaired text, trail, offsets, and repairs in original offsets."""

    original: str
    text: str
    trail: tuple[Step, ...]
    offsets: OffsetMap
    repairs: tuple[Repair, ...]


def apply_repairs(text: str, repairs: Sequence[Repair]) -> str:
    """Apply non-overlapping repairs located in ``text``."""
    out: list[str] = []
    pos = 0
    for r in sorted(repairs, key=lambda r: (r.start, r.end)):
        if text[r.start:r.end] != r.before:
            raise ValueError(
                f"repair by {r.normalizer} at {r.start}-{r.end} expects {r.before!r}, "
                f"text has {text[r.start:r.end]!r}"
            )
        out.append(text[pos:r.start])
        out.append(r.after)
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def normalize(text: str, chain: Sequence[Normalizer] | None = None) -> Normalized:
    """Run ``chain`` (default: every registered default normalizer) over ``text``."""
    steps = default_chain() if chain is None else chain
    trail: list[Step] = []
    maps: list[EditMap] = []
    current = text
    for step in steps:
        repaired, repairs = step.fn(current)
        if not repairs:
            if repaired != current:
                raise RuntimeError(f"normalizer {step.name} changed text without a Repair")
            continue
        if apply_repairs(current, repairs) != repaired:
            raise RuntimeError(f"normalizer {step.name}: its repairs do not replay its output")
        trail.append(Step(step.name, tuple(repairs)))
        maps.append(EditMap(Edit(r.start, r.end, r.after) for r in repairs))
        current = repaired
    offsets = OffsetMap(maps)
    in_original: list[Repair] = []
    for depth, step in enumerate(trail):
        earlier = OffsetMap(maps[:depth])
        for r in step.repairs:
            start, end = earlier.span_to_original(r.start, r.end)
            in_original.append(replace(r, start=start, end=end, before=text[start:end]
                                       if depth == 0 else r.before))
    return Normalized(text, current, tuple(trail), offsets, tuple(in_original))


def replay(text: str, trail: Sequence[Step]) -> str:
    """Re-apply a recorded trail to the original text (ftfy's ``apply_plan``)."""
    for step in trail:
        text = apply_repairs(text, step.repairs)
    return text
