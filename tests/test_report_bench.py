"""bench/report.py in quick mode: it runs, writes the reports and records its section of
RESULTS.md without touching the others. Structure only; speed is the benchmark's business."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_quick(results: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "report.py"), "--quick",
                           "--no-browser", "--results", str(results), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_quick_bench_writes_reports_and_its_results_section(tmp_path):
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmarks\n\n## Encoding repair\n\nTheir table.\n")
    proc = run_quick(results, tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    text = results.read_text()
    assert "## Encoding repair\n\nTheir table.\n" in text  # another section is kept
    section = text[text.index("## Report"):]
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

    # A second run replaces the section instead of adding one.
    assert run_quick(results, tmp_path / "out").returncode == 0
    assert results.read_text().count("## Report") == 1
    assert "## Encoding repair" in results.read_text()
