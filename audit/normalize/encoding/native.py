"""The compiled core of the encoding repair, and the guard that keeps it honest.

The modules in ``MODULES`` (finding pieces, pricing them, deciding, the trail) are compiled
with mypyc when the package is installed (``setup.py``): the same Python source,
run as C, about a third fewer instructions. A compiled module shadows its ``.py``: an edit to
the source would have no effect until the next build. So the build records a digest of each
source it compiled (``native.json``), and at import, if any source differs from what was
compiled, all of them are imported from source instead (they must be all or none: compiled
modules expect each other's compiled classes), with a warning that says how to rebuild.

``SOURCE_AUDIT_PURE=1`` in the environment imports the sources even when the build is
fresh: to compare the two (``tests/test_encoding_native.py``), or to debug.

This file is read by ``setup.py`` on its own, so it imports only the standard library.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE = "audit.normalize.encoding"
# the whole repair but ``charmaps`` (built once at import; its codec classes use
# ``cached_property``, which mypyc's classes do not have) and the package's entry points
MODULES = ("data", "letterpairs", "words", "utf8shape", "plausibility", "pieces", "gates",
           "singlebyte", "doublebyte", "lossy", "repair", "layers", "trail", "fixes", "residue")
# the name of the shared library mypyc builds for them (``native__mypyc``)
GROUP = f"{PACKAGE}.native"
MANIFEST = "native.json"
PURE_ENV = "SOURCE_AUDIT_PURE"


def digest(source: Path) -> str:
    return hashlib.sha256(source.read_bytes()).hexdigest()


def write_manifest(directory: Path) -> None:
    """Record what the build compiled (called by ``setup.py``)."""
    table = {name: digest(directory / f"{name}.py") for name in MODULES}
    (directory / MANIFEST).write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")


def compiled_here(directory: Path) -> bool:
    """Whether a compiled module sits beside its source (a build happened)."""
    return any((directory / f"{name}{suffix}").exists()
               for name in MODULES for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def stale(directory: Path) -> list[str]:
    """The modules whose source differs from what was compiled (all, without a manifest)."""
    try:
        table = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return list(MODULES)
    return [name for name in MODULES
            if table.get(name) != _digest_or_none(directory / f"{name}.py")]


def _digest_or_none(source: Path) -> str | None:
    try:
        return digest(source)
    except OSError:  # a source gone since the build has changed too
        return None


class _FromSource(importlib.abc.MetaPathFinder):
    """Imports the core's modules from their ``.py`` files, ahead of the compiled ones."""

    def __init__(self, directory: Path) -> None:
        self.paths = {f"{PACKAGE}.{name}": directory / f"{name}.py" for name in MODULES}

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        source = self.paths.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(
            fullname, source)


def choose(directory: Path) -> str:
    """Decide, before the core is imported, whether it runs compiled or from source; return
    how it runs ("compiled", or "source" and why)."""
    if not compiled_here(directory):
        return "source (not compiled)"
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        reason = f"source ({PURE_ENV} is set)"
    else:
        changed = stale(directory)
        if not changed:
            return "compiled"
        reason = f"source ({', '.join(changed)} changed since the build)"
        warnings.warn(f"source-audit: {', '.join(changed)} changed since the encoding core "
                      "was compiled; running it from source (slower). Rebuild with "
                      "`make install` or `pip install -e .`.", RuntimeWarning, stacklevel=3)
    if not any(isinstance(f, _FromSource) for f in sys.meta_path):
        sys.meta_path.insert(0, _FromSource(directory))
    return reason
