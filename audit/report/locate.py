"""Where a finding is, in the terms a reader or a CI system uses: file, line, column.

Offsets in a Finding count characters of the document's text as loaded; front matter lines
before that text are counted in ``Document.meta["line_offset"]``. Rows of JSON Lines, CSV
and Parquet files have no line of their own in the file (the text is quoted inside a record),
so they get a *logical* location: the file and the document id, no line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from audit.checks.context import AuditedDocument

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")


def line_col(text: str, offset: int, line_offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``, shifted by lines before the text.

    Columns count code points (SARIF's ``unicodeCodePoints``), not UTF-16 units.
    """
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line + line_offset, col


def display_path(path: str | None, cwd: Path | None = None) -> str | None:
    """``path`` relative to the working directory (or ``cwd``, an absolute resolved path)
    when it lies below it, POSIX-style."""
    if path is None:
        return None
    return _display_path(path, cwd if cwd is not None else Path.cwd().resolve())


@lru_cache(maxsize=65536)
def _display_path(path: str, here: Path) -> str:
    # Cached: every finding of a document asks for the same path, and resolving it
    # dominated writing 20,000 findings.
    p = Path(path)
    try:
        absolute = p if p.is_absolute() else (here / p)
        return Path(os.path.normpath(absolute)).relative_to(here).as_posix()
    except ValueError:
        return Path(os.path.normpath(p)).as_posix()


@dataclass(frozen=True)
class Location:
    """A span of a document in its file. ``line`` is None for rows and in-memory documents."""

    document: str
    path: str | None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    @property
    def in_file(self) -> bool:
        return self.path is not None and self.line is not None

    def __str__(self) -> str:
        if self.in_file:
            return f"{self.path}:{self.line}:{self.column}"
        if self.path is not None:
            return f"{self.path}[{self.document}]"
        return self.document


def is_row(document_path: str | None) -> bool:
    return document_path is None or document_path.lower().endswith(TABLE_SUFFIXES)


def locate(audited: AuditedDocument, start: int, end: int, cwd: Path | None = None
           ) -> Location:
    """The file location of ``[start, end)`` of ``audited``'s original text."""
    doc = audited.document
    path = display_path(doc.path, cwd)
    if is_row(doc.path):
        return Location(doc.id, path)
    shift = int(doc.meta.get("line_offset", 0) or 0)
    line, col = line_col(audited.original, start, shift)
    end_line, end_col = line_col(audited.original, end, shift)
    return Location(doc.id, path, line, col, end_line, end_col)


def locator(result_documents: list[AuditedDocument], cwd: Path | None = None):
    """A ``fn(document_id, start, end) -> Location`` over a Result's documents.

    Documents missing from the Result (a finding about a document not audited) still get
    a logical location, named by id.
    """
    docs = {d.id: d for d in result_documents}
    here = (cwd or Path.cwd()).resolve()

    def find(document: str, start: int, end: int) -> Location:
        d = docs.get(document)
        return locate(d, start, end, here) if d is not None else Location(document, None)

    return find
