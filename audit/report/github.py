"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`` shows the finding on
the changed file in a pull request. Severities map to ``error``, ``warning`` and ``notice``.
A row of a table file has no line of its own: its annotation names the file and puts the
document id in the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from audit.report import writer
from audit.report.locate import display_path, locator

if TYPE_CHECKING:
    from audit.engine import Result

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message (the runner decodes these)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value (``,`` and ``:`` separate properties)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@writer("github")
def write_github(result: Result, stream: TextIO) -> None:
    where_is = locator(result.documents)
    for f in result.findings:
        loc = where_is(f.document, f.start, f.end)
        props: list[tuple[str, str]] = []
        title = f"{f.rule} {f.name}"
        if loc.path is not None:
            props.append(("file", loc.path))
        if loc.in_file:
            props += [("line", str(loc.line)), ("col", str(loc.column)),
                      ("endLine", str(loc.end_line)), ("endColumn", str(loc.end_column))]
        else:
            title += f" [{f.document}]"
        props.append(("title", title))
        body = f.message
        if f.excerpt:
            body += f"\n{f.excerpt}"
        if f.suggestion:
            body += f"\nsuggestion: {f.suggestion}"
        head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
        stream.write(f"::{LEVELS[f.severity.value]} {head}::{escape_data(body)}\n")
    for err in result.errors:
        stream.write(f"::warning file={escape_property(display_path(err.path) or err.path)},"
                     "title=input problem::"
                     f"{escape_data(err.message)}\n")
