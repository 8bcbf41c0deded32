"""Baselines and ignore files: fingerprints that survive moved lines, new and fixed findings,
reasons and stale entries, and the CLI flags and exit codes that use them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from audit.cli import main
from audit.config import Config
from audit.engine import run
from audit.model import Document
from audit.report import baseline as bl

FINDINGS_SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "audit" / "schemas" /
                              "findings-1.schema.json").read_text())
INTRO = "The harbour board met on Monday to discuss the budget.\n"
DAMAGE = "A FLAG marks damage in this sentence.\n"
OTHER = "Ferries kept to the timetable, and FLAG another one here.\n"


@pytest.fixture
def flag_rule(marker_rule):
    return marker_rule("X903", "baseline-marker")


def audit(*texts: str, ids=None):
    ids = ids or [f"d{i}" for i in range(len(texts))]
    docs = [Document(id=i, text=t, story="s") for i, t in zip(ids, texts, strict=True)]
    return run(docs, Config(select=("X903",)))


def test_fingerprints_survive_moved_and_inserted_paragraphs(flag_rule):
    before = audit(INTRO + "\n" + DAMAGE + "\n" + OTHER)
    moved = audit(OTHER + "\n\nA new first paragraph about tides.\n\n" + INTRO + "\n"
                  + DAMAGE)
    assert len(before.findings) == len(moved.findings) == 2
    assert [f.start for f in before.findings] != [f.start for f in moved.findings]
    assert sorted(fp for fp, _ in bl.fingerprints(before)) == \
        sorted(fp for fp, _ in bl.fingerprints(moved))
    triaged = bl.apply(moved, bl.build_baseline(before))
    assert triaged.findings == [] and len(triaged.triage.known) == 2
    assert triaged.triage.fixed == () and not triaged.fails()


def test_fingerprint_depends_on_document_rule_and_nearby_words(flag_rule):
    result = audit(DAMAGE, DAMAGE, DAMAGE.replace("damage", "harm"), ids=["a", "b", "c"])
    prints = [fp for fp, _ in bl.fingerprints(result)]
    assert len(set(prints)) == 3  # same words in another document, or other words nearby
    [(_, excerpt)] = bl.fingerprints(result, result.findings[:1])
    # Up to 24 characters each side, within the line, folded and case-insensitive.
    assert excerpt == "a ⟦flag⟧ marks damage in this se"


def test_new_findings_are_reported_and_fixed_ones_listed(flag_rule):
    base = bl.build_baseline(audit(INTRO + DAMAGE + OTHER))
    later = audit(INTRO + DAMAGE + "The FLAG is new on this line.\n")
    triaged = bl.apply(later, base, baseline_name="b.json")
    [new] = triaged.findings
    assert "The FLAG is new" in new.excerpt
    assert triaged.fails()
    [fixed] = triaged.triage.fixed
    assert fixed.document == "d0" and "another one here" in fixed.excerpt
    assert any("fixed: d0: X903" in line for line in triaged.triage.summary_lines())


def test_repeated_fingerprints_are_counted(flag_rule):
    twice = audit(DAMAGE + "\n" + DAMAGE)
    [entry] = bl.build_baseline(twice)
    assert entry.count == 2
    three = bl.apply(audit(DAMAGE + "\n" + DAMAGE + "\n" + DAMAGE), [entry])
    assert len(three.findings) == 1 and len(three.triage.known) == 2
    once = bl.apply(audit(DAMAGE), [entry])
    assert once.findings == [] and [e.count for e in once.triage.fixed] == [1]


def test_baseline_entries_of_documents_not_audited_are_not_fixed(flag_rule):
    base = bl.build_baseline(audit(DAMAGE, DAMAGE, ids=["kept", "elsewhere"]))
    triaged = bl.apply(audit(INTRO, ids=["kept"]), base)
    assert [e.document for e in triaged.triage.fixed] == ["kept"]


def test_baseline_file_round_trip_and_errors(flag_rule, tmp_path):
    result = audit(INTRO + DAMAGE, OTHER)
    path = tmp_path / "baseline.json"
    path.write_text(bl.write_baseline(result))
    data = json.loads(path.read_text())
    assert data["schema"] == "source-audit/baseline@1"
    assert {e["document"] for e in data["findings"]} == {"d0", "d1"}
    assert bl.read_baseline(path) == sorted(bl.build_baseline(result),
                                            key=lambda e: (e.document, e.rule, e.excerpt))
    (tmp_path / "other.json").write_text('{"findings": []}')
    with pytest.raises(bl.SuppressionError, match=r"other\.json: not a baseline"):
        bl.read_baseline(tmp_path / "other.json")
    with pytest.raises(bl.SuppressionError, match="no such baseline"):
        bl.read_baseline(tmp_path / "missing.json")


IGNORE = """\
ignore:
  - document: "d*"
    rule: X903
    excerpt: another one
    reason: the timetable sentence is quoted as written
  - document: d0
    rule: baseline-marker
    excerpt: not in any finding
    reason: was fixed upstream long ago
  - document: somewhere-else
    rule: X9
    reason: a document this run does not audit
