"""``--format text``: one line per finding, like a compiler (``path:line:col: CODE message``),
then a summary. Lines and columns are 1-based and count lines in the file, front matter
included. A row of a table file is named ``path[id]``, with the line and column inside its
text."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from audit.report import writer
from audit.report.locate import display_path, is_row, line_col, locator

if TYPE_CHECKING:
    from audit.engine import Result

__all__ = ["line_col", "write_text"]


@writer("text")
def write_text(result: Result, stream: TextIO) -> None:
    docs = {d.id: d for d in result.documents}
    where_is = locator(result.documents)
    for f in result.findings:
        d = docs.get(f.document)
        where = str(where_is(f.document, f.start, f.end))
        if d is not None and is_row(d.document.path):
            line, col = line_col(d.original, f.start)
            base = display_path(d.document.path)
            where = f"{base}[{d.id}]:{line}:{col}" if base else f"{d.id}:{line}:{col}"
        stream.write(f"{where}: {f.rule} [{f.severity.value}] {f.message}\n"
                     f"    {f.excerpt}\n")
    by_severity = Counter(f.severity.value for f in result.findings)
    summary = ", ".join(f"{by_severity[s]} {s}" for s in ("error", "warning", "info")
                        if by_severity[s]) or "no findings"
    triage = getattr(result, "triage", None)
    if triage is not None and triage.baseline is not None:
        summary = f"{summary} new" if result.findings else "no new findings"
    stream.write(f"{len(result.documents)} documents, {len(result.stories)} stories: "
                 f"{summary}")
    if triage is not None:
        if triage.baseline is not None:
            stream.write(f"; {len(triage.known)} in the baseline, "
                         f"{sum(e.count for e in triage.fixed)} fixed")
        if triage.ignore_file is not None:
            stream.write(f"; {len(triage.ignored)} ignored")
    if result.errors:
        stream.write(f"; {len(result.errors)} input problems")
    stream.write("\n")
