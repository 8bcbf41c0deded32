"""``--format text``: one line per finding, like a compiler (``path:line:col: CODE message``),
then a summary. Lines and columns are 1-based and count lines in the file, front matter
included."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from audit.report import writer

if TYPE_CHECKING:
    from audit.engine import Result


def line_col(text: str, offset: int, line_offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``, shifted by lines before the text."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line + line_offset, col


@writer("text")
def write_text(result: Result, stream: TextIO) -> None:
    docs = {d.id: d for d in result.documents}
    for f in result.findings:
        d = docs.get(f.document)
        where = f.document
        if d is not None:
            line, col = line_col(d.original, f.start, int(d.document.meta.get("line_offset", 0)))
            where = f"{d.document.path or d.id}:{line}:{col}"
            if d.document.path and d.document.path.endswith((".jsonl", ".csv", ".parquet")):
                where = f"{d.document.path}[{d.id}]:{line}:{col}"
        stream.write(f"{where}: {f.rule} [{f.severity.value}] {f.message}\n"
                     f"    {f.excerpt}\n")
    by_severity = Counter(f.severity.value for f in result.findings)
    summary = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info")
                        if by_severity[s]) or "no findings"
    stream.write(f"{len(result.documents)} documents, {len(result.stories)} stories: "
                 f"{summary}")
    if result.errors:
        stream.write(f"; {len(result.errors)} input problems")
    stream.write("\n")
