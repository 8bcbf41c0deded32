"""The fixture corpora and their expected.yaml files keep their promises, and the scorer the
other suites rely on (tests/fixture_expectations.py) matches the way it says it does."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
import yaml
from fixture_expectations import (
    FIXTURES,
    Expectation,
    ExpectationError,
    cluster_dirs,
    load_clusters,
    meets,
    score,
)

from audit.checks.context import AuditedDocument
from audit.checks.registry import Rule
from audit.engine import Result
from audit.io import load
from audit.model import Category, Finding, Related, Severity
from audit.normalize import normalize

REPO = FIXTURES.parent


@pytest.fixture(scope="module")
def clusters():
    return load_clusters()


@pytest.fixture(scope="module")
def loaded():
    return load(FIXTURES)


# --- the corpora -----------------------------------------------------------------------------

def test_fixtures_load_without_errors(loaded):
    assert loaded.errors == []
    ids = [d.id for d in loaded.documents]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 14


def test_at_least_three_clusters_of_four_sources(clusters):
    assert len(clusters) >= 3
    for cluster in clusters:
        sources = {d.source for d in cluster.documents.values()}
        assert None not in sources, cluster.name
        assert len(sources) >= 4, (cluster.name, sources)


def test_the_three_shapes_are_present(loaded):
    shapes: dict[str, Path] = {}
    for folder in cluster_dirs():
        files = [p for p in folder.iterdir()
                 if p.name not in ("README.md", "story.yaml", "expected.yaml")]
        suffixes = {p.suffix for p in files}
        if suffixes == {".md"}:
            assert (folder / "story.yaml").is_file(), folder
            shapes["md"] = folder
        elif suffixes in ({".jsonl"}, {".csv"}):
            assert len(files) == 1, (folder, files)
            shapes[suffixes.pop()[1:]] = files[0]
    assert set(shapes) == {"md", "jsonl", "csv"}

    ids = {d.id for d in loaded.documents}
    folder = shapes["md"]
    assert {f"{folder.name}/{p.stem}" for p in folder.glob("*.md") if p.name != "README.md"} \
        <= ids
    rows = [json.loads(line) for line in shapes["jsonl"].read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    with shapes["csv"].open(encoding="utf-8", newline="") as handle:
        rows_csv = list(csv.DictReader(handle))
    for path, records in ((shapes["jsonl"], rows), (shapes["csv"], rows_csv)):
        assert records, path
        for record in records:
            assert set(record) == {"id", "source", "url", "published", "language", "story",
                                   "text"}, path
            assert f"{path.parent.name}/{record['id']}" in ids


def test_front_matter_gives_the_metadata(loaded):
    for doc in loaded.documents:
        assert doc.source and doc.url and doc.published and doc.language == "en", doc.id
        assert not doc.text.startswith("---"), doc.id


def test_documents_carry_their_cluster_story(clusters):
    for cluster in clusters:
        assert {d.story for d in cluster.documents.values()} == {cluster.story}


def test_every_document_is_accounted_for(clusters):
    for cluster in clusters:
        named = ({e.document for e in cluster.expected} | {m.document for m in cluster.must_not}
                 | set(cluster.clean))
        assert named == set(cluster.documents), cluster.name


def test_articles_are_150_to_450_words(loaded):
    for doc in loaded.documents:
        words = len(doc.text.split())
        assert 150 <= words <= 450, (doc.id, words)
        assert doc.text.count("\n\n") >= 3, f"{doc.id}: want several paragraphs"


def test_every_category_is_expected_somewhere(clusters):
    seen = {e.category for c in clusters for e in c.expected}
    assert seen == {c.value for c in Category}


def test_each_cluster_has_both_scopes_traps_and_a_clean_document(clusters):
    for cluster in clusters:
        assert {e.scope for e in cluster.expected} == {"document", "cross"}, cluster.name
        assert cluster.must_not, cluster.name
        assert cluster.clean, cluster.name


def test_evidence_is_present_once_in_its_document(clusters):
    for cluster in clusters:
        for item in [*cluster.expected, *cluster.must_not]:
            text = cluster.documents[item.document].text
            assert text.count(item.evidence) == 1, (item.document, item.evidence)
            assert text[item.start:item.end] == item.evidence


def test_a_gap_exposed_by_other_sources_needs_their_evidence(clusters):
    doubled = [e for c in clusters for e in c.expected if e.needs_related]
    assert doubled, "some dropped figure should be expected in both scopes"
    assert all(e.scope == "cross" for e in doubled)


def _readme_damage() -> list[tuple[str, str, str]]:
    block = re.search(r"```python\n(.*?)```", (FIXTURES / "README.md").read_text(
        encoding="utf-8"), re.S)
    assert block, "fixtures/README.md has no python block"
    namespace: dict = {}
    exec(compile(block.group(1), str(FIXTURES / "README.md"), "exec"), namespace)
    return [(doc, namespace["mangle"](clean, chain)) for doc, chain, clean in
            namespace["DAMAGE"]]


def test_readme_reproduces_the_mojibake_and_expected_covers_it(clusters, monkeypatch):
    monkeypatch.chdir(REPO)
    damaged = _readme_damage()  # the block asserts each damaged span is in its document
    docs = {i: d for c in clusters for i, d in c.documents.items()}
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, text in damaged:
        start = docs[doc_id].text.find(text)
        spans.setdefault(doc_id, []).append((start, start + len(text)))
    mojibake = [e for c in clusters for e in c.expected if e.category == "mojibake"]
    for e in mojibake:  # every expectation sits in a damaged span ...
        assert any(s <= e.start and e.end <= t for s, t in spans.get(e.document, [])), e
    for doc_id, found in spans.items():  # ... and every damaged span has one
        for s, t in found:
            assert any(e.document == doc_id and s <= e.start < t for e in mojibake), doc_id
    # One expectation per damaged run: the non-ASCII runs of the damaged text.
    for doc_id, found in spans.items():
        text = docs[doc_id].text
        for s, t in found:
            runs = [m.span() for m in re.finditer(r"[^\x00-\x7f]+", text[s:t])]
            mine = [e for e in mojibake if e.document == doc_id and s <= e.start < t]
            assert len(mine) == len(runs), (doc_id, [text[s + a:s + b] for a, b in runs])


# --- validation of expected.yaml --------------------------------------------------------------

def _demo(root: Path, expected: dict, files: dict[str, str] | None = None) -> Path:
    folder = root / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text("id: demo\n", encoding="utf-8")
    for name, body in (files or DEMO_FILES).items():
        (folder / f"{name}.md").write_text(f"---\nsource: {name.upper()} News\n---\n{body}",
                                           encoding="utf-8")
    (folder / "expected.yaml").write_text(yaml.safe_dump(expected, allow_unicode=True),
                                          encoding="utf-8")
    return folder


DEMO_FILES = {
    "a": "Officials said more than  were rescued after the storm.\n\n"
         "The mayor, Ana Lopez, thanked the volunteers.\n",
    "b": "Officials said 120 were rescued after the storm.\n\n"
         "The mayor, Ana López, thanked the volunteers.\n",
    "c": "About 120 people were rescued.  Roads reopened on Friday.\n",
}
DEMO = {
    "story": "demo",
    "expected": [
        {"document": "demo/a", "category": "dropped-number", "evidence": "more than  were",
         "scope": "document"},
        {"document": "demo/a", "category": "dropped-number", "evidence": "more than  were",
         "scope": "cross", "note": "b gives 120"},
        {"document": "demo/a", "category": "name-variant", "evidence": "Ana Lopez",
         "scope": "cross"},
    ],
    "must_not": [
        {"document": "demo/b", "category": "name-variant", "evidence": "Ana López"},
        {"document": "demo/c", "category": "dropped-number", "evidence": "rescued.  Roads"},
    ],
    "clean": ["demo/c"],
}


def test_a_valid_demo_cluster_loads(tmp_path):
    _demo(tmp_path, DEMO)
    (cluster,) = load_clusters(tmp_path)
    assert cluster.name == "demo" and cluster.story == "demo"
    first = cluster.expected[0]
    assert (first.start, first.end) == (15, 30)
    assert [e.needs_related for e in cluster.expected] == [False, True, False]


@pytest.mark.parametrize(("change", "complaint"), [
    (lambda d: d["expected"][0].update(category="typo"), "unknown category 'typo'"),
    (lambda d: d["expected"][0].update(evidence="no such words"), "is not in demo/a"),
    (lambda d: d["expected"][0].update(document="demo/z"), "no document 'demo/z'"),
    (lambda d: d["expected"][0].update(scope="story"), "scope must be one of"),
    (lambda d: d["expected"][0].pop("scope"), "missing ['scope']"),
    (lambda d: d["expected"][0].update(evidnce="x"), "unknown keys ['evidnce']"),
    (lambda d: d["clean"].append("demo/a"), "demo/a also has expected findings"),
    (lambda d: d["must_not"].append({"document": "demo/a", "category": "name-variant",
                                     "evidence": "Lopez"}), "contradicts expected"),
    (lambda d: d["expected"].append(dict(d["expected"][0])), "duplicate entry"),
])
def test_malformed_expectations_are_rejected(tmp_path, change, complaint):
    data = json.loads(json.dumps(DEMO))
    change(data)
    _demo(tmp_path, data)
    with pytest.raises(ExpectationError, match=re.escape(complaint)):
        load_clusters(tmp_path)


# --- the matcher on hand-made findings ---------------------------------------------------------

STORY_RULE = Rule("X501", "demo-story-rule", Category.NAME_VARIANT, Severity.WARNING,
                  "demo", "story")


def _result(root: Path, findings: list[Finding], load_from: Path | None = None) -> Result:
    docs = load(load_from or root).documents
    audited = [AuditedDocument(d, normalize(d.text, chain=[])) for d in docs]
    return Result(audited, [], findings, rules={STORY_RULE.code: STORY_RULE})


def _finding(doc: str, category: str, start: int, end: int, *, excerpt: str = "",
             severity: Severity = Severity.ERROR, rule: str = "X301",
             related: tuple[Related, ...] = ()) -> Finding:
    return Finding(rule, "demo-rule", Category(category), severity, doc, start, end, excerpt,
                   "hand-made", related)


def _span(root: Path, doc: str, text: str) -> tuple[int, int]:
    body = next(d for d in load(root).documents if d.id == doc).text
    start = body.index(text)
    return start, start + len(text)


@pytest.fixture
def demo(tmp_path):
    _demo(tmp_path, DEMO)
    return tmp_path


def test_exact_matches_give_full_recall(demo):
    gap = _span(demo, "demo/a", "more than  were")
    name = _span(demo, "demo/a", "Ana Lopez")
    b_name = _span(demo, "demo/b", "Ana López")
    related = (Related("demo/b", *b_name, "Ana López"),)
    result = _result(demo, [
        _finding("demo/a", "dropped-number", *gap),
        _finding("demo/a", "dropped-number", *gap, related=related, rule="X502"),
        _finding("demo/a", "name-variant", *name, rule="X501", related=related),
    ])
    for scope, expected in (("document", 1), ("cross", 2), (None, 3)):
        got = score(result, scope, root=demo)
        assert (got.expected, got.matched, got.recall) == (expected, expected, 1.0)
        assert got.ok, got.report()


def test_a_missing_finding_is_a_miss_and_reported(demo):
    result = _result(demo, [])
    got = score(result, root=demo)
    assert got.recall == 0.0 and len(got.misses) == 3 and not got.ok
    report = got.report()
    assert "recall 0% (0/3)" in report
    assert "'Ana Lopez'" in report and "b gives 120" in report


def test_overlap_alone_is_enough(demo):
    start, end = _span(demo, "demo/a", "more than  were")
    partial = _finding("demo/a", "dropped-number", end - 6, end + 8)  # " were rescued"
    gap_only = _finding("demo/a", "dropped-number", start + 9, start + 11)  # the two spaces
    insertion = _finding("demo/a", "dropped-number", start + 10, start + 10)
    expectation = load_clusters(demo)[0].expected[0]
    for finding in (partial, gap_only, insertion):
        assert meets(finding, expectation), finding
    touching = _finding("demo/a", "dropped-number", end, end + 5)  # right after, not in
    assert not meets(touching, expectation)


def test_the_excerpt_can_stand_for_the_span(demo):
    expectation = load_clusters(demo)[0].expected[2]  # name-variant, Ana Lopez
    elsewhere = _finding("demo/a", "name-variant", 0, 4, excerpt="…mayor, Ana Lopez, thanked…")
    assert meets(elsewhere, expectation)
    assert not meets(_finding("demo/a", "name-variant", 0, 4, excerpt="Officials"),
                     expectation)


def test_category_and_document_must_agree(demo):
    name = _span(demo, "demo/a", "Ana Lopez")
    expectation = load_clusters(demo)[0].expected[2]
    assert not meets(_finding("demo/a", "garbled-name", *name), expectation)
    assert not meets(_finding("demo/b", "name-variant", *name), expectation)


def test_a_doubled_cross_expectation_needs_other_sources(demo):
    gap = _span(demo, "demo/a", "more than  were")
    plain = _result(demo, [_finding("demo/a", "dropped-number", *gap)])
    assert score(plain, "document", root=demo).recall == 1.0
    cross = score(plain, "cross", root=demo)
    assert [m.evidence for m in cross.misses] == ["more than  were", "Ana Lopez"]
    cited = _finding("demo/a", "dropped-number", *gap,
                     related=(Related("demo/b", 15, 18, "120"),))
    assert score(_result(demo, [cited]), "cross", root=demo).matched == 1


def test_must_not_and_clean_documents_give_false_alarms(demo):
    b_name = _span(demo, "demo/b", "Ana López")
    trap = _span(demo, "demo/c", "rescued.  Roads")
    findings = [
        _finding("demo/b", "name-variant", *b_name, rule="X501", severity=Severity.INFO),
        _finding("demo/c", "dropped-number", *trap, severity=Severity.INFO),
        _finding("demo/c", "mojibake", 0, 5, severity=Severity.WARNING),
        _finding("demo/c", "boilerplate", 0, 5, severity=Severity.INFO),
        _finding("demo/b", "dropped-number", 0, 9, severity=Severity.ERROR),
    ]
    result = _result(demo, findings)
    both = score(result, root=demo)
    reasons = [a.reason for a in both.false_alarms]
    assert len(reasons) == 3, both.report()
    assert reasons[0].startswith("must not: 'Ana López'")
    assert reasons[1].startswith("must not: 'rescued.  Roads'")
    assert reasons[2] == "a warning or error on a clean document"
    # A false alarm belongs to the scope of the rule that raised it.
    assert len(score(result, "cross", root=demo).false_alarms) == 1  # the story rule X501
    assert len(score(result, "document", root=demo).false_alarms) == 2
    assert "false alarms (3)" in both.report() and "mojibake" in both.report()
    # A warning elsewhere that nothing expects is shown, not counted.
    assert [f.document for f in both.unexpected] == ["demo/b"]
    assert "unexpected, not counted (1)" in both.report()


def test_unexpected_findings_do_not_fail_a_score(demo):
    gap = _span(demo, "demo/a", "more than  were")
    result = _result(demo, [_finding("demo/a", "dropped-number", *gap),
                            _finding("demo/a", "markup", 0, 9, severity=Severity.WARNING),
                            _finding("demo/b", "markup", 0, 9, severity=Severity.INFO)])
    got = score(result, "document", root=demo)
    assert got.ok and got.recall == 1.0
    assert [(f.document, f.category.value) for f in got.unexpected] == [("demo/a", "markup")]


def test_ids_of_a_cluster_loaded_alone_are_mapped(demo):
    gap = _span(demo, "demo/a", "more than  were")
    result = _result(demo, [_finding("a", "dropped-number", *gap),
                            _finding("c", "mojibake", 0, 3, severity=Severity.WARNING)],
                     load_from=demo / "demo")
    assert {d.id for d in result.documents} == {"a", "b", "c"}
    got = score(result, "document", root=demo)
    assert got.clusters == ["demo"] and got.matched == 1
    assert [a.finding.document for a in got.false_alarms] == ["c"]


def test_unknown_cluster_and_scope_are_refused(demo):
    result = _result(demo, [])
    with pytest.raises(KeyError):
        score(result, clusters=["nope"], root=demo)
    with pytest.raises(ValueError):
        score(result, "story", root=demo)


def test_expectation_describes_itself():
    e = Expectation("demo", "demo/a", "mojibake", "Ã©", "document", 3, 5, note="cp1252")
    assert e.describe() == "demo/a [mojibake, document] 'Ã©' at 3-5  (cp1252)"
