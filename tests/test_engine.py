"""The runner: rules applied, findings located, overlapping same-category findings merged."""

import pytest

from audit.checks import registry
from audit.checks.registry import Hit, Rule
from audit.config import Config
from audit.engine import _dedupe, audit_document, run
from audit.model import Category, Document, Finding, Related, Severity


def _finding(rule, start, end, category=Category.DROPPED_NUMBER, related=(), sev="error"):
    return Finding(rule, "x", category, Severity(sev), "doc", start, end, "e", "m",
                   related=related, suggestion=None)


def test_overlapping_findings_of_one_category_merge_their_evidence():
    r = Related("other", 3, 6, "nearly 40 were")
    merged = _dedupe([_finding("D301", 10, 12), _finding("F502", 11, 12, related=(r,))])
    assert len(merged) == 1
    assert merged[0].rule == "D301" and merged[0].related == (r,)


def test_other_categories_disjoint_spans_and_two_document_rules_stay_apart():
    kept = _dedupe([_finding("D301", 10, 12), _finding("D302", 20, 22),
                    _finding("B201", 10, 12, category=Category.BOILERPLATE),
                    _finding("D304", 21, 30)])
    assert [f.rule for f in kept] == ["D301", "D302", "B201", "D304"]


def test_exact_repeats_are_dropped():
    assert len(_dedupe([_finding("D301", 1, 2), _finding("D301", 1, 2)])) == 1


@pytest.fixture
def shout_rule(monkeypatch):
    def shout(ctx):
        """Flags words in capitals."""
        for word in ("LOUD",):
            i = ctx.text.find(word)
            if i != -1:
                yield Hit(i, i + len(word), "capitals", suggestion=word.lower())
    registry.all_rules()
    rule = Rule("X902", "shout", Category.MARKUP, Severity.WARNING, "Flags capitals.",
                "document", check=shout, origin="tests")
    monkeypatch.setitem(registry._RULES, "X902", rule)
    return rule


def test_audit_document_applies_severity_overrides(shout_rule):
    doc = Document(id="d", text="quiet then LOUD words")
    config = Config(select=("X902",), severity={"X902": Severity.ERROR})
    _, findings = audit_document(doc, config)
    [f] = findings
    assert (f.rule, f.severity, f.start, f.end, f.suggestion) == ("X902", Severity.ERROR,
                                                                  11, 15, "loud")


def test_run_is_deterministic_and_fails_by_threshold(shout_rule):
    docs = [Document(id=f"d{i}", text=f"text {i} LOUD", story="s") for i in range(3)]
    config = Config(select=("X902",))
    first, second = run(docs, config), run(docs, config)
    assert [f.to_dict() for f in first.findings] == [f.to_dict() for f in second.findings]
    assert [s.id for s in first.stories] == ["s"]
    assert not first.fails("error") and first.fails("warning") and not first.fails("never")


def test_a_process_pool_gives_the_same_result_as_one_process():
    docs = [Document(id=f"d{i}", text=f"Le caf\u00c3\u00a9 {i} ouvre.  Rien.\n", story="s")
            for i in range(12)]
    one = run(docs, Config())
    pooled = run(docs, Config(), jobs=2)
    assert [d.text for d in pooled.documents] == [d.text for d in one.documents]
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in one.findings]
