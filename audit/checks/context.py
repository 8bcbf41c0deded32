"""What a check sees, and how its Hits become Findings.

Checks are pure functions of a context; they never know whether they run locally, in a
process pool or on a Dask worker (the engine decides). A ``DocumentContext`` holds one
document as loaded and as repaired; a ``StoryContext`` holds the documents of one story.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from audit.checks.registry import Hit, Rule
from audit.model import Document, Finding, Related, Repair, Severity
from audit.normalize import Normalized

EXCERPT_CONTEXT = 40
_SPACE = re.compile(r"\s+")


def excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """A readable one-line excerpt of ``text[start:end]`` with some context on each side.

    Context is cut at word boundaries; an ellipsis marks a cut. White space runs are shown
    as they are inside the span (a double space is evidence of a dropped number) and folded
    in the context.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left_from = max(0, start - context)
    if left_from > 0:
        space = text.find(" ", left_from, start)
        left_from = space + 1 if space != -1 else left_from
    right_to = min(len(text), end + context)
    if right_to < len(text):
        space = text.rfind(" ", end, right_to)
        right_to = space if space != -1 else right_to
    left = _SPACE.sub(" ", text[left_from:start]).lstrip()
    right = _SPACE.sub(" ", text[end:right_to]).rstrip()
    middle = text[start:end].replace("\n", " ")
    return (("…" if left_from > 0 else "") + left + middle + right
            + ("…" if right_to < len(text) else ""))


@dataclass
class AuditedDocument:
    """A document after normalization: what every later stage works on."""

    document: Document
    normalized: Normalized
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        """The repaired text."""
        return self.normalized.text

    @property
    def original(self) -> str:
        return self.document.text

    @property
    def repairs(self) -> tuple[Repair, ...]:
        return self.normalized.repairs

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.normalized.offsets.span_to_original(start, end)

    def to_repaired(self, start: int, end: int) -> tuple[int, int]:
        return self.normalized.offsets.span_to_repaired(start, end)

    def related(self, start: int, end: int) -> Related:
        """A Related pointing at a span of this document's repaired text."""
        a, b = self.to_original(start, end)
        return Related(self.id, a, b, excerpt(self.text, start, end))

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "id": d.id, "path": d.path, "source": d.source, "url": d.url,
            "published": d.published.isoformat() if d.published else None,
            "language": self.language or d.language, "story": d.story,
            "repairs": [r.to_dict() for r in self.repairs],
        }


@dataclass
class DocumentContext:
    """One document for the document checks. ``cache`` lets checks share costly work."""

    audited: AuditedDocument
    options: Mapping[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def document(self) -> Document:
        return self.audited.document

    @property
    def text(self) -> str:
        return self.audited.text

    @property
    def original(self) -> str:
        return self.audited.original

    @property
    def repairs(self) -> tuple[Repair, ...]:
        return self.audited.repairs

    @property
    def language(self) -> str | None:
        return self.audited.language or self.document.language

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of the repaired text's paragraphs (blank-line or line separated blocks)."""
        return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*",
                                                          self.text)]


@dataclass
class StoryContext:
    """The documents of one story for the cross-source checks."""

    story_id: str
    documents: Sequence[AuditedDocument]
    options: Mapping[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)

    def get(self, doc_id: str) -> AuditedDocument:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)


def to_finding(rule: Rule, hit: Hit, audited: AuditedDocument,
               severity: Severity | None = None) -> Finding:
    """Locate a Hit in the original text and give it a readable excerpt."""
    if hit.coords == "original":
        start, end = hit.start, hit.end
        rs, re_ = audited.to_repaired(start, end)
    else:
        rs, re_ = hit.start, hit.end
        start, end = audited.to_original(rs, re_)
    return Finding(
        rule=rule.code,
        name=rule.name,
        category=rule.category,
        severity=severity or rule.severity,
        document=audited.id,
        start=start,
        end=end,
        excerpt=excerpt(audited.text, rs, re_),
        message=hit.message,
        related=hit.related,
        suggestion=hit.suggestion,
    )
