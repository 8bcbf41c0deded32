"""The shared vocabulary: Document, Repair, Finding, Story and the Result they make up.

Every stage speaks these types and nothing else, so a stage can be replaced or run elsewhere
(a process pool, a Dask worker) without the others noticing. All of them are immutable.

Offsets are character offsets into ``Document.text``, the text *as loaded* (after decoding,
before any repair), unless a field says otherwise.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class Severity(enum.StrEnum):
    """How bad a finding is. Ordered: ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


class Category(enum.StrEnum):
    """The fixed set of problem kinds. New ones only by a deliberate decision (DESIGN.md)."""

    MOJIBAKE = "mojibake"
    BOILERPLATE = "boilerplate"
    MARKUP = "markup"
    DROPPED_NUMBER = "dropped-number"
    DROPPED_TEXT = "dropped-text"
    GARBLED_NAME = "garbled-name"
    NAME_VARIANT = "name-variant"
    FIGURE_CONFLICT = "figure-conflict"
    DATE_CONFLICT = "date-conflict"
    MIXED_LANGUAGE = "mixed-language"
    TRANSLATION_ARTIFACT = "translation-artifact"


@dataclass(frozen=True)
class Document:
    """One article or record as loaded.

    ``id`` is the path relative to the input root without extension, or the id column.
    ``published`` is a date when the source gave one we could parse.
    """

    id: str
    text: str
    source: str | None = None
    path: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    story: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Repair:
    """One replacement made by a normalizer.

    ``start``/``end`` locate ``before`` in the text the normalizer was given. In a
    document's trail (``AuditedDocument.repairs``) they are mapped back to the original text.
    ``confidence`` is below 1 where the repair guessed (a character inferred for a lost byte);
    ``meta`` holds normalizer-specific evidence such as the codec path.
    """

    normalizer: str
    start: int
    end: int
    before: str
    after: str
    reason: str
    confidence: float = 1.0
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "normalizer": self.normalizer,
            "start": self.start,
            "end": self.end,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "confidence": self.confidence,
        }
        if self.meta:
            out["meta"] = dict(self.meta)
        return out


@dataclass(frozen=True)
class Related:
    """A span in another document that supports or contradicts a finding."""

    document: str
    start: int
    end: int
    excerpt: str

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end,
                "excerpt": self.excerpt}


@dataclass(frozen=True)
class Finding:
    """One problem found, at a span of the original text of ``document``."""

    rule: str
    name: str
    category: Category
    severity: Severity
    document: str
    start: int
    end: int
    excerpt: str
    message: str
    related: tuple[Related, ...] = ()
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "related": [r.to_dict() for r in self.related],
            "suggestion": self.suggestion,
        }

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.document, self.start, self.end, self.rule)


@dataclass(frozen=True)
class Story:
    """Documents about one event, with what the cross-source stage aligned across them.

    ``claims`` is the claims matrix: one JSON-ready mapping per aligned figure::

        {"id": "c1", "counts": "homes destroyed", "conflict": true,
         "cells": {"<doc id>": {"text": "about 1,800", "low": 1700, "high": 1900,
                                "start": 10, "end": 21} or null}}

    ``names`` is the names table: one mapping per entity::

        {"id": "n1", "entity": "Rosemary Nalubega", "kind": "person",
         "spellings": {"<doc id>": ["badminton Nalubega"]}, "issues": ["garbled-name"]}
    """

    id: str
    documents: tuple[str, ...]
    method: str = "explicit"
    claims: tuple[Mapping[str, Any], ...] = ()
    names: tuple[Mapping[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "documents": list(self.documents), "method": self.method}


@dataclass(frozen=True)
class LoadError:
    """Input that could not be loaded. Names the file and, where known, the row or byte."""

    path: str
    message: str
    row: int | None = None
    offset: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.row is not None:
            where += f": row {self.row}"
        if self.offset is not None:
            where += f": byte {self.offset}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message, "row": self.row,
                "offset": self.offset}
