"""Baselines and ignore files: suppression that lives outside the articles.

We cannot write ``# noqa`` comments into other people's articles, so suppression is kept in
two sidecar files, applied to a Result after the checks:

- a **baseline** records the fingerprints of the findings a corpus has today, so CI fails on
  new findings only. A fingerprint is the document, the rule and the *normalized excerpt*:
  the damaged span with a little context from its own line of the repaired text, white space
  folded and case ignored. Offsets and line numbers are not part of it, so a finding keeps
  its fingerprint when paragraphs around it move. The same fingerprint may occur several
  times in one document; the baseline keeps the count (as PHPStan does), and findings beyond
  the recorded count are new. Baseline entries no longer found are listed as *fixed*.
- an **ignore file** (YAML) lists findings to leave out, each with a reason::

      ignore:
        - document: "harbor-fire/*"   # glob on the document id
          rule: B201                   # a code, a code prefix or a rule name
          excerpt: "Read also"         # optional: text the finding's excerpt contains
          reason: "that outlet's related-links block; reviewed 2024-05"

  An entry that matches no finding is *stale*, and reported, so the file does not rot. An
  entry (or a baseline entry) about a document or rule this run did not audit is neither
  stale nor fixed: it is simply not in play.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from audit.engine import Result
from audit.model import Finding

if TYPE_CHECKING:
    from audit.checks.context import AuditedDocument

BASELINE_SCHEMA = "source-audit/baseline@1"
# Context each side of the span that goes into a fingerprint, bounded by the span's line.
FINGERPRINT_CONTEXT = 24
_SPACE = re.compile(r"\s+")


class SuppressionError(ValueError):
    """A baseline or ignore file that cannot be used; the message names the file."""


def normalized_excerpt(audited: AuditedDocument | None, finding: Finding) -> str:
    """The part of a finding that identifies it when the text around it moves: its span
    (between ⟦ ⟧) with up to FINGERPRINT_CONTEXT characters each side, from its own line.
    """
    if audited is None:
        text = finding.excerpt.strip("…")
    else:
        repaired = audited.text
        rs, re_ = audited.to_repaired(finding.start, finding.end)
        line_start = repaired.rfind("\n", 0, rs) + 1
        line_end = repaired.find("\n", re_)
        line_end = len(repaired) if line_end == -1 else line_end
        # The excerpt stored in the Finding crosses line breaks; its context would change
        # when a neighbouring paragraph moves, so the fingerprint stays within the line.
        lo = max(line_start, rs - FINGERPRINT_CONTEXT)
        hi = min(max(line_end, re_), re_ + FINGERPRINT_CONTEXT)
        text = repaired[lo:rs] + "\u27e6" + repaired[rs:re_] + "\u27e7" + repaired[re_:hi]
    return _SPACE.sub(" ", text).strip().casefold()


def fingerprint(document: str, rule: str, excerpt: str) -> str:
    digest = hashlib.sha256("\x1f".join((document, rule, excerpt)).encode("utf-8"))
    return digest.hexdigest()[:20]


def fingerprints(result: Result, findings: Iterable[Finding] | None = None
                 ) -> list[tuple[str, str]]:
    """``(fingerprint, normalized excerpt)`` of each finding, in order."""
    docs = {d.id: d for d in result.documents}
    out = []
    for f in result.findings if findings is None else findings:
        excerpt = normalized_excerpt(docs.get(f.document), f)
        out.append((fingerprint(f.document, f.rule, excerpt), excerpt))
    return out


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    document: str
    rule: str
    excerpt: str
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class IgnoreEntry:
    document: str
    rule: str
    reason: str
    excerpt: str | None = None
    fingerprint: str | None = None
    index: int = 0  # position in the file, to name it in messages

    def matches(self, finding: Finding, finding_print: str) -> bool:
        if not fnmatch.fnmatchcase(finding.document, self.document):
            return False
        if not _rule_matches(self.rule, finding.rule, finding.name):
            return False
        if self.fingerprint is not None and self.fingerprint != finding_print:
            return False
        return self.excerpt is None or self.excerpt.casefold() in finding.excerpt.casefold()

    def to_dict(self) -> dict[str, Any]:
        out = {"document": self.document, "rule": self.rule, "reason": self.reason,
               "entry": self.index + 1}
        if self.excerpt is not None:
            out["excerpt"] = self.excerpt
        if self.fingerprint is not None:
            out["fingerprint"] = self.fingerprint
        return out

    def __str__(self) -> str:
        what = f"{self.rule} in {self.document}"
        if self.excerpt:
            what += f" containing {self.excerpt!r}"
        return f"entry {self.index + 1} ({what})"


def _rule_matches(pattern: str, code: str, name: str) -> bool:
    return pattern == name or code.upper().startswith(pattern.upper())


# --- files -----------------------------------------------------------------------------

def build_baseline(result: Result) -> list[BaselineEntry]:
    """The baseline entries for every finding of ``result``."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[Finding, str]] = {}
    for f, (fp, excerpt) in zip(result.findings, fingerprints(result), strict=True):
        counts[fp] += 1
        first.setdefault(fp, (f, excerpt))
    return [BaselineEntry(fp, f.document, f.rule, excerpt, counts[fp])
            for fp, (f, excerpt) in first.items()]


