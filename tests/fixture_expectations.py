"""The bundled fixture corpora's expected findings, and how an audit Result is scored on them.

Each cluster folder under ``fixtures/`` holds an ``expected.yaml``::

    story: <story id>
    expected:                 # every finding a perfect tool gives
      - {document, category, evidence, scope: document | cross, note}
    must_not:                 # tempting false alarms
      - {document, category, evidence, note}
    clean: [<doc ids that must get no warning or error at all>]

``evidence`` is an exact substring of the document's original text (as loaded); its first
occurrence is the span it names.

Matching. A finding meets an expectation when the document and the category agree and the
finding's original-text span ``[start, end)`` overlaps the evidence's span, or the evidence
appears in the finding's excerpt. A ``cross`` expectation that repeats a ``document``
expectation (same document, category and evidence: a gap in one source that the other
sources also expose) is met only by a finding that cites other sources (``related``), so a
single per-document finding cannot satisfy both.

False alarms are findings that overlap a ``must_not`` span with its category (span overlap
only: an excerpt's context can reach into a neighbouring, real problem), and any warning or
error on a ``clean`` document. A false alarm belongs to the scope of the rule that produced
it (story rules are ``cross``, document rules ``document``).

Document ids are those of a load of the whole ``fixtures/`` folder (``ferry-seraya/tidewire``).
A Result loaded from one cluster folder names its documents without the cluster prefix; the
scorer adds it back, using the document's path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from audit.io import load
from audit.model import Category, Document, Finding, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CATEGORIES = frozenset(c.value for c in Category)
SCOPES = ("document", "cross")
# Where a finding from a rule we cannot look up most likely comes from.
CROSS_CATEGORIES = frozenset({"garbled-name", "name-variant", "figure-conflict",
                              "date-conflict", "translation-artifact"})
_TOP_KEYS = {"story", "expected", "must_not", "clean"}
_EXPECTED_KEYS = {"document", "category", "evidence", "scope", "note"}
_MUST_NOT_KEYS = {"document", "category", "evidence", "note"}


class ExpectationError(ValueError):
    """An ``expected.yaml`` that is malformed or does not fit its documents."""


@dataclass(frozen=True)
class Expectation:
    """A finding a perfect tool gives, located at the evidence's first occurrence."""

    cluster: str
    document: str
    category: str
    evidence: str
    scope: str
    start: int
    end: int
    note: str | None = None
    needs_related: bool = False

    def describe(self) -> str:
        note = f"  ({self.note})" if self.note else ""
        return (f"{self.document} [{self.category}, {self.scope}] {self.evidence!r} "
                f"at {self.start}-{self.end}{note}")


@dataclass(frozen=True)
class MustNot:
    """A tempting false alarm: no finding of ``category`` may overlap this span."""

    cluster: str
    document: str
    category: str
    evidence: str
    start: int
    end: int
    note: str | None = None


@dataclass
class Cluster:
    name: str
    path: Path
    story: str
    expected: list[Expectation]
    must_not: list[MustNot]
    clean: list[str]
    documents: dict[str, Document]


@dataclass(frozen=True)
class FalseAlarm:
    finding: Finding
    reason: str

    def describe(self) -> str:
        f = self.finding
        return (f"{f.document} {f.rule} [{f.category.value}, {f.severity.value}] "
                f"{f.start}-{f.end} {f.excerpt!r}: {self.reason}")


@dataclass
class Score:
    """Recall on the expectations of one scope, and the false alarms of that scope."""

    scope: str | None
    clusters: list[str]
    expected: int
    matched: int
    misses: list[Expectation] = field(default_factory=list)
    false_alarms: list[FalseAlarm] = field(default_factory=list)
    # Warnings and errors that meet no expectation on a document that is not clean: shown,
    # not counted (the expectations list what must be found, not all a tool may say).
    unexpected: list[Finding] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def ok(self) -> bool:
        return not self.misses and not self.false_alarms

    def summary(self) -> str:
        return (f"{', '.join(self.clusters) or 'no clusters'} [{self.scope or 'all'}]: "
                f"recall {self.recall:.0%} ({self.matched}/{self.expected}), "
                f"{len(self.false_alarms)} false alarm(s), {len(self.unexpected)} unexpected "
                "warning(s) or error(s) not counted")

    def report(self) -> str:
        lines = [self.summary()]
        if self.misses:
            lines.append(f"missed ({len(self.misses)}):")
            lines += [f"  - {m.describe()}" for m in self.misses]
        if self.false_alarms:
            lines.append(f"false alarms ({len(self.false_alarms)}):")
            lines += [f"  - {a.describe()}" for a in self.false_alarms]
        if self.unexpected:
            lines.append(f"unexpected, not counted ({len(self.unexpected)}):")
            lines += [f"  - {FalseAlarm(f, f.message).describe()}" for f in self.unexpected]
        return "\n".join(lines)

    __str__ = report


