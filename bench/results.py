"""bench/RESULTS.md: each benchmark owns one "## " section and rewrites only its own."""

from __future__ import annotations

import re
from pathlib import Path

from audit.io.write import atomic_write_text


def record(results_md: Path, section: str) -> None:
    """Replace the section of ``results_md`` whose heading is the first line of ``section``
    (or add it at the end), keeping every other section."""
    heading = section.splitlines()[0]
    old = results_md.read_text(encoding="utf-8") if results_md.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.M | re.S)
    body = section.rstrip("\n") + "\n\n"
    new = pattern.sub(lambda _: body, old) if pattern.search(old) else \
        old.rstrip("\n") + "\n\n" + body
    atomic_write_text(results_md, new.rstrip("\n") + "\n")