def write_baseline(result: Result) -> str:
    """The baseline file's text (JSON, sorted, so it diffs well under version control)."""
    entries = sorted(build_baseline(result), key=lambda e: (e.document, e.rule, e.excerpt))
    data = {"schema": BASELINE_SCHEMA, "findings": [e.to_dict() for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _parse_file(path: Path, kind: str, parse: Callable[[str], Any],
                errors: tuple[type[Exception], ...], invalid: str) -> Any:
    """``parse`` of the file's text; a missing or unreadable file is a SuppressionError
    (``invalid`` is its message, with ``{exc}`` for the parser's)."""
    try:
        return parse(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SuppressionError(f"{path}: no such {kind} file") from None
    except (*errors, UnicodeDecodeError) as exc:
        raise SuppressionError(f"{path}: " + invalid.format(exc=exc)) from None


def read_baseline(path: Path) -> list[BaselineEntry]:
    data = _parse_file(path, "baseline", json.loads, (json.JSONDecodeError,),
                       "not a baseline (invalid JSON: {exc})")
    if not isinstance(data, Mapping) or data.get("schema") != BASELINE_SCHEMA:
        raise SuppressionError(f"{path}: not a baseline (expected schema "
                               f"{BASELINE_SCHEMA!r}); write one with --write-baseline")
    entries = []
    for i, raw in enumerate(data.get("findings") or []):
        try:
            entries.append(BaselineEntry(str(raw["fingerprint"]), str(raw["document"]),
                                         str(raw["rule"]), str(raw.get("excerpt", "")),
                                         int(raw.get("count", 1))))
        except (KeyError, TypeError, ValueError):
            raise SuppressionError(f"{path}: finding {i + 1} needs fingerprint, document "
                                   "and rule") from None
    return entries


def read_ignore_file(path: Path) -> list[IgnoreEntry]:
    data = _parse_file(path, "ignore", yaml.safe_load, (yaml.YAMLError,),
                       "not valid YAML: {exc}")
    if isinstance(data, Mapping):
        data = data.get("ignore")
    if data is None:
        return []
    if not isinstance(data, list):
        raise SuppressionError(f"{path}: expected a list of entries under 'ignore'")
    entries = []
    for i, raw in enumerate(data):
        where = f"{path}: entry {i + 1}"
        if not isinstance(raw, Mapping):
            raise SuppressionError(f"{where}: expected a mapping with document, rule, reason")
        missing = [k for k in ("document", "rule", "reason")
                   if not str(raw.get(k) or "").strip()]
        if missing:
            raise SuppressionError(f"{where}: needs {', '.join(missing)} (every ignored "
                                   "finding states why)")
        unknown = set(raw) - {"document", "rule", "reason", "excerpt", "fingerprint"}
        if unknown:
            raise SuppressionError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        entries.append(IgnoreEntry(str(raw["document"]), str(raw["rule"]).strip(),
                                   str(raw["reason"]).strip(),
                                   str(raw["excerpt"]) if raw.get("excerpt") else None,
                                   str(raw["fingerprint"]) if raw.get("fingerprint") else None,
                                   i))
    return entries


# --- applying them ---------------------------------------------------------------------

@dataclass(frozen=True)
class Triage:
    """What the baseline and the ignore file did to a run's findings."""

    baseline: str | None = None
    ignore_file: str | None = None
    known: tuple[Finding, ...] = ()          # in the baseline and still found
    fixed: tuple[BaselineEntry, ...] = ()    # in the baseline, no longer found
    ignored: tuple[tuple[Finding, IgnoreEntry], ...] = ()
    stale: tuple[IgnoreEntry, ...] = ()      # ignore entries that matched nothing

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "ignore_file": self.ignore_file,
            "known": len(self.known),
            "fixed": [e.to_dict() for e in self.fixed],
            "ignored": [{"finding": f.to_dict(), "reason": e.reason, "entry": e.index + 1}
                        for f, e in self.ignored],
            "stale": [e.to_dict() for e in self.stale],
        }

    def summary_lines(self) -> list[str]:
        """Human-readable lines for stderr."""
        lines = []
        if self.baseline is not None:
            lines.append(f"baseline {self.baseline}: {len(self.known)} known finding(s) "
                         f"not reported, {len(self.fixed)} fixed")
            lines += [f"  fixed: {e.document}: {e.rule} {e.excerpt!r}"
                      + (f" (x{e.count})" if e.count > 1 else "") for e in self.fixed]
        if self.ignore_file is not None:
            entries = "entry" if len(self.stale) == 1 else "entries"
            lines.append(f"ignore file {self.ignore_file}: {len(self.ignored)} finding(s) "
                         f"ignored, {len(self.stale)} stale {entries}")
            lines += [f"  stale: {e} matches no finding; remove it" for e in self.stale]
        return lines


def _in_play(result: Result) -> tuple[set[str], Any]:
    audited = {d.id for d in result.documents}

    def rule_enabled(code: str) -> bool:
        return code in result.rules if result.rules else result.config.enabled(code)

    return audited, rule_enabled


def apply(result: Result, baseline: Sequence[BaselineEntry] | None = None,
          ignores: Sequence[IgnoreEntry] | None = None, *, baseline_name: str | None = None,
          ignore_name: str | None = None) -> TriagedResult:
    """A copy of ``result`` whose findings are only the new, not ignored ones.

    The copy is a ``TriagedResult``: a Result with a ``triage`` attribute (a Triage) that
    the writers report. Its ``fails()`` looks at the new findings only, so the exit code
    honours the baseline.
    """
    prints = [fp for fp, _ in fingerprints(result)]
    audited, rule_enabled = _in_play(result)

    kept: list[tuple[Finding, str]] = []
    ignored: list[tuple[Finding, IgnoreEntry]] = []
    found: Counter[str] = Counter(prints)  # ignored findings are not fixed ones
    used: set[int] = set()
    for f, fp in zip(result.findings, prints, strict=True):
        hits = [e for e in ignores or () if e.matches(f, fp)]
        if not hits:
            kept.append((f, fp))
        else:
            ignored.append((f, hits[0]))
            used.update(e.index for e in hits)  # an entry shadowed by another is not stale

    known: list[Finding] = []
    new: list[Finding] = []
    fixed: list[BaselineEntry] = []
    if baseline is None:
        new = [f for f, _ in kept]
    else:
        allowance = {e.fingerprint: e.count for e in baseline}
        seen: Counter[str] = Counter()
        for f, fp in kept:
            seen[fp] += 1
            (known if seen[fp] <= allowance.get(fp, 0) else new).append(f)
        for e in baseline:
            gone = e.count - found.get(e.fingerprint, 0)
            if gone > 0 and e.document in audited and rule_enabled(e.rule):
                fixed.append(dataclasses.replace(e, count=gone))

    stale = [e for e in ignores or () if e.index not in used and _ignore_in_play(e, audited,
                                                                                  result)]
    triage = Triage(baseline_name, ignore_name, tuple(known), tuple(fixed), tuple(ignored),
                    tuple(stale))
    return with_triage(result, new, triage)


def _ignore_in_play(entry: IgnoreEntry, audited: set[str], result: Result) -> bool:
    if not any(fnmatch.fnmatchcase(d, entry.document) for d in audited):
        return False
    codes = list(result.rules) if result.rules else None
    if codes is None:
        return True
    return any(_rule_matches(entry.rule, c, result.rules[c].name) for c in codes)


@dataclass
class TriagedResult(Result):
    """A Result after a baseline and an ignore file were applied: ``findings`` are the new,
    not ignored ones; ``triage`` says what happened to the others."""

    triage: Triage | None = None


def with_triage(result: Result, findings: list[Finding], triage: Triage) -> TriagedResult:
    """A shallow copy of ``result`` with other findings and the Triage that chose them."""
    fields = {f.name: getattr(result, f.name) for f in dataclasses.fields(Result)}
    return TriagedResult(**{**fields, "findings": findings}, triage=triage)


def triage_of(result: Result) -> Triage | None:
    """The Triage of a triaged Result; None for a Result straight from the engine."""
    return getattr(result, "triage", None)
