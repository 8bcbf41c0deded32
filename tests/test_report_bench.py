"""bench/report.py in quick mode: it runs, writes the reports and records its section of
RESULTS.md without touching the others. Structure only; speed is the benchmark's business."""

from __future__ import annotations

import json
import re

from bench_runs import run_bench


def test_quick_bench_writes_reports_and_its_results_section(tmp_path):
    section = run_bench(tmp_path, "report.py", "--quick", "--no-browser",
                        "--out", str(tmp_path / "out"), heading="## Report", timeout=300)
    assert "200 documents, 800 findings and 40 stories" in section
    for fmt in ("html", "json", "sarif"):
        assert re.search(rf"^\| {fmt} \| \d+\.\d\d s \| \d+\.\d MB \|$", section, re.M), fmt
    # The reports hold what the bench says it wrote.
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(data["documents"]) == 200 and len(data["findings"]) == 800
    page = (tmp_path / "out" / "report.html").read_text()
    block = re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1)
    assert len(json.loads(block)["findings"]) == 800
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == 800

