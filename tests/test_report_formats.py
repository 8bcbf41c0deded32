"""The machine outputs: SARIF 2.1.0, JUnit XML, GitHub annotations, compiler-like text.

Expected lines and columns are counted by hand in the texts of ``conftest.HARBOUR``: in
coastal-daily the dropped number is the double space after "more than" on the text's third
line, columns 44-45; the file has four front-matter lines before the text, so line 7.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from audit.checks.context import AuditedDocument
from audit.engine import Result
from audit.model import Category, Document, Finding, Severity, Story
from audit.normalize import normalize
from audit.report import baseline as bl
from audit.report import write, writers
from audit.report.sarif import to_sarif

SARIF_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / \
    "sarif-schema-2.1.0.json"


def render(result, fmt: str) -> str:
    buffer = io.StringIO()
    write(result, fmt, buffer)
    return buffer.getvalue()


def results_by_rule(log):
    return {r["ruleId"] + ":" + r["properties"]["document"]: r for r in log["runs"][0]["results"]}


def test_every_format_is_registered():
    assert {"text", "json", "sarif", "junit", "github", "html"} <= set(writers())


# --- SARIF ------------------------------------------------------------------------------

def test_sarif_validates_against_the_official_schema(sample_result):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (../shared is absent in a "
                    "plain clone); test_sarif_structure still checks the required fields")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render(sample_result, "sarif"))
    jsonschema.Draft4Validator(schema).validate(log)
    # With a baseline and an ignore file (suppressions, baselineState) it stays valid.
    ignores = [bl.IgnoreEntry("rows/*", "B201", "ads in the feed are known")]
    triaged = bl.apply(sample_result, [], ignores, baseline_name="b.json", ignore_name="i")
    jsonschema.Draft4Validator(schema).validate(json.loads(render(triaged, "sarif")))


def test_sarif_structure(sample_result):
    log = json.loads(render(sample_result, "sarif"))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "source-audit"
    rules = {r["id"]: r for r in driver["rules"]}
    assert set(rules) == set(sample_result.rules)
    d301 = rules["D301"]
    assert d301["name"] == "dropped-number"
    assert d301["shortDescription"]["text"] == "A number was dropped."
    assert d301["fullDescription"]["text"] == "Checks for dropped number."
    assert "## Why is this bad?" in d301["help"]["markdown"]
    assert d301["defaultConfiguration"]["level"] == "error"
    assert len(run["results"]) == len(sample_result.findings) == 7
    for r in run["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"] and r["locations"]
        assert r["partialFingerprints"]["sourceAudit/v1"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["no 'text' column"]


def test_sarif_physical_locations_count_lines_in_the_file(sample_result):
    by = results_by_rule(to_sarif(sample_result))
    d301 = by["D301:harbour-fire/coastal-daily"]
    loc = d301["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "corpus/harbour-fire/coastal-daily.md",
                                       "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == 7 and loc["region"]["endLine"] == 7
    assert (loc["region"]["startColumn"], loc["region"]["endColumn"]) == (44, 46)
    assert loc["region"]["snippet"]["text"] == "  "
    assert loc["contextRegion"]["startLine"] == 7
    assert "more than  residents" in loc["contextRegion"]["snippet"]["text"]
    assert "more than 200 residents" in d301["message"]["text"]  # the suggestion
    assert d301["level"] == "error"
    # bay-times has no front matter: "8,100" is on line 3, columns 7-11.
    f501 = by["F501:harbour-fire/bay-times"]
    region = f501["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 7, 12)
    related = f501["relatedLocations"]
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in related] == [
        "corpus/harbour-fire/coastal-daily.md", "corpus/harbour-fire/north-wire.md"]
    assert [r["physicalLocation"]["region"]["snippet"]["text"] for r in related] == [
        "1,800", "1,800"]
    assert by["L601:lone"]["level"] == "note"  # info


def test_sarif_rows_get_a_logical_location(sample_result):
    row = results_by_rule(to_sarif(sample_result))["B201:rows/r1"]
    [loc] = row["locations"]
    assert loc["logicalLocations"][0]["name"] == "rows/r1"
    assert loc["logicalLocations"][0]["fullyQualifiedName"] == "corpus/rows.jsonl[rows/r1]"
    assert "region" not in loc["physicalLocation"]  # a row has no line in the file
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "corpus/rows.jsonl"
    assert row["properties"]["row"] == 1 and row["properties"]["document"] == "rows/r1"


def test_sarif_paths_outside_the_working_directory_are_file_uris(tmp_path):
    text = "Line one.\nA damaged word here.\n"
    doc = Document(id="x", text=text, path=str(tmp_path / "a b.txt"))
    audited = AuditedDocument(doc, normalize(text, []))
    start = text.index("damaged")
    finding = Finding("X901", "marker", Category.MARKUP, Severity.WARNING, "x", start,
                      start + 7, "damaged", "m")
    log = to_sarif(Result([audited], [Story("x", ("x",))], [finding]),
                   cwd=tmp_path / "elsewhere")
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == (tmp_path / "a b.txt").as_uri()
    assert "%20" in loc["artifactLocation"]["uri"]
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (2, 3)
    # The rule is not in Result.rules; it still gets a descriptor to point at.
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "X901"


def test_sarif_marks_ignored_findings_as_suppressed_with_the_reason(sample_result):
    ignores = [bl.IgnoreEntry("rows/*", "B201", "ads in the feed are known")]
    log = to_sarif(bl.apply(sample_result, None, ignores, ignore_name="ignore.yaml"))
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert [r["properties"]["document"] for r in suppressed] == ["rows/r1"]
    assert suppressed[0]["suppressions"][0]["justification"] == "ads in the feed are known"
    assert len(results) == 7


# --- JUnit ------------------------------------------------------------------------------

def test_junit_has_a_suite_per_document_and_a_failure_per_finding(sample_result):
    root = ET.fromstring(render(sample_result, "junit"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {d.id for d in sample_result.documents} | {"input"}
    bay = suites["harbour-fire/bay-times"]
    assert bay.get("file") == "corpus/harbour-fire/bay-times.md"
    assert (bay.get("tests"), bay.get("failures")) == ("2", "2")
    cases = bay.findall("testcase")
    assert [c.get("name") for c in cases] == ["F501 figure-conflict at 3:7",
                                               "B201 glued-boilerplate at 5:108"]
    failure = cases[0].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "8,100 homes conflicts with about 1,800 elsewhere."
    assert "related: harbour-fire/coastal-daily" in failure.text
    assert sum(int(s.get("failures")) for s in root.findall("testsuite")) == 7
    assert root.get("failures") == "7" and root.get("errors") == "1"
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in root.findall("testsuite")))
    [err] = suites["input"].findall("testcase/error")
    assert "no 'text' column" in err.get("message")


def test_junit_passing_documents_and_characters_xml_cannot_hold():
    text = "Clean text.\n"
    bad = "Form feed \x0c and NUL \x00 in a scraped page.\n"
    docs = [AuditedDocument(Document(id=i, text=t), normalize(t, []))
            for i, t in (("clean", text), ("bad", bad))]
    finding = Finding("X901", "marker", Category.MOJIBAKE, Severity.WARNING, "bad", 10, 11,
                      "Form feed \x0c and", "control character \x0c")
    result = Result(docs, [Story("s", ("clean", "bad"))], [finding])
    root = ET.fromstring(render(result, "junit"))  # parses: the characters were escaped
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert [c.get("name") for c in suites["clean"].findall("testcase")] == ["no findings"]
    assert suites["clean"].find("testcase/failure") is None
    assert suites["bad"].find("testcase/failure").get("message") == "control character \\x0c"


# --- GitHub annotations and text ---------------------------------------------------------

def test_github_annotations(sample_result):
    lines = render(sample_result, "github").splitlines()
    assert len(lines) == 8  # 7 findings + 1 input problem
    assert lines[2].startswith(
        "::error file=corpus/harbour-fire/coastal-daily.md,line=7,col=44,endLine=7,"
        "endColumn=46,title=D301 dropped-number::A number is missing after 'more than'.%0A")
    assert [ln.split(" ", 1)[0] for ln in lines].count("::notice") == 1  # info → notice
    row = next(ln for ln in lines if "rows.jsonl" in ln)
    assert row.startswith("::warning file=corpus/rows.jsonl,title=B201 glued-boilerplate "
                          "[rows/r1]::")
    assert "line=" not in row


def test_github_escapes_separators_and_newlines():
    text = "Up 50% on day one\nthen more.\n"
    doc = Document(id="a", text=text, path="odd, name: here.txt")
    audited = AuditedDocument(doc, normalize(text, []))
    finding = Finding("X901", "marker", Category.MARKUP, Severity.ERROR, "a", 3, 6, "50%",
                      "100% wrong\nreally")
    out = render(Result([audited], [Story("a", ("a",))], [finding]), "github")
    assert out.startswith("::error file=odd%2C name%3A here.txt,line=1,col=4,")
    assert "::100%25 wrong%0Areally%0A50%25\n" in out
    assert out.count("\n") == 1


def test_text_is_compiler_like(sample_result):
    out = render(sample_result, "text")
    assert ("corpus/harbour-fire/coastal-daily.md:7:44: D301 [error] A number is missing "
            "after 'more than'.") in out
    assert "corpus/rows.jsonl[rows/r1]:1:25: B201 [warning] An ad glued to a word." in out
    assert out.rstrip().endswith("5 documents, 3 stories: 2 error, 4 warning, 1 info; "
                                 "1 input problems")


def test_json_carries_the_triage_as_an_additional_key(sample_result):
    entries = bl.build_baseline(sample_result)
    ignores = [bl.IgnoreEntry("lone", "L6", "marker only", index=0),
               bl.IgnoreEntry("nowhere/*", "B201", "not an audited document", index=1),
               bl.IgnoreEntry("harbour-fire/*", "N401", "no such excerpt: stale",
                              excerpt="no such text", index=2)]
    data = json.loads(render(bl.apply(sample_result, entries[1:], ignores,
                                      baseline_name="b.json", ignore_name="i.yaml"), "json"))
    triage = data["triage"]
    assert triage["baseline"] == "b.json" and triage["ignore_file"] == "i.yaml"
    assert [i["finding"]["rule"] for i in triage["ignored"]] == ["L601"]
    assert [s["entry"] for s in triage["stale"]] == [3]
    # entries[0] was left out of the baseline: its finding is the only new one.
    assert [f["rule"] for f in data["findings"]] == [entries[0].rule]
    assert triage["known"] == 5 and triage["fixed"] == []
