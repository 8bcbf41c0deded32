"""The command line: exit codes, the findings@1 contract, fix, configuration."""

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from audit.checks import registry
from audit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "audit" / "schemas" / "findings-1.schema.json").read_text())
TEXT = "The council approved the harbour budget on Tuesday after a long debate.\n"


@pytest.fixture
def flag_rule(marker_rule):
    return marker_rule("X901", "test-marker")


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "clean.txt").write_text(TEXT)
    (tmp_path / "c" / "dirty.md").write_text("---\nsource: Post\n---\n" + TEXT + "A FLAG here.\n")
    return tmp_path / "c"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes_follow_fail_on(capsys, flag_rule, corpus):
    assert run(capsys, "check", corpus / "clean.txt", "--select", "X9")[0] == 0
    assert run(capsys, "check", corpus, "--select", "X9")[0] == 1
    assert run(capsys, "check", corpus, "--select", "X9", "--fail-on", "never")[0] == 0
    assert run(capsys, "check", corpus, "--select", "X9", "--ignore", "X901")[0] == 0


def test_severity_override_from_config_file(capsys, flag_rule, corpus, tmp_path):
    cfg = tmp_path / "source-audit.toml"
    cfg.write_text('select = ["X9"]\nfail-on = "error"\n[severity]\nX901 = "warning"\n')
    code, out, _ = run(capsys, "check", corpus, "--config", cfg, "--format", "json")
    assert code == 0
    assert json.loads(out)["findings"][0]["severity"] == "warning"
    code, *_ = run(capsys, "check", corpus, "--config", cfg, "--fail-on", "warning")
    assert code == 1


def test_text_format_is_compiler_like_with_file_lines(capsys, flag_rule, corpus):
    _, out, _ = run(capsys, "check", corpus, "--select", "X9")
    # front matter (3 lines) + first line -> the marker is on line 5 of the file, column 3
    assert f"{corpus / 'dirty.md'}:5:3: X901 [error] marker word" in out
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("2 documents") and summary.endswith(": 1 error")


def test_json_output_validates_and_points_at_the_original_text(capsys, flag_rule, corpus):
    code, out, _ = run(capsys, "check", corpus, "--select", "X9", "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    [finding] = data["findings"]
    assert finding["document"] == "dirty" and finding["rule"] == "X901"
    body = TEXT + "A FLAG here.\n"
    assert body[finding["start"]:finding["end"]] == "FLAG"
    assert "FLAG" in finding["excerpt"]
    assert {d["id"] for d in data["documents"]} == {"clean", "dirty"}


def test_output_file_is_written_and_stdout_stays_empty(capsys, flag_rule, corpus, tmp_path):
    target = tmp_path / "out" / "findings.json"
    code, out, err = run(capsys, "check", corpus, "--select", "X9", "--format", "json",
                         "-o", target)
    assert code == 1
    assert out == "" and f"wrote {target}" in err
    jsonschema.validate(json.loads(target.read_text()), SCHEMA)
    assert not list(target.parent.glob(".*tmp"))  # no temporary file left behind
    assert target.stat().st_mode & 0o044 == 0o044  # readable by others, unlike a temp file


def test_input_errors_are_reported_and_the_rest_is_audited(capsys, flag_rule, corpus):
    (corpus / "bad.jsonl").write_text('{"id": "r1", "text": "fine row"}\n{oops\n')
    code, out, err = run(capsys, "check", corpus, corpus / "missing.txt", "--select", "X9",
                         "--format", "json")
    assert code == 1  # findings decide, not the partial input errors
    assert "bad.jsonl: row 2: malformed JSON" in err
    assert "missing.txt: no such file or folder" in err
    data = json.loads(out)
    assert {d["id"] for d in data["documents"]} == {"clean", "dirty", "r1"}
    assert len(data["errors"]) == 2


def test_exit_2_when_nothing_could_be_audited(capsys, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    code, _, err = run(capsys, "check", tmp_path / "empty.txt", tmp_path / "nope")
    assert code == 2
    assert "empty.txt: byte 0: empty file" in err and "nothing to audit" in err


def test_usage_errors_exit_2(capsys, corpus):
    with pytest.raises(SystemExit) as info:
        main(["check", str(corpus), "--format", "nonsense"])
    assert info.value.code == 2
    assert run(capsys, "explain", "Z999")[0] == 2
    bad = corpus / "bad.toml"
    bad.write_text("fail-on = 'sometimes'\n")
    code, _, err = run(capsys, "check", corpus, "--config", bad)
    assert code == 2 and "fail-on" in err


def test_fix_writes_copies_and_never_touches_inputs(capsys, corpus, tmp_path):
    dirty = corpus / "dirty.md"
    dirty.write_text("---\nsource: Post\n---\nThe caf\u00c3\u00a9 opened.\n")
    before = {p: p.read_bytes() for p in corpus.iterdir()}
    code, _, _ = run(capsys, "fix", corpus, "-o", tmp_path / "fixed")
    assert code == 0
    assert {p: p.read_bytes() for p in corpus.iterdir()} == before
    fixed = (tmp_path / "fixed" / "dirty.md").read_text()
    assert fixed.startswith("---\nsource: Post\n---\n")
    assert "café" in fixed


def test_fix_in_place_is_atomic_and_keeps_a_backup(capsys, corpus):
    dirty = corpus / "dirty.md"
    original = "The caf\u00c3\u00a9 opened.\n"
    dirty.write_text(original)
    clean_before = (corpus / "clean.txt").stat().st_mtime_ns
    assert run(capsys, "fix", corpus, "--in-place")[0] == 0
    assert "café" in dirty.read_text()
    assert (corpus / "dirty.md.orig").read_text() == original
    assert not (corpus / "clean.txt.orig").exists()  # unchanged documents are not rewritten
    assert (corpus / "clean.txt").stat().st_mtime_ns == clean_before


def test_rules_lists_every_registered_rule(capsys, flag_rule):
    _, out, _ = run(capsys, "rules", "--format", "json")
    listed = {r["code"]: r for r in json.loads(out)}
    assert listed["X901"]["name"] == "test-marker"
    assert set(listed) == set(registry.all_rules())


def test_explain_prints_the_rule_doc(capsys, flag_rule):
    code, out, _ = run(capsys, "explain", "test-marker")
    assert code == 0 and out.startswith("X901 test-marker") and "Flags FLAG." in out


def test_console_script_and_python_dash_m_on_the_fixtures():
    """Acceptance of the foundation: the real entry point, the real fixtures."""
    fixtures = ROOT / "fixtures"
    proc = subprocess.run([sys.executable, "-m", "audit", "check", str(fixtures),
                           "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    from audit.io import load

    loaded = load(fixtures)
    assert loaded.errors == []
    assert {d["id"] for d in data["documents"]} == {d.id for d in loaded.documents}
    listed = {i for s in data["stories"] for i in s["documents"]}
    assert listed == {d.id for d in loaded.documents}
    assert {s["id"] for s in data["stories"]} >= {d.story for d in loaded.documents}


def test_fix_keeps_the_folder_layout_of_table_files(capsys, tmp_path):
    for folder in ("one", "two"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "articles.csv").write_text(
            f"id,text\n{folder}-1,The caf\u00c3\u00a9 in {folder} opened.\n")
    assert run(capsys, "fix", tmp_path / "in", "-o", tmp_path / "out")[0] == 0
    for folder in ("one", "two"):
        [row] = [json.loads(x) for x in
                 (tmp_path / "out" / folder / "articles.jsonl").read_text().splitlines()]
        assert row["id"] == f"{folder}-1" and f"café in {folder}" in row["text"]
