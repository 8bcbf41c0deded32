"""Configuration: ``[tool.source-audit]`` in pyproject.toml, or a ``source-audit.toml``.

Keys (kebab-case in TOML)::

    select = ["E", "D301"]        # code prefixes to run; empty means all
    ignore = ["B2"]               # code prefixes to skip; wins over select
    fail-on = "warning"           # error | warning | info | never
    rule-paths = ["my-rules/"]    # extra declarative rule sets (YAML)
    baseline = "audit-baseline.json"
    language = "en"               # the language documents are expected to be in
    normalizers = ["uncurl-quotes"]  # optional repairs to turn on (also fix-ligatures,
                                     # fix-width); off by default: an auditor does not restyle
    [tool.source-audit.severity]
    D302 = "warning"              # per-rule severity overrides
    [tool.source-audit.fields]    # column / field names of tabular input
    text = "body"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from audit.model import Severity

FAIL_ON = ("error", "warning", "info", "never")
FIELD_NAMES = ("text", "id", "source", "url", "published", "language", "story")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"
    rule_paths: tuple[Path, ...] = ()
    baseline: Path | None = None
    language: str | None = None
    fields: Mapping[str, str] = field(default_factory=lambda: {f: f for f in FIELD_NAMES})
    normalizers: tuple[str, ...] = ()  # optional normalizers turned on (uncurl-quotes...)
    source: Path | None = None  # the file this came from

    def enabled(self, code: str) -> bool:
        code = code.upper()
        if any(code.startswith(p) for p in self.ignore):
            return False
        return not self.select or any(code.startswith(p) for p in self.select)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code.upper(), default)

    def with_options(self, **changes: Any) -> Config:
        """A copy with the given (non-None) options changed; used for CLI flags."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _codes(value: Any, key: str, where: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of rule codes or prefixes")
    return tuple(v.strip().upper() for v in value)


def optional_normalizers(value: Any) -> tuple[str, ...]:
    """Names of optional normalizers to turn on, checked against those registered."""
    from audit.normalize import registered

    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    optional = sorted(n.name for n in registered().values() if not n.default)
    if not isinstance(value, list) or any(v not in optional for v in value):
        raise ValueError(f"'normalizers' must list optional normalizers: {', '.join(optional)}"
                         f" (got {value!r})")
    return tuple(value)


def parse(table: Mapping[str, Any], where: Path) -> Config:
    """Build a Config from the ``[tool.source-audit]`` table found in ``where``."""
    known = {"select", "ignore", "severity", "fail-on", "rule-paths", "baseline", "language",
             "fields", "normalizers"}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(known))}")
    base = where.parent
    fail_on = table.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on must be one of {', '.join(FAIL_ON)}")
    severity: dict[str, Severity] = {}
    for code, level in (table.get("severity") or {}).items():
        try:
            severity[code.upper()] = Severity(level)
        except ValueError:
            raise ConfigError(f"{where}: severity of {code} must be error, warning or info, "
                              f"not {level!r}") from None
    fields = {f: f for f in FIELD_NAMES}
    for name, column in (table.get("fields") or {}).items():
        if name not in FIELD_NAMES:
            raise ConfigError(f"{where}: unknown field {name!r}; known: {FIELD_NAMES}")
        fields[name] = str(column)
    baseline = table.get("baseline")
    try:
        normalizers = optional_normalizers(table.get("normalizers", []))
    except ValueError as e:
        raise ConfigError(f"{where}: {e}") from None
    return Config(
        normalizers=normalizers,
        select=_codes(table.get("select", []), "select", where),
        ignore=_codes(table.get("ignore", []), "ignore", where),
        severity=severity,
        fail_on=fail_on,
        rule_paths=tuple(base / p for p in table.get("rule-paths", [])),
        baseline=base / baseline if baseline else None,
        language=table.get("language"),
        fields=fields,
        source=where,
    )


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """Read ``path``, or find the nearest ``source-audit.toml`` / ``pyproject.toml`` with a
    ``[tool.source-audit]`` table from ``start`` (default: the working directory) upward."""
    if path is not None:
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such configuration file") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        # A pyproject.toml holds other tools' settings; any other file is ours alone.
        fallback = {} if path.name == "pyproject.toml" else data
        table = data.get("tool", {}).get("source-audit", fallback)
        return parse(table, path)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "source-audit.toml"
        if own.is_file():
            return load(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            try:
                data = tomllib.loads(project.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "source-audit" in data.get("tool", {}):
                return parse(data["tool"]["source-audit"], project)
    return Config()
