"""The data the HTML report's script renders: a compact, JSON-ready view of a Result.

Findings are arrays rather than objects (20,000 findings repeat their keys 20,000 times
otherwise), rules, severities, categories and documents are referred to by index. Repairs
are merged into non-overlapping *units* in original offsets, each with the text it became,
so the page can show ``before → after`` in place without knowing the offset maps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.model import Category, Document, Repair, Severity
from audit.report.locate import display_path, is_row, line_col

if TYPE_CHECKING:
    from audit.checks.context import AuditedDocument
    from audit.engine import Result

SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]
CATEGORIES = [c.value for c in Category]
# Column order of a finding row; the script reads the same names from FINDING_COLUMNS.
FINDING_COLUMNS = ("rule", "severity", "category", "doc", "start", "end", "line", "col",
                   "message", "excerpt", "suggestion", "related")


def repair_units(audited: AuditedDocument) -> list[list[Any]]:
    """``[start, end, after, label]`` per group of overlapping repairs, in original offsets.

    Repairs made by later steps can overlap earlier ones once mapped back to the original
    text; such a group is shown as one replacement, and the text it became is read from the
    repaired text through the offset map.
    """
    groups: list[list[Repair]] = []
    for r in sorted(audited.repairs, key=lambda r: (r.start, r.end)):
        if groups and r.start < max(x.end for x in groups[-1]):
            groups[-1].append(r)
        else:
            groups.append([r])
    original, repaired = audited.original, audited.text
    units = []
    for group in groups:
        start, end = group[0].start, max(r.end for r in group)
        only = group[0]
        if len(group) == 1 and original[start:end] == only.before:
            after = only.after
        else:
            rs, re_ = audited.to_repaired(start, end)
            after = repaired[rs:re_]
        label = "; ".join(f"{r.normalizer}: {r.reason}" for r in group)
        units.append([start, end, after, label])
    return units


def _document(audited: AuditedDocument | None, doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "path": display_path(doc.path),
        "lang": (audited.language if audited else None) or doc.language,
        "story": doc.story,
        "published": doc.published.isoformat() if doc.published else None,
        "url": doc.url,
        "text": doc.text,
        "row": is_row(doc.path),
        "repairs": repair_units(audited) if audited else [],
    }


def _jsonable(value: Any) -> Any:
    """Claims and names come from another stage as JSON-ready mappings; make sure of it."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def build(result: Result, triage: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report's data for ``result``."""
    docs = [_document(d, d.document) for d in result.documents]
    doc_index = {d.id: i for i, d in enumerate(result.documents)}
    texts = {d.id: d for d in result.documents}

    def index_of(doc_id: str) -> int:
        # A finding or story may name a document the Result does not hold (a filtered
        # run); give it an empty entry so the page can still show its id.
        if doc_id not in doc_index:
            doc_index[doc_id] = len(docs)
            docs.append(_document(None, Document(id=doc_id, text="")))
        return doc_index[doc_id]

    rules: list[list[Any]] = []
    rule_index: dict[str, int] = {}

    def rule_of(code: str, name: str, category: str, summary: str = "") -> int:
        if code not in rule_index:
            rule_index[code] = len(rules)
            rules.append([code, name, summary, CATEGORIES.index(category)])
        return rule_index[code]

    for r in result.rules.values():
        rule_of(r.code, r.name, r.category.value, r.summary)

    findings = []
    for f in result.findings:
        d = texts.get(f.document)
        line, col = (line_col(d.original, f.start,
                              0 if is_row(d.document.path)
                              else int(d.document.meta.get("line_offset", 0) or 0))
                     if d is not None else (0, 0))
        related = [[index_of(r.document), r.start, r.end, r.excerpt] for r in f.related]
        findings.append([rule_of(f.rule, f.name, f.category.value),
                         SEVERITIES.index(f.severity.value), CATEGORIES.index(f.category.value),
                         index_of(f.document), f.start, f.end, line, col, f.message,
                         f.excerpt, f.suggestion, related])

    stories = []
    covered: set[str] = set()
    for s in result.stories:
        members = [index_of(i) for i in s.documents]
        covered.update(s.documents)
        stories.append({"id": s.id, "method": s.method, "docs": members,
                        "claims": _jsonable(list(s.claims)), "names": _jsonable(list(s.names))})
    taken = {s["id"] for s in stories}
    for d in result.documents:
        if d.id not in covered:
            # A document outside every story still gets a page; its id names it unless a
            # story already has that name.
            sid = d.id if d.id not in taken else f"{d.id} (document)"
            taken.add(sid)
            stories.append({"id": sid, "method": "single", "docs": [doc_index[d.id]],
                            "claims": [], "names": []})
    return {
        "format": 1,
        "tool": {"name": "source-audit", "version": __version__},
        "severities": SEVERITIES,
        "categories": CATEGORIES,
        "columns": list(FINDING_COLUMNS),
        "rules": rules,
        "docs": docs,
        "stories": stories,
        "findings": findings,
        "errors": [str(e) for e in result.errors],
        "triage": _jsonable(triage) if triage is not None else None,
    }
