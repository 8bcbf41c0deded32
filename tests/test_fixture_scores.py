"""The whole audit against the bundled fixture corpora: 100% recall, zero false alarms.

One audit per cluster (``audit.check("fixtures/<cluster>")``), scored once per scope:
``document`` (the per-document checks) and ``cross`` (the cross-source checks). A failure
lists every miss and every false alarm; see tests/fixture_expectations.py for the rules.
"""

from __future__ import annotations

import pytest
from fixture_expectations import FIXTURES, SCOPES, cluster_names, load_clusters, score

import audit

CLUSTERS = cluster_names()


@pytest.fixture(scope="module")
def expectations():
    return load_clusters()


@pytest.fixture(scope="module")
def audited():
    cache = {}

    def get(cluster: str):
        if cluster not in cache:
            cache[cluster] = audit.check(FIXTURES / cluster)
        return cache[cluster]

    return get


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("cluster", CLUSTERS)
def test_fixture_score(cluster, scope, audited, expectations):
    result = audited(cluster)
    assert not result.errors, [str(e) for e in result.errors]
    got = score(result, scope, clusters=[cluster], loaded=expectations)
    assert got.expected > 0
    if not got.ok:
        pytest.fail("\n" + got.report(), pytrace=False)
