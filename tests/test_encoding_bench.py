"""bench/encoding.py in quick mode: it runs, measures both tools on the three parts and
records its section of RESULTS.md without touching the others. Structure only; speed is the
benchmark's business."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from bench_runs import run_bench

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("clean English", "clean multilingual", "damaged")


def test_quick_bench_records_its_section(tmp_path):
    section = run_bench(tmp_path, "encoding.py", "--quick", heading="## Encoding repair")
    assert "python bench/encoding.py --quick" in section and "Machine:" in section
    for part in PARTS:
        row = re.search(rf"^\| {part} \| (\d+\.\d\d) \| ([\d,]+) \| (\d+\.\d\d) \| (\d+\.\d\d) "
                        rf"\| (\d+\.\d)x \|$", section, re.M)
        assert row, part
        mb, docs = float(row[1]), int(row[2].replace(",", ""))
        ours, ftfy, ratio = float(row[3]), float(row[4]), float(row[5])
        assert mb > 0 and docs > 0 and ours > 0 and ftfy > 0
        assert abs(ratio - ours / ftfy) <= 0.1 + 0.05 * ratio  # the ratio is of the two
    restored = re.search(r"restored exactly: (\d+) of (\d+) by `fix_text`, (\d+) by", section)
    assert restored and int(restored[1]) <= int(restored[2])
    assert re.search(r"Clean documents changed by `fix_text`: \d+ of ", section)


def test_the_corpus_is_seeded_and_damaged_where_it_says():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import encoding as bench
    finally:
        sys.path.pop(0)
    sizes = {"clean English": 0.01, "clean multilingual": 0.01, "damaged": 0.01}
    first, again = bench.corpus(sizes), bench.corpus(sizes)
    assert first == again
    assert all(t == o for t, o in first["clean English"] + first["clean multilingual"])
    assert any(t != o for t, o in first["damaged"])
