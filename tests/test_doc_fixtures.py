"""The document rules against the bundled fixture corpora and ftfy's negative cases.

Recall is computed over the per-document expectations of the categories these rules cover
(mojibake is the encoding rules' and is scored by their suite); false alarms over every
finding of these rules: a ``must_not`` span hit, or a warning or error on a ``clean``
document. tests/test_fixture_scores.py scores the whole audit.
Both must be perfect. ftfy's negative cases (text that looks odd but is fine) must raise no
warning or error at all.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fixture_expectations import FIXTURES, cluster_names, load_clusters, score

import audit
from audit.config import Config
from audit.engine import run
from audit.model import Document, Severity

CATEGORIES = {"boilerplate", "markup", "dropped-number", "dropped-text", "mixed-language"}
FAMILIES = ("B2", "M1", "D3", "L6", "N450", "X8")  # the document rules under test
FTFY = Path(__file__).resolve().parents[1].parent / "shared" / "peer-suites" / "ftfy"


@pytest.fixture(scope="module")
def clusters():
    return [replace(c, expected=[e for e in c.expected if e.category in CATEGORIES])
            for c in load_clusters()]


@pytest.mark.parametrize("cluster", cluster_names())
def test_per_document_recall_is_complete_and_there_is_no_false_alarm(cluster, clusters):
    result = audit.check(FIXTURES / cluster)
    result.findings = [f for f in result.findings if f.rule.startswith(FAMILIES)]
    got = score(result, "document", clusters=[cluster], loaded=clusters)
    print(got.summary())
    assert got.expected > 0
    assert got.ok, "\n" + got.report()


def test_ftfy_negative_cases_raise_no_warning():
    path = FTFY / "negative.json"
    if not path.is_file():
        pytest.skip(f"ftfy's test cases are not at {path}")
    cases = json.loads(path.read_text(encoding="utf-8"))
    docs = [Document(id=f"negative-{i}", text=c["original"]) for i, c in enumerate(cases)]
    result = run(docs, Config())
    loud = [(f.document, f.rule, f.message) for f in result.findings
            if f.severity.at_least(Severity.WARNING)]
    assert len(docs) == 31 and loud == []
