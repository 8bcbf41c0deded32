"""``source-audit rules`` and ``source-audit explain`` for the document rules."""

import json

from audit.cli import main

DOCUMENT_CODES = ["B201", "B202", "B203", "B204", "B205", "B206", "B207", "B210", "D301",
                  "D302", "D303", "D304", "D305", "D306", "D307", "L601", "L602", "M101",
                  "M102", "M103", "M104", "N450", "X801", "X802"]


def test_rules_lists_python_and_yaml_rules(capsys):
    assert main(["rules", "--format", "json"]) == 0
    listed = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(DOCUMENT_CODES) <= set(listed)
    assert listed["D301"]["origin"] == "rules/core/dropped-number.yaml"
    assert listed["D304"]["origin"].startswith("audit.checks.rules.d304")
    assert (listed["B210"]["severity"], listed["B201"]["severity"]) == ("warning", "info")
    assert listed["D301"]["category"] == "dropped-number"


def test_explain_a_yaml_rule_prints_its_documentation_and_examples(capsys):
    assert main(["explain", "D301"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("D301 quantifier-without-number")
    for part in ("## What it does", "## Why is this bad?", "## Example", "## Use instead",
                 "bad:  Last week, more than  were rescued from the compound.",
                 "good: Last week, more than 200 were rescued from the compound."):
        assert part in out


def test_explain_by_name_finds_a_python_rule(capsys):
    assert main(["explain", "glued-boilerplate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("B210 glued-boilerplate")
    assert "default severity: warning" in out and "bad:  Crews searched" in out
