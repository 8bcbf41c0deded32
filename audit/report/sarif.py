"""``--format sarif``: SARIF 2.1.0, for code-scanning dashboards.

One run; the driver lists every rule with its id, name, descriptions and help (the rule's
documentation). Each finding is a result with a physical location: the document's file,
relative to ``%SRCROOT%`` (the working directory) when it lies below it, and a region with
line, column and the snippet of original text. Columns count code points, so the run says
``columnKind: unicodeCodePoints``. A row of a JSON Lines, CSV or Parquet file has no line
in the file: its result names the file, and a logical location names the document.

Fingerprints are the baseline's (document, rule, normalized excerpt), so a dashboard keeps
tracking a finding when lines move. Findings left out by an ignore file are written as
suppressed results with the reason as justification; with a baseline, reported results are
``baselineState: new``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from audit import __version__
from audit.report import writer
from audit.report.baseline import fingerprints, triage_of
from audit.report.locate import display_path, is_row, locate

if TYPE_CHECKING:
    from audit.checks.context import AuditedDocument
    from audit.checks.registry import Rule
    from audit.engine import Result
    from audit.model import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "sourceAudit/v1"
CONTEXT_LIMIT = 400  # characters of surrounding lines shown as a context region
PRETTY_LIMIT = 2000  # results up to which the log is indented


def _section(doc: str, title: str) -> str | None:
    """The body of a ``## title`` section of a rule's documentation."""
    m = re.search(rf"^##\s+{re.escape(title)}\s*\n(.*?)(?=^##\s|\Z)", doc, re.M | re.S)
    return m.group(1).strip() if m else None


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.doc or rule.summary
    full = _section(doc, "What it does") or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"category": rule.category.value, "scope": rule.scope,
                       "tags": [rule.category.value, rule.scope]},
    }


def _uri(path: str, cwd: Path) -> dict[str, Any]:
    shown = display_path(path, cwd) or path
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def _location(audited: AuditedDocument | None, document: str, start: int, end: int,
              cwd: Path) -> dict[str, Any]:
    if audited is None:
        return {"logicalLocations": [{"name": document, "kind": "object"}]}
    doc = audited.document
    if is_row(doc.path):
        logical = {"name": doc.id, "kind": "object",
                   "fullyQualifiedName": f"{display_path(doc.path) or ''}[{doc.id}]"}
        out: dict[str, Any] = {"logicalLocations": [logical]}
        if doc.path is not None:
            out["physicalLocation"] = {"artifactLocation": _uri(doc.path, cwd)}
        return out
    loc = locate(audited, start, end, cwd)
    text = audited.original
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column, "snippet": {"text": text[start:end]}}
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    context = text[line_start:line_end]
    physical: dict[str, Any] = {"artifactLocation": _uri(doc.path or doc.id, cwd),
                                "region": region}
    if len(context) <= CONTEXT_LIMIT:
        shift = loc.line - text.count("\n", 0, start)  # the file line of the text's line 1
        physical["contextRegion"] = {
            "startLine": text.count("\n", 0, line_start) + shift,
            "endLine": text.count("\n", 0, line_end) + shift,
            "snippet": {"text": context}}
    return {"physicalLocation": physical}


def _result(f: Finding, docs: dict[str, AuditedDocument], rule_index: dict[str, int],
            fp: str, cwd: Path) -> dict[str, Any]:
    message = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    properties: dict[str, Any] = {"category": f.category.value, "severity": f.severity.value,
                                  "document": f.document, "start": f.start, "end": f.end,
                                  "excerpt": f.excerpt}
    d = docs.get(f.document)
    if d is not None and is_row(d.document.path) and "row" in d.document.meta:
        properties["row"] = d.document.meta["row"]
    if f.suggestion:
        properties["suggestion"] = f.suggestion
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index[f.rule],
        "level": LEVELS[f.severity.value],
        "message": {"text": message},
        "locations": [_location(d, f.document, f.start, f.end, cwd)],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": properties,
    }
    related = []
    for i, r in enumerate(f.related, start=1):
        loc = _location(docs.get(r.document), r.document, r.start, r.end, cwd)
        related.append({"id": i, **loc, "message": {"text": f"{r.document}: {r.excerpt}"}})
    if related:
        out["relatedLocations"] = related
    return out


def to_sarif(result: Result, cwd: Path | None = None) -> dict[str, Any]:
    """The SARIF log of ``result`` as a JSON-ready mapping."""
    here = (cwd or Path.cwd()).resolve()
    docs = {d.id: d for d in result.documents}
    triage = triage_of(result)
    rules = dict(result.rules)
    suppressed = list(triage.ignored) if triage else []
    extra = {f.rule: f for f in result.findings if f.rule not in rules}
    extra.update({f.rule: f for f, _ in suppressed if f.rule not in rules})
    descriptors = [rule_descriptor(r) for r in rules.values()]
    descriptors += [{"id": code, "name": f.name, "shortDescription": {"text": f.name},
                     "properties": {"category": f.category.value}}
                    for code, f in sorted(extra.items())]
    rule_index = {d["id"]: i for i, d in enumerate(descriptors)}

    results = []
    prints = fingerprints(result)
    for f, (fp, _) in zip(result.findings, prints, strict=True):
        item = _result(f, docs, rule_index, fp, here)
        if triage is not None and triage.baseline is not None:
            item["baselineState"] = "new"
        results.append(item)
    for (f, entry), (fp, _) in zip(suppressed, fingerprints(result, [f for f, _ in suppressed]),
                                   strict=True):
        item = _result(f, docs, rule_index, fp, here)
        item["suppressions"] = [{"kind": "external", "status": "accepted",
                                 "justification": entry.reason}]
        results.append(item)

    notifications = [{"level": "warning", "message": {"text": e.message},
                      "locations": [{"physicalLocation": {"artifactLocation":
                                                          _uri(e.path, here)}}]}
                     for e in result.errors]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "source-audit", "version": __version__,
                            "semanticVersion": __version__, "rules": descriptors}},
        "originalUriBaseIds": {SRCROOT: {"uri": here.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True,
                         "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {"documents": len(result.documents),
                       "stories": [s.to_dict() for s in result.stories]},
    }
    if triage is not None:
        run["properties"]["triage"] = triage.to_dict()
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


@writer("sarif")
def write_sarif(result: Result, stream: TextIO) -> None:
    log = to_sarif(result)
    # Indented for people reading a small log; compact past that, where Python's indenting
    # encoder (pure Python) would take most of the time and double the size.
    indent = 2 if len(log["runs"][0]["results"]) <= PRETTY_LIMIT else None
    stream.write(json.dumps(log, ensure_ascii=False, indent=indent))
    stream.write("\n")