"""


def test_ignore_file_with_reasons_and_stale_entries(flag_rule, tmp_path):
    path = tmp_path / "ignore.yaml"
    path.write_text(IGNORE)
    entries = bl.read_ignore_file(path)
    triaged = bl.apply(audit(INTRO + DAMAGE + OTHER), None, entries,
                       ignore_name=str(path))
    [kept] = triaged.findings
    assert "FLAG marks damage" in kept.excerpt
    [(ignored, entry)] = triaged.triage.ignored
    assert "another one here" in ignored.excerpt and entry.index == 0
    # Entry 2 matches an audited document and rule, but no finding: stale. Entry 3 is
    # about a document not audited in this run: not in play, so not stale.
    assert [e.index for e in triaged.triage.stale] == [1]
    assert "stale: entry 2 (baseline-marker in d0 containing 'not in any finding')" in \
        "\n".join(triaged.triage.summary_lines())


@pytest.mark.parametrize("body, message", [
    ("ignore:\n  - document: d0\n    rule: X903\n", "entry 1: needs reason"),
    ("ignore:\n  - document: d0\n    rule: X903\n    reason: ok\n    why: x\n",
     "unknown key"),
    ("ignore: [\n", "not valid YAML"),
    ("ignore: {a: 1}\n", "expected a list"),
])
def test_ignore_file_errors_name_the_entry(tmp_path, body, message):
    path = tmp_path / "ignore.yaml"
    path.write_text(body)
    with pytest.raises(bl.SuppressionError, match=message):
        bl.read_ignore_file(path)


# --- the command line --------------------------------------------------------------------

@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(INTRO + DAMAGE)
    (folder / "b.txt").write_text(OTHER)
    return folder


def cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_write_baseline_then_only_new_findings_fail(capsys, flag_rule, corpus, tmp_path):
    base = tmp_path / "audit-baseline.json"
    code, _, err = cli(capsys, "check", corpus, "--select", "X9", "--write-baseline", base)
    assert code == 0 and f"wrote baseline {base} (2 findings)" in err
    assert cli(capsys, "check", corpus, "--select", "X9", "--baseline", base)[0] == 0
    # Move the damaged line down and add an unrelated paragraph: still nothing new.
    (corpus / "a.txt").write_text("Tides were high.\n\n" + DAMAGE + "\n" + INTRO)
    code, out, err = cli(capsys, "check", corpus, "--select", "X9", "--baseline", base)
    assert code == 0 and "2 known finding(s) not reported, 0 fixed" in err
    assert out.endswith(" stories: no new findings; 2 in the baseline, 0 fixed\n")
    # A new finding fails the run; the fixed one is listed on stderr.
    (corpus / "b.txt").write_text("A FLAG on a brand new line.\n")
    code, out, err = cli(capsys, "check", corpus, "--select", "X9", "--baseline", base,
                         "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, FINDINGS_SCHEMA)  # the triage key is an allowed addition
    assert [f["document"] for f in data["findings"]] == ["b"]
    assert [e["document"] for e in data["triage"]["fixed"]] == ["b"]
    assert "fixed: b: X903" in err
    # --fail-on still decides what fails among the new findings.
    assert cli(capsys, "check", corpus, "--select", "X9", "--baseline", base,
               "--fail-on", "never")[0] == 0


def test_cli_honours_the_configured_baseline(capsys, flag_rule, corpus, tmp_path):
    cfg = tmp_path / "source-audit.toml"
    cfg.write_text('baseline = "known.json"\n')
    code, _, err = cli(capsys, "check", corpus, "--select", "X9", "--config", cfg)
    assert code == 1 and "does not exist yet" in err  # first run: everything is reported
    cli(capsys, "check", corpus, "--select", "X9", "--write-baseline", tmp_path / "known.json")
    code, out, _ = cli(capsys, "check", corpus, "--select", "X9", "--config", cfg)
    assert code == 0 and "2 in the baseline" in out


def test_cli_ignore_file_and_stale_entries(capsys, flag_rule, corpus, tmp_path):
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text("- document: b\n  rule: X903\n  reason: quoted as published\n"
                      "- document: a\n  rule: X903\n  excerpt: nothing like it\n"
                      "  reason: obsolete\n")
    code, out, err = cli(capsys, "check", corpus, "--select", "X9", "--ignore-file", ignore)
    assert code == 1  # a.txt's finding is not ignored
    assert "c/a.txt:2:3: X903" in out and "b.txt" not in out
    assert "1 finding(s) ignored, 1 stale entry" in err
    assert "stale: entry 2 (X903 in a containing 'nothing like it')" in err


def test_cli_suppression_errors_exit_2(capsys, flag_rule, corpus, tmp_path):
    code, _, err = cli(capsys, "check", corpus, "--baseline", tmp_path / "nope.json")
    assert code == 2 and "no such baseline file" in err
    bad = tmp_path / "ignore.yaml"
    bad.write_text("- document: a\n  rule: X903\n")
    code, _, err = cli(capsys, "check", corpus, "--ignore-file", bad)
    assert code == 2 and "needs reason" in err


def test_report_lists_fixed_and_stale_in_the_html(capsys, flag_rule, corpus, tmp_path):
    base = tmp_path / "b.json"
    cli(capsys, "check", corpus, "--select", "X9", "--write-baseline", base)
    (corpus / "b.txt").write_text(INTRO)
    ignore = tmp_path / "i.yaml"
    ignore.write_text("- {document: a, rule: X903, excerpt: zzz, reason: stale one}\n")
    html = tmp_path / "r.html"
    code, _, _ = cli(capsys, "report", corpus, "--select", "X9", "--baseline", base,
                     "--ignore-file", ignore, "-o", html)
    assert code == 0
    page = html.read_text()
    assert "Fixed since the baseline (1)" in page
    assert "Stale ignore entries: they match no finding (1)" in page
    assert "stale one" in page
