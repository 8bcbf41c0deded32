"""Declarative rule sets: YAML files under ``rules/<style>/`` that become registered rules.

A file holds one rule set::

    style: core                 # optional, defaults to the folder name
    language: en                # rules run on documents in this language (or unknown)
    rules:
      - code: D301
        name: quantifier-without-number
        type: sequence           # existence | substitution | sequence (see types.py)
        category: dropped-number
        level: error             # error | warning | info
        scope: [sentence, ~heading]
        message: "'{match}' has no number after the quantifier"
        summary: A quantifier or comparative with no number after it.
        description: What the rule does (## What it does).
        why: Why it matters (## Why is this bad?).
        suggestion: Restore the number from another source.
        exceptions: ['regex', ...] # a hit overlapping a match of one of these is skipped
        examples:
          - {bad: "More than  were rescued.", good: "More than 200 were rescued."}
        tokens: [...]

A file with a top-level ``code`` is a single rule (Vale's one-rule-per-file layout).
Third parties ship rule sets through ``rule-paths`` in the configuration, or through the
``source_audit.rule_sets`` entry point group (a path, or a function returning one).
Lexicon references (``lexicon: quantifiers#strict``) are looked up in ``lexicons/`` next to
the rule set or its parent folder first, then in the built-in ``rules/lexicons``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import yaml

from audit import lexicons
from audit.checks import units
from audit.checks.context import DocumentContext
from audit.checks.declarative.types import Matcher, RuleSpecError, compile_rule
from audit.checks.registry import Example, Hit, Rule
from audit.model import Category, Severity

__all__ = ["RuleSetError", "load_default_rule_sets", "load_rule_set", "rule_from_spec"]

ENTRY_POINT_GROUP = "source_audit.rule_sets"
LEVELS = ("error", "warning", "info")
_KNOWN = {"code", "name", "type", "category", "level", "scope", "message", "summary",
          "description", "why", "suggestion", "exceptions", "examples", "language",
          "tokens", "raw", "lexicons", "swap", "sequences", "ignorecase", "nonword", "link"}


class RuleSetError(ValueError):
    """A rule set file that cannot be used; names the file and the rule."""


def _doc(spec: Mapping[str, Any], summary: str, examples: Sequence[Example],
         where: str, language: str) -> str:
    """Documentation in ruff's shape, so ``explain`` shows YAML and Python rules alike."""
    parts = [summary, "", "## What it does", str(spec.get("description") or summary).strip()]
    if spec.get("why"):
        parts += ["", "## Why is this bad?", str(spec["why"]).strip()]
    if examples:
        parts += ["", "## Example", "```text", examples[0].bad, "```"]
        if examples[0].good is not None:
            parts += ["", "## Use instead", "```text", examples[0].good, "```"]
    parts += ["", f"Declarative {spec['type']} rule ({language}), scope "
              f"{spec.get('scope', 'sentence')}; defined in {where}."]
    if spec.get("link"):
        parts.append(f"See {spec['link']}.")
    return "\n".join(parts)


def _message(template: str, match: str, replacement: str | None) -> str:
    shown = re.sub(r"\s*\n\s*", " ", match).strip()
    out = template.replace("{match}", shown).replace("%s", shown)
    return out.replace("{replacement}", replacement or "")


def _make_check(spec: Mapping[str, Any], matchers: Sequence[Matcher],
                languages: Sequence[str], scope: tuple[str, tuple[str, ...], tuple[str, ...]]):
    unit, include, exclude = scope
    flags = re.I if spec.get("ignorecase") else 0
    exceptions = [re.compile(str(e), flags) for e in spec.get("exceptions") or []]
    template = str(spec["message"])
    static_suggestion = spec.get("suggestion")

    def check(ctx: DocumentContext) -> Iterator[Hit]:
        if languages and units.lang(ctx) not in languages:
            return
        text = ctx.text
        for us, ue in units.select(ctx, unit, include, exclude):
            skip = [(m.start(), m.end()) for e in exceptions for m in e.finditer(text, us, ue)]
            for matcher in matchers:
                for m in matcher.pattern.finditer(text, us, ue):
                    start, end = m.span()
                    spans = [m.span(g) for g in matcher.marked if m.start(g) != -1]
                    if spans:
                        start, end = min(s for s, _ in spans), max(e for _, e in spans)
                    if any(start < e and s < end for s, e in skip):
                        continue
                    replacement = (m.expand(matcher.replacement)
                                   if matcher.replacement is not None else None)
                    suggestion = (f"Use '{replacement}'" if replacement is not None
                                  else static_suggestion)
                    yield Hit(start, end, _message(template, m.group(), replacement),
                              suggestion=suggestion)

    return check


