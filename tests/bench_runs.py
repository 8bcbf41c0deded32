"""Running a benchmark script in a test: into a scratch RESULTS.md that already holds another
benchmark's section, which must survive (``bench/results.record``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEIGHBOUR = "## Someone else's\n\nTheir table.\n"


def run_bench(tmp_path: Path, script: str, *args: str, heading: str, timeout: int = 600
              ) -> str:
    """Run ``bench/<script>`` with ``args``; return the section under ``heading`` that it
    recorded."""
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Benchmarks\n\n{NEIGHBOUR}")
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args,
                           "--results", str(results)],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    text = results.read_text()
    assert NEIGHBOUR in text  # another section is kept
    assert text.count(heading + "\n") == 1
    return text[text.index(heading + "\n"):]
