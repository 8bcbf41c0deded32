"""The cross-source stage on the bundled fixture corpora: every ``cross`` expectation of
their expected.yaml met, none of the listed false alarms, and the claims matrix and names
table the report renders."""

from __future__ import annotations

import io
import json

import pytest
from fixture_expectations import FIXTURES, cluster_names, load_clusters, score

import audit
from audit.report import writers

CLUSTERS = cluster_names()
pytestmark = pytest.mark.skipif(not CLUSTERS, reason="no fixture clusters under fixtures/")


@pytest.fixture(scope="module")
def results():
    return {c: audit.check(FIXTURES / c) for c in CLUSTERS}


@pytest.fixture(scope="module")
def expectations():
    return load_clusters()


@pytest.mark.parametrize("cluster", CLUSTERS)
def test_cross_expectations(cluster, results, expectations):
    got = score(results[cluster], "cross", clusters=[cluster], loaded=expectations)
    assert got.expected > 0
    assert got.ok, "\n" + got.report()


def _row(result, counts_word: str):
    (story,) = result.stories
    rows = [c for c in story.claims if counts_word in c["counts"]]
    assert rows, [c["counts"] for c in story.claims]
    return rows[0]


def test_claims_matrix_marks_the_outlier(results):
    row = _row(results["orsenne-fire"], "homes")
    assert row["conflict"] and row["kind"] == "count"
    cells = row["cells"]
    assert cells["riviera-today"]["text"] == "about 8,100"
    assert cells["riviera-today"]["agrees"] is False
    assert cells["alpine-courier"]["agrees"] is True
    assert cells["daily-ember"]["text"] == "at least 1,700"  # a floor that still agrees
    # offsets are in the original text, like findings
    doc = results["orsenne-fire"].document("riviera-today")
    c = cells["riviera-today"]
    assert doc.original[c["start"]:c["end"]] == "about 8,100"


def test_claims_matrix_shows_gaps_and_dates(results):
    row = _row(results["ferry-seraya"], "rescued")
    gap = row["cells"]["seaboard-news"]
    assert gap["gap"] and gap["agrees"] is False
    dates = [c for c in results["ferry-seraya"].stories[0].claims if c["kind"] == "date"]
    capsized = next(c for c in dates if c["conflict"])
    assert capsized["cells"]["coastline-post"]["date"] == "2025-02-10"
    assert capsized["cells"]["tidewire"]["date"] == "2025-02-11"


def test_names_table(results):
    table = {r["entity"]: r for r in results["lantern-tide"].stories[0].names}
    assert table["Tomás Ibáñez"]["issues"] == ["name-variant"]
    assert table["Tomás Ibáñez"]["spellings"]["meridian-times"] == ["Tomas Ibanez"]
    assert "garbled-name" in table["Dolores Achával"]["issues"]
    assert table["Meridian Customs Alliance"]["issues"] == []


def test_json_report_carries_claims_and_names(results):
    out = io.StringIO()
    writers()["json"](results["lantern-tide"], out)
    data = json.loads(out.getvalue())
    assert data["schema"] == "source-audit/findings@1"
    (story,) = data["stories"]
    assert story["claims"] and story["names"]
    assert all(set(c) >= {"id", "counts", "conflict", "cells"} for c in story["claims"])
    assert all(set(n) >= {"id", "entity", "kind", "spellings", "issues"}
               for n in story["names"])
