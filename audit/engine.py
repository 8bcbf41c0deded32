"""The pipeline runner: load → normalize → check documents → group → cross-check → Result.

``audit_document`` is the per-document unit of work (normalize, detect the language, run
every document rule). It is a pure function of picklable inputs, so a backend can map it
over a process pool or a Dask cluster; ``run`` is the local backend. Stages only ever look
forward: a check sees the normalized document, never the loader, and the reporters see only
the Result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from typing import Any

from audit.checks import registry
from audit.checks.context import (
    AuditedDocument,
    DocumentContext,
    StoryContext,
    to_finding,
)
from audit.config import Config
from audit.model import Document, Finding, LoadError, Severity, Story
from audit.normalize import Normalizer, default_chain, normalize, registered

Progress = Callable[[int], None]


@dataclass
class Result:
    """Everything one audit produced; the only thing reporters read."""

    documents: list[AuditedDocument]
    stories: list[Story]
    findings: list[Finding]
    errors: list[LoadError] = field(default_factory=list)
    rules: dict[str, registry.Rule] = field(default_factory=dict)
    config: Config = field(default_factory=Config)

    def document(self, doc_id: str) -> AuditedDocument:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str | None = None) -> bool:
        """Whether any finding is at or above ``fail_on`` (default: the configuration's)."""
        level = fail_on or self.config.fail_on
        if level == "never":
            return False
        threshold = Severity(level)
        return any(f.severity.at_least(threshold) for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The ``source-audit/findings@1`` document (DESIGN.md), plus additive keys."""
        return {
            "schema": "source-audit/findings@1",
            "documents": [d.to_dict() for d in self.documents],
            "stories": [
                {**s.to_dict(), "claims": [dict(c) for c in s.claims],
                 "names": [dict(n) for n in s.names]}
                for s in self.stories
            ],
            "findings": [f.to_dict() for f in self.findings],
            "errors": [e.to_dict() for e in self.errors],
        }


def detect_language(text: str) -> str | None:
    """The language of a whole document; the document stage refines it per paragraph."""
    from audit import language

    return language.detect_document(text)


def audit_document(document: Document, config: Config,
                   rules: Sequence[registry.Rule] | None = None
                   ) -> tuple[AuditedDocument, list[Finding]]:
    """Normalize one document and run the document rules on it."""
    normalized = normalize(document.text, chain(config.normalizers))
    audited = AuditedDocument(document, normalized,
                              language=document.language or detect_language(normalized.text))
    ctx = DocumentContext(audited, options={"language": config.language})
    findings: list[Finding] = []
    for rule in rules if rules is not None else enabled_rules(config, "document"):
        for hit in rule.check(ctx):
            own = registry.get(hit.rule) if hit.rule else rule
            if hit.rule and not config.enabled(own.code):
                continue
            findings.append(to_finding(own, hit, audited,
                                       config.severity_of(own.code, own.severity)))
    return audited, findings


@lru_cache(maxsize=8)
def chain(optional: tuple[str, ...] = ()) -> list[Normalizer]:
    """The default normalizers and the optional ones ``optional`` names, in order."""
    steps = default_chain() + [registered()[name] for name in optional]
    return sorted(steps, key=lambda n: (n.order, n.name))


def enabled_rules(config: Config, scope: str) -> list[registry.Rule]:
    registry.load_rule_paths(config.rule_paths)
    return [r for r in registry.iter_rules(scope) if r.check and config.enabled(r.code)]


def cross_check(audited: Sequence[AuditedDocument], stories: Sequence[Story], config: Config
                ) -> tuple[list[Story], list[Finding]]:
    """Run the story rules over each story; the cross stage may enrich the Story."""
    from audit.checks import cross

    by_id = {d.id: d for d in audited}
    out_stories: list[Story] = []
    findings: list[Finding] = []
    rules = enabled_rules(config, "story")
    for story in stories:
        members = [by_id[i] for i in story.documents if i in by_id]
        ctx = StoryContext(story.id, members, options={"language": config.language})
        out_stories.append(cross.enrich(story, ctx))
        for rule in rules:
            for hit in rule.check(ctx):
                own = registry.get(hit.rule) if hit.rule else rule
                if not config.enabled(own.code) or hit.document is None:
                    continue
                findings.append(to_finding(own, hit, by_id[hit.document],
                                           config.severity_of(own.code, own.severity)))
    return out_stories, findings


def _audit_in_worker(document: Document, config: Config
                     ) -> tuple[AuditedDocument, list[Finding]]:
    # A worker process builds its own registry (rules hold functions, which are imported,
    # not pickled).
    return audit_document(document, config)


def map_documents(documents: Iterable[Document], config: Config, jobs: int = 1
                  ) -> Iterator[tuple[AuditedDocument, list[Finding]]]:
    """The document stage over many documents, in input order: one process, or a pool."""
    if jobs <= 1:
        rules = enabled_rules(config, "document")
        for doc in documents:
            yield audit_document(doc, config, rules)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_audit_in_worker, documents, repeat(config), chunksize=8)


def run(documents: Iterable[Document], config: Config | None = None, *,
        errors: Sequence[LoadError] = (), progress: Progress | None = None,
        jobs: int = 1) -> Result:
    """Audit ``documents`` on this machine (``jobs`` > 1: in a process pool)."""
    from audit import stories as story_stage

    config = config or Config()
    audited: list[AuditedDocument] = []
    findings: list[Finding] = []
    for one, found in map_documents(documents, config, jobs):
        audited.append(one)
        findings.extend(found)
        if progress:
            progress(1)
    grouped = story_stage.group(audited)
    stories, cross_findings = cross_check(audited, grouped, config)
    findings.extend(cross_findings)
    findings.sort(key=lambda f: f.sort_key)
    used = {r.code: r for r in registry.all_rules().values() if config.enabled(r.code)}
    return Result(audited, stories, _dedupe(findings), list(errors), used, config)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """Drop exact repeats, and merge a finding of one category on an overlapping span of
    one document when only one of them carries other sources' evidence (a gap flagged by a
    document rule and by the cross-source stage is one problem): the first keeps its rule
    and gains the other's related spans and suggestion.
    ``findings`` must be sorted by ``sort_key``."""
    out: list[Finding] = []
    open_by_category: dict[tuple[str, str], int] = {}
    for f in findings:
        key = (f.document, f.category.value)
        i = open_by_category.get(key)
        if i is not None:
            prev = out[i]
            overlaps = f.start < prev.end and prev.start < f.end
            same = (f.start, f.end, f.rule, f.message) == (prev.start, prev.end, prev.rule,
                                                           prev.message)
            # Two document rules on one span say different things; keep both. A finding
            # with other sources' evidence (related) supports the one already there.
            supports = bool(f.related) != bool(prev.related)
            if same or (overlaps and f.rule != prev.rule and supports):
                related = prev.related + tuple(r for r in f.related if r not in prev.related)
                severity = prev.severity if prev.severity.at_least(f.severity) else f.severity
                out[i] = replace(prev, related=related, severity=severity,
                                 suggestion=prev.suggestion or f.suggestion)
                continue
        open_by_category[key] = len(out)
        out.append(f)
    return out