# --- loading and validation ---------------------------------------------------------------

def cluster_dirs(root: Path = FIXTURES) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/expected.yaml"))


def cluster_names(root: Path = FIXTURES) -> list[str]:
    return [p.name for p in cluster_dirs(root)]


def load_clusters(root: Path = FIXTURES) -> list[Cluster]:
    """Every cluster under ``root``, validated. Raises ExpectationError listing all problems."""
    loaded = load(root)
    if loaded.errors:
        raise ExpectationError("fixtures do not load cleanly:\n"
                               + "\n".join(f"  {e}" for e in loaded.errors))
    docs = {d.id: d for d in loaded.documents}
    return [_load_cluster(path, docs) for path in cluster_dirs(root)]


def load_cluster(name: str, root: Path = FIXTURES) -> Cluster:
    for cluster in load_clusters(root):
        if cluster.name == name:
            return cluster
    raise KeyError(name)


def _load_cluster(path: Path, docs: dict[str, Document]) -> Cluster:
    name = path.name
    problems: list[str] = []
    raw = yaml.safe_load((path / "expected.yaml").read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise ExpectationError(f"{path}/expected.yaml: not a mapping")
    unknown = set(raw) - _TOP_KEYS
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    story = raw.get("story")
    if not isinstance(story, str) or not story:
        problems.append("'story' must be a non-empty string")
    mine = {i: d for i, d in docs.items() if i.startswith(name + "/")}

    def locate(kind: str, n: int, entry: Any, keys: set[str], required: Sequence[str]
               ) -> tuple[str, str, str, int, int] | None:
        where = f"{kind}[{n}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a mapping")
            return None
        if set(entry) - keys:
            problems.append(f"{where}: unknown keys {sorted(set(entry) - keys)}")
        missing = [k for k in required if not entry.get(k)]
        if missing:
            problems.append(f"{where}: missing {missing}")
            return None
        doc_id, category, evidence = entry["document"], entry["category"], entry["evidence"]
        if category not in CATEGORIES:
            problems.append(f"{where}: unknown category {category!r}")
        if entry.get("scope") is not None and entry["scope"] not in SCOPES:
            problems.append(f"{where}: scope must be one of {SCOPES}")
        doc = mine.get(doc_id)
        if doc is None:
            problems.append(f"{where}: no document {doc_id!r} in {name}/ "
                            f"(have: {', '.join(sorted(mine))})")
            return None
        start = doc.text.find(evidence)
        if start == -1:
            problems.append(f"{where}: evidence {evidence!r} is not in {doc_id}")
            return None
        return doc_id, category, evidence, start, start + len(evidence)

    expected: list[Expectation] = []
    for n, entry in enumerate(raw.get("expected") or []):
        got = locate("expected", n, entry, _EXPECTED_KEYS,
                     ("document", "category", "evidence", "scope"))
        if got:
            expected.append(Expectation(name, *got[:3], scope=entry["scope"], start=got[3],
                                        end=got[4], note=entry.get("note")))
    must_not: list[MustNot] = []
    for n, entry in enumerate(raw.get("must_not") or []):
        got = locate("must_not", n, entry, _MUST_NOT_KEYS, ("document", "category",
                                                            "evidence"))
        if got:
            must_not.append(MustNot(name, *got, note=entry.get("note")))
    clean = list(raw.get("clean") or [])
    for doc_id in clean:
        if doc_id not in mine:
            problems.append(f"clean: no document {doc_id!r}")
        if any(e.document == doc_id for e in expected):
            problems.append(f"clean: {doc_id} also has expected findings")
    keys = [(e.document, e.category, e.evidence, e.scope) for e in expected]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"expected: duplicate entry {key}")
    for m in must_not:
        for e in expected:
            if (e.document, e.category) == (m.document, m.category) and _overlap(
                    m.start, m.end, e.start, e.end):
                problems.append(f"must_not {m.evidence!r} contradicts expected {e.evidence!r} "
                                f"({m.document}, {m.category})")
    if problems:
        raise ExpectationError(f"{path}/expected.yaml:\n" + "\n".join(f"  {p}"
                                                                      for p in problems))
    in_document = {(e.document, e.category, e.evidence) for e in expected
                   if e.scope == "document"}
    expected = [replace(e, needs_related=e.scope == "cross"
                        and (e.document, e.category, e.evidence) in in_document)
                for e in expected]
    return Cluster(name, path, str(story), expected, must_not, clean, mine)


