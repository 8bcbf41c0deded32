"""Stage 6, report: writers that turn a Result into text, JSON and the other formats.

A writer is ``fn(result, stream) -> None`` registered under a format name with
``@writer("json")``. Writers read only the Result; they never reach back into earlier stages.
Modules in ``_BUILTIN_MODULES`` are imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from audit.engine import Result

Writer = Callable[["Result", TextIO], None]

_BUILTIN_MODULES = (
    "audit.report.text",
    "audit.report.json_format",
    "audit.report.sarif",
    "audit.report.junit",
    "audit.report.github",
    "audit.report.html",
)
_WRITERS: dict[str, Writer] = {}
_loaded = False


def writer(name: str) -> Callable[[Writer], Writer]:
    def register(fn: Writer) -> Writer:
        _WRITERS[name] = fn
        return fn
    return register


def writers() -> dict[str, Writer]:
    global _loaded
    if not _loaded:
        for module in _BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True
    return dict(_WRITERS)


def write(result: Result, fmt: str, stream: TextIO) -> None:
    try:
        fn = writers()[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(sorted(writers()))}") \
            from None
    fn(result, stream)
