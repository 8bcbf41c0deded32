"""bench/instructions.py: it counts the measured slice only, and the table it prints is of
the counts. Structure only; what the counts are is the benchmark's business. Skipped where
valgrind is not installed (it is what counts)."""

from __future__ import annotations

import pickle
import re
import shutil
import sys

import pytest
from bench_runs import ROOT, run_bench

pytestmark = pytest.mark.skipif(shutil.which("valgrind") is None,
                                reason="valgrind is not installed: it counts the instructions")


def _bench():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import instructions
    finally:
        sys.path.pop(0)
    return instructions


def test_only_the_measured_slice_is_counted(tmp_path):
    bench = _bench()
    path = tmp_path / "slices.pickle"
    warm = ["caf\u00c3\u00a9 and France\u9225\u6a9a economy"] * 20
    path.write_bytes(pickle.dumps({"damaged": (warm, []), "twice": (warm, warm * 2),
                                   "once": (warm, warm)}))
    nothing = bench.count("ftfy", ROOT, path, "damaged")
    once = bench.count("ftfy", ROOT, path, "once")
    twice = bench.count("ftfy", ROOT, path, "twice")
    # the warm-up and the import are not counted: an empty measured slice costs ~nothing
    assert nothing < 10_000 < once
    # twice the documents, about twice the instructions (the same texts, so caches are warm)
    assert 1.7 < twice / once < 2.3


def test_the_table_compares_both_tools_and_is_recorded(tmp_path):
    section = run_bench(tmp_path, "instructions.py", "--parts", "damaged", "--mb", "0.003",
                        "--warm-mb", "0.01", heading="## Encoding repair, instructions",
                        timeout=900)
    assert "`python bench/instructions.py --parts damaged --mb 0.003 --warm-mb 0.01`" in section
    row = re.search(r"^\| damaged \| (\d+) \| ([\d,]+) \| ([\d,]+) \| (\d+\.\d\d)x \|$",
                    section, re.M)
    assert row, section
    ours, ftfy = (float(row[i].replace(",", "")) for i in (2, 3))
    assert ours > 0 and ftfy > 0
    # per-byte counts are rounded to whole instructions, the ratio to two decimals
    assert float(row[4]) == pytest.approx(ftfy / ours, rel=0.01, abs=0.006)
