"""The ``source-audit`` command line: check, fix, report, rules, explain.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 a usage or input error that
left nothing to audit. Input problems with some files are printed to stderr and the rest of
the corpus is still audited.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

from audit import config as config_mod
from audit.io.write import atomic_write_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders (.txt, .md, .jsonl, .csv, .parquet)")
    p.add_argument("--config", type=Path, help="a source-audit.toml or pyproject.toml")
    for name in config_mod.FIELD_NAMES:
        p.add_argument(f"--{name}-field", dest=f"{name}_field", metavar="NAME",
                       help=f"field/column holding the {name} (default: {name})")
    p.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    p.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    p.add_argument("--normalizer", action="append", metavar="NAME",
                   help="turn on an optional repair: uncurl-quotes, fix-ligatures, fix-width "
                        "(repeatable; default: the configuration's 'normalizers')")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="audit documents in N processes (default: 1)")


def _add_triage_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--baseline", type=Path, metavar="FILE",
                   help="report only findings not in this baseline, and list fixed ones "
                        "(default: the configuration's 'baseline')")
    p.add_argument("--write-baseline", type=Path, metavar="FILE",
                   help="record the current findings' fingerprints in FILE")
    p.add_argument("--ignore-file", type=Path, metavar="FILE",
                   help="YAML list of findings to leave out, each with a reason; entries "
                        "that match nothing are reported as stale")


def build_parser() -> argparse.ArgumentParser:
    from audit.report import writers

    parser = argparse.ArgumentParser(
        prog="source-audit",
        description="Audit text corpora from many outlets: repair, find, cross-check, report.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="audit documents and print the findings")
    _add_input_options(check)
    check.add_argument("--format", default="text", choices=sorted(writers()),
                       help="output format (default: text)")
    check.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    check.add_argument("--fail-on", choices=config_mod.FAIL_ON,
                       help="lowest severity that makes the exit code 1 (default: error)")
    _add_triage_options(check)
    check.set_defaults(handler=cmd_check)

    report = sub.add_parser("report", help="write the HTML report")
    _add_input_options(report)
    report.add_argument("-o", "--output", type=Path, default=Path("reports/index.html"))
    report.add_argument("--fail-on", choices=config_mod.FAIL_ON, default="never")
    _add_triage_options(report)
    report.set_defaults(handler=cmd_report, format="html")

    fix = sub.add_parser("fix", help="write repaired documents")
    _add_input_options(fix)
    where = fix.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, help="folder for the repaired documents")
    where.add_argument("--in-place", action="store_true",
                       help="overwrite the inputs (atomically, keeping a .orig backup)")
    fix.set_defaults(handler=cmd_fix)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--config", type=Path)
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(handler=cmd_rules)

    explain = sub.add_parser("explain", help="print a rule's documentation and examples")
    explain.add_argument("code", help="a rule code (D301) or name (dropped-number)")
    explain.add_argument("--config", type=Path)
    explain.set_defaults(handler=cmd_explain)
    return parser


def _config(args: argparse.Namespace) -> config_mod.Config:
    cfg = config_mod.load(getattr(args, "config", None))
    fields = dict(cfg.fields)
    for name in config_mod.FIELD_NAMES:
        value = getattr(args, f"{name}_field", None)
        if value:
            fields[name] = value

    def codes(value: str | None) -> tuple[str, ...] | None:
        return tuple(c.strip().upper() for c in value.split(",") if c.strip()) if value \
            else None

    extra = getattr(args, "normalizer", None)
    try:
        normalizers = config_mod.optional_normalizers(
            [n.strip() for value in extra for n in value.split(",") if n.strip()]
        ) if extra else None
    except ValueError as exc:
        raise config_mod.ConfigError(f"--normalizer: {exc}") from None
    return cfg.with_options(fail_on=getattr(args, "fail_on", None), fields=fields,
                            normalizers=normalizers,
                            select=codes(getattr(args, "select", None)),
                            ignore=codes(getattr(args, "ignore", None)))


def _show_progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr.isatty() and not os.environ.get("CI")


def _audit(args: argparse.Namespace):
    from audit.engine import run
    from audit.io import load

    cfg = _config(args)
    loaded = load(args.paths, fields=cfg.fields)
    for err in loaded.errors:
        print(f"source-audit: {err}", file=sys.stderr)
    if not loaded.documents:
        raise UsageError("nothing to audit: no document could be loaded")
    if _show_progress(args) and len(loaded.documents) > 1:
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(transient=True, console=Console(stderr=True))
        ctx = bar
    else:
        bar = None
        ctx = nullcontext()
    with ctx:
        task = bar.add_task("auditing", total=len(loaded.documents)) if bar else None
        result = run(loaded.documents, cfg, errors=loaded.errors, jobs=args.jobs,
                     progress=(lambda n: bar.advance(task, n)) if bar else None)
    return result


def _triage(args: argparse.Namespace, result):
    """Apply the ignore file and the baseline (writing it first if asked); say what they did
    on stderr. Without either, the Result is returned as it is."""
    from audit.report import baseline as bl

    explicit = args.baseline is not None
    base_path = args.baseline or result.config.baseline
    try:
        ignores = bl.read_ignore_file(args.ignore_file) if args.ignore_file else None
        ignore_name = str(args.ignore_file) if args.ignore_file else None
        if args.write_baseline:
            kept = bl.apply(result, None, ignores) if ignores is not None else result
            atomic_write_text(args.write_baseline, bl.write_baseline(kept))
            print(f"source-audit: wrote baseline {args.write_baseline} "
                  f"({len(kept.findings)} findings)", file=sys.stderr)
            base_path, explicit = args.write_baseline, True
        entries = None
        if base_path is not None:
            if Path(base_path).is_file() or explicit:
                entries = bl.read_baseline(base_path)
            else:
                print(f"source-audit: baseline {base_path} (from the configuration) does not "
                      "exist yet; reporting every finding. Create it with --write-baseline.",
                      file=sys.stderr)
    except bl.SuppressionError as exc:
        raise UsageError(str(exc)) from None
    if entries is None and ignores is None:
        return result
    triaged = bl.apply(result, entries, ignores,
                       baseline_name=str(base_path) if entries is not None else None,
                       ignore_name=ignore_name)
    for line in triaged.triage.summary_lines():
        print(f"source-audit: {line}", file=sys.stderr)
    return triaged


def _emit(result, fmt: str, output: Path | None) -> None:
    from audit.report import write

    if output is None:
        write(result, fmt, sys.stdout)
        return
    buffer = io.StringIO()
    write(result, fmt, buffer)
    atomic_write_text(output, buffer.getvalue())
    print(f"source-audit: wrote {output}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    result = _triage(args, _audit(args))
    _emit(result, args.format, args.output)
    return EXIT_FINDINGS if result.fails() else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    result = _triage(args, _audit(args))
    _emit(result, "html", args.output)
    return EXIT_FINDINGS if result.fails() else EXIT_OK


def cmd_fix(args: argparse.Namespace) -> int:
    from audit.fix import write_fixed

    result = _audit(args)
    changed = write_fixed(result, output=args.output, in_place=args.in_place)
    print(f"source-audit: repaired {changed} of {len(result.documents)} documents",
          file=sys.stderr)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    import json

    from audit.checks import registry

    cfg = config_mod.load(args.config)
    registry.load_rule_paths(cfg.rule_paths)
    rules = registry.all_rules().values()
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in rules], indent=2))
        return EXIT_OK
    for r in rules:
        print(f"{r.code}  {r.name:<28} {r.category.value:<20} {r.severity.value:<8} "
              f"{r.summary}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from audit.checks import registry
    from audit.checks.explain import render

    cfg = config_mod.load(args.config)
    registry.load_rule_paths(cfg.rule_paths)
    try:
        rule = registry.get(args.code)
    except KeyError:
        raise UsageError(f"no rule {args.code!r}; 'source-audit rules' lists them") from None
    print(render(rule))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (UsageError, config_mod.ConfigError) as exc:
        print(f"source-audit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