def rule_from_spec(spec: Mapping[str, Any], *, where: str, language: str | None = None,
                   roots: Sequence[Path] = ()) -> Rule:
    """Compile one rule mapping. Raises ``RuleSetError`` naming ``where`` and the code."""
    code = spec.get("code", "?") if isinstance(spec, Mapping) else "?"
    try:
        if not isinstance(spec, Mapping):
            raise RuleSpecError("a rule is a mapping")
        unknown = set(spec) - _KNOWN
        if unknown:
            raise RuleSpecError(f"unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("code", "name", "type", "category", "message"):
            if not spec.get(key):
                raise RuleSpecError(f"'{key}' is required")
        level = spec.get("level", "warning")
        if level not in LEVELS:
            raise RuleSpecError(f"level must be one of {', '.join(LEVELS)}")
        try:
            category = Category(spec["category"])
        except ValueError:
            raise RuleSpecError(f"unknown category {spec['category']!r}; known: "
                                f"{', '.join(c.value for c in Category)}") from None
        raw_examples = spec.get("examples") or []
        if not raw_examples or not all(isinstance(e, Mapping) and e.get("bad")
                                       for e in raw_examples):
            raise RuleSpecError("'examples' needs at least one {bad: ..., good: ...}")
        examples = tuple(Example(str(e["bad"]), None if e.get("good") is None
                                 else str(e["good"]), e.get("note")) for e in raw_examples)
        lang = spec.get("language", language)
        languages = tuple([lang] if isinstance(lang, str) else lang or ())
        scope = units.parse_scope(spec.get("scope", "sentence"))
        matchers = compile_rule(spec, languages[0] if languages else "en", roots)
        summary = str(spec.get("summary") or spec["message"]).strip().splitlines()[0]
        doc = _doc(spec, summary, examples, where, ", ".join(languages) or "any language")
        return Rule(code=str(spec["code"]), name=str(spec["name"]), category=category,
                    severity=Severity(level), summary=summary, scope="document", doc=doc,
                    examples=examples, check=_make_check(spec, matchers, languages, scope),
                    origin=where)
    except (RuleSpecError, ValueError) as exc:
        raise RuleSetError(f"{where}: rule {code}: {exc}") from None


def _display(path: Path) -> str:
    try:
        return path.relative_to(lexicons.RULES_ROOT.parent).as_posix()
    except ValueError:
        return str(path)


def _load_file(path: Path, strict: bool = True) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleSetError(f"{path}: not valid YAML: {exc}") from None
    if not strict and not (isinstance(data, Mapping) and ("rules" in data or "code" in data)):
        return []  # other stages keep their own data under rules/ too
    if not isinstance(data, Mapping):
        raise RuleSetError(f"{path}: a rule set is a mapping with 'rules' (or one rule)")
    specs = data.get("rules") if "rules" in data else [data]
    if not isinstance(specs, list):
        raise RuleSetError(f"{path}: 'rules' must be a list")
    roots = [path.parent / "lexicons", path.parent.parent / "lexicons"]
    where = _display(path)
    language = data.get("language") if "rules" in data else None
    return [rule_from_spec(s, where=where, language=language, roots=roots) for s in specs]


def _is_rule_file(path: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and "lexicons" not in path.parts


def load_rule_set(path: Path | str, *, strict: bool = True) -> list[Rule]:
    """The rules in a YAML file, or in every YAML file under a folder (lexicon folders
    excepted), in sorted order. Not ``strict``: files that are not rule sets are skipped."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_rule_file(
            p.relative_to(path)))
        return [rule for f in files for rule in _load_file(f, strict)]
    if not path.is_file():
        raise RuleSetError(f"{path}: no such rule set")
    return _load_file(path, strict)


def load_default_rule_sets() -> list[Rule]:
    """The built-in rule sets (every style folder under the top-level ``rules/``), then
    those that installed packages advertise in the ``source_audit.rule_sets`` entry point
    group: each names a path, or a function that returns one, to a YAML file or folder."""
    rules = (load_rule_set(lexicons.RULES_ROOT, strict=False)
             if lexicons.RULES_ROOT.is_dir() else [])
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        target = ep.load()
        rules += load_rule_set(Path(target() if callable(target) else target))
    return rules
