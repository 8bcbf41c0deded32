"""The rule registry: every rule, Python or declarative, with a stable code and its docs.

A rule is one problem with one code (``D301``), a kebab-case name (``dropped-number``), a
category, a default severity and a one-line summary. Its documentation follows ruff's
shape (*What it does / Why is this bad / Example / Use instead*); for Python checks it is the
function's docstring, for declarative rules it comes from the YAML. ``source-audit explain``
prints it and the tests run each rule's bad and good examples, so the two cannot drift apart.

Python checks register with ``@document_check`` or ``@story_check``; third parties add
modules through the ``source_audit.rules`` entry point group (importing the module registers
its rules) or YAML rule sets through ``rule-paths`` in the configuration.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from audit.model import Category, Related, Severity

ENTRY_POINT_GROUP = "source_audit.rules"
_CODE = re.compile(r"^[A-Z]{1,3}\d{3,4}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

# Built-in Python check modules, imported on first use of the registry.
_BUILTIN_MODULES = (
    "audit.checks.encoding",
    "audit.checks.document",
    "audit.checks.cross",
)


@dataclass(frozen=True)
class Hit:
    """What a check reports: a span and a message. The engine turns it into a Finding.

    Spans are in the repaired text unless ``coords == "original"``. Story checks set
    ``document``; document checks leave it to the engine.
    """

    start: int
    end: int
    message: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    coords: str = "repaired"
    document: str | None = None
    rule: str | None = None  # for a check that reports under several codes


@dataclass(frozen=True)
class Example:
    bad: str
    good: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: Category
    severity: Severity
    summary: str
    scope: str  # "document" or "story"
    doc: str = ""
    examples: tuple[Example, ...] = ()
    check: Callable[[Any], Iterable[Hit]] | None = field(default=None, compare=False)
    origin: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "category": self.category.value,
            "severity": self.severity.value, "summary": self.summary, "scope": self.scope,
            "origin": self.origin,
        }


_RULES: dict[str, Rule] = {}
_loaded_builtins = False
_loaded_paths: set[Path] = set()


def register(rule: Rule) -> Rule:
    """Add a rule. A code may be registered once; a second, different rule is an error."""
    if not _CODE.match(rule.code):
        raise ValueError(f"rule code {rule.code!r} is not like 'D301'")
    if not _NAME.match(rule.name):
        raise ValueError(f"rule name {rule.name!r} is not kebab-case")
    if rule.scope not in ("document", "story"):
        raise ValueError(f"rule {rule.code}: scope must be 'document' or 'story'")
    existing = _RULES.get(rule.code)
    if existing is not None and existing.origin != rule.origin:
        raise ValueError(f"rule code {rule.code} already registered by {existing.origin}")
    _RULES[rule.code] = rule
    return rule


def _decorator(scope: str, code: str, name: str, category: Category | str,
               severity: Severity | str, examples: Iterable[Example]):
    def wrap(fn: Callable[[Any], Iterable[Hit]]) -> Callable[[Any], Iterable[Hit]]:
        doc = inspect.cleandoc(fn.__doc__ or "")
        summary = doc.splitlines()[0] if doc else name.replace("-", " ")
        register(Rule(code=code, name=name, category=Category(category),
                      severity=Severity(severity), summary=summary, scope=scope, doc=doc,
                      examples=tuple(examples), check=fn,
                      origin=f"{fn.__module__}.{fn.__qualname__}"))
        return fn
    return wrap


def document_check(code: str, name: str, category: Category | str, severity: Severity | str,
                   examples: Iterable[Example] = ()):
    """Register ``fn(ctx: DocumentContext) -> Iterable[Hit]`` as rule ``code``."""
    return _decorator("document", code, name, category, severity, examples)


def story_check(code: str, name: str, category: Category | str, severity: Severity | str,
                examples: Iterable[Example] = ()):
    """Register ``fn(ctx: StoryContext) -> Iterable[Hit]`` as rule ``code``."""
    return _decorator("story", code, name, category, severity, examples)


def _load_builtins() -> None:
    global _loaded_builtins
    if _loaded_builtins:
        return
    _loaded_builtins = True
    for module in _BUILTIN_MODULES:
        importlib.import_module(module)
    from audit.checks import declarative

    for rule in declarative.load_default_rule_sets():
        register(rule)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        ep.load()


def load_rule_paths(paths: Iterable[Path]) -> None:
    """Register the declarative rule sets at ``paths`` (files or folders of YAML)."""
    _load_builtins()
    paths = list(paths)
    if not paths:
        return
    from audit.checks import declarative

    for path in paths:
        path = Path(path).resolve()
        if path in _loaded_paths:
            continue
        for rule in declarative.load_rule_set(path):
            register(rule)
        _loaded_paths.add(path)


def all_rules() -> dict[str, Rule]:
    _load_builtins()
    return dict(sorted(_RULES.items()))


def get(code: str) -> Rule:
    rules = all_rules()
    key = code.upper()
    if key in rules:
        return rules[key]
    for rule in rules.values():
        if rule.name == code:
            return rule
    raise KeyError(code)


def iter_rules(scope: str) -> Iterator[Rule]:
    return (r for r in all_rules().values() if r.scope == scope)
