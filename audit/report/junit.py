"""``--format junit``: JUnit XML for CI test tabs.

One ``<testsuite>`` per document (named by its id, with its file), one ``<testcase>`` per
finding, each with one ``<failure>`` (type = severity, message = the finding's message, the
body = location, excerpt, suggestion and related spans). A document without findings has a
single passing test case, so the tab shows every document audited. Input problems form a
last suite of ``<error>`` cases.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from audit.report import writer
from audit.report.locate import display_path, locator

if TYPE_CHECKING:
    from audit.engine import Result
    from audit.model import Finding

# Characters XML 1.0 cannot carry at all; mojibake and binary junk in articles do contain
# them, and one would make the whole file unparsable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` with characters XML cannot hold shown as ``\\xNN`` escapes."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def _failure_body(f: Finding, where: str) -> str:
    lines = [f"{where}: {f.rule} {f.name} [{f.severity.value}] {f.message}",
             f"    {f.excerpt}"]
    if f.suggestion:
        lines.append(f"suggestion: {f.suggestion}")
    lines += [f"related: {r.document}: {r.excerpt}" for r in f.related]
    return xml_text("\n".join(lines))


def to_junit(result: Result) -> ET.Element:
    where_is = locator(result.documents)
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in result.documents}
    for f in result.findings:
        by_doc.setdefault(f.document, []).append(f)
    paths = {d.id: display_path(d.document.path) for d in result.documents}

    root = ET.Element("testsuites", name="source-audit")
    total = failures = errors = 0
    for doc_id, found in by_doc.items():
        suite = ET.SubElement(root, "testsuite", name=xml_text(doc_id),
                              tests=str(max(1, len(found))), failures=str(len(found)),
                              errors="0", skipped="0", time="0")
        if paths.get(doc_id):
            suite.set("file", xml_text(paths[doc_id] or ""))
        if not found:
            ET.SubElement(suite, "testcase", name="no findings", classname=xml_text(doc_id),
                          time="0")
        for f in found:
            loc = where_is(f.document, f.start, f.end)
            at = f"{loc.line}:{loc.column}" if loc.in_file else f"{f.start}-{f.end}"
            case = ET.SubElement(suite, "testcase", name=xml_text(f"{f.rule} {f.name} at {at}"),
                                 classname=xml_text(doc_id), time="0")
            if loc.path:
                case.set("file", xml_text(loc.path))
            if loc.in_file:
                case.set("line", str(loc.line))
            failure = ET.SubElement(case, "failure", message=xml_text(f.message),
                                    type=f.severity.value)
            failure.text = _failure_body(f, str(loc))
        total += max(1, len(found))
        failures += len(found)
    if result.errors:
        suite = ET.SubElement(root, "testsuite", name="input", tests=str(len(result.errors)),
                              failures="0", errors=str(len(result.errors)), skipped="0",
                              time="0")
        for e in result.errors:
            case = ET.SubElement(suite, "testcase", name=xml_text(display_path(e.path)
                                                                  or e.path),
                                 classname="input", time="0")
            ET.SubElement(case, "error", message=xml_text(str(e)), type="input")
        total += len(result.errors)
        errors += len(result.errors)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", "0")
    return root


@writer("junit")
def write_junit(result: Result, stream: TextIO) -> None:
    root = to_junit(result)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