# --- matching -------------------------------------------------------------------------------

def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end:  # an insertion point (a gap) touches a span it lies in or borders
        return b_start <= a_start <= b_end
    return a_start < b_end and b_start < a_end


def meets(finding: Finding, expectation: Expectation, document: str | None = None) -> bool:
    """Whether ``finding`` (on ``document``, default its own id) meets ``expectation``."""
    if (document or finding.document) != expectation.document:
        return False
    if finding.category.value != expectation.category:
        return False
    if expectation.needs_related and not finding.related:
        return False
    return (_overlap(finding.start, finding.end, expectation.start, expectation.end)
            or expectation.evidence in finding.excerpt)


def hits(finding: Finding, must_not: MustNot, document: str | None = None) -> bool:
    """Whether ``finding`` is the false alarm ``must_not`` describes (span overlap only)."""
    return ((document or finding.document) == must_not.document
            and finding.category.value == must_not.category
            and _overlap(finding.start, finding.end, must_not.start, must_not.end))


def finding_scope(finding: Finding, rules: dict[str, Any] | None = None) -> str:
    """``cross`` for a finding of a story rule, ``document`` for a document rule (``rules``
    is ``Result.rules``); by category for a rule it does not list."""
    rule = (rules or {}).get(finding.rule)
    if rule is not None:
        return "cross" if rule.scope == "story" else "document"
    return "cross" if finding.category.value in CROSS_CATEGORIES else "document"


def fixture_ids(result: Any, root: Path = FIXTURES) -> dict[str, str]:
    """Map each fixture document of ``result`` to its id in a load of the whole ``root``."""
    out: dict[str, str] = {}
    for audited in result.documents:
        doc = audited.document
        if not doc.path:
            continue
        try:
            rel = Path(doc.path).resolve().relative_to(root.resolve())
        except ValueError:
            continue
        cluster = rel.parts[0]
        out[doc.id] = doc.id if doc.id.startswith(cluster + "/") else f"{cluster}/{doc.id}"
    return out


def score(result: Any, scope: str | None = None, clusters: Iterable[str] | None = None,
          root: Path = FIXTURES, loaded: Sequence[Cluster] | None = None) -> Score:
    """Score ``result`` (an ``audit.engine.Result``) against the fixtures' expectations.

    ``scope`` is ``document``, ``cross`` or None (both). ``clusters`` defaults to every
    cluster with a document in ``result``.
    """
    if scope not in (None, *SCOPES):
        raise ValueError(f"scope must be one of {SCOPES} or None")
    ids = fixture_ids(result, root)
    all_clusters = list(loaded) if loaded is not None else load_clusters(root)
    if clusters is None:
        present = {i.split("/", 1)[0] for i in ids.values()}
        chosen = [c for c in all_clusters if c.name in present]
    else:
        wanted = list(clusters)
        chosen = [c for c in all_clusters if c.name in wanted]
        if len(chosen) != len(wanted):
            raise KeyError(f"unknown cluster(s): {set(wanted) - {c.name for c in chosen}}")
    names = {c.name for c in chosen}
    findings = [(f, ids[f.document]) for f in result.findings if f.document in ids
                and ids[f.document].split("/", 1)[0] in names]
    rules = getattr(result, "rules", None) or {}

    expectations = [e for c in chosen for e in c.expected if scope in (None, e.scope)]
    misses = [e for e in expectations if not any(meets(f, e, doc) for f, doc in findings)]
    alarms: list[FalseAlarm] = []
    unexpected: list[Finding] = []
    every = [e for c in chosen for e in c.expected]
    must_not = [m for c in chosen for m in c.must_not]
    clean = {d for c in chosen for d in c.clean}
    for f, doc in findings:
        if scope is not None and finding_scope(f, rules) != scope:
            continue
        for m in must_not:
            if hits(f, m, doc):
                alarms.append(FalseAlarm(f, f"must not: {m.evidence!r}"
                                         + (f" ({m.note})" if m.note else "")))
                break
        else:
            if doc in clean and f.severity.at_least(Severity.WARNING):
                alarms.append(FalseAlarm(f, "a warning or error on a clean document"))
            elif f.severity.at_least(Severity.WARNING) and not any(meets(f, e, doc)
                                                                   for e in every):
                unexpected.append(f)
    return Score(scope, sorted(names), len(expectations), len(expectations) - len(misses),
                 misses, alarms, unexpected)
