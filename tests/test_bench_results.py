"""bench/results.record: each benchmark rewrites its own section of RESULTS.md and no other."""

from __future__ import annotations

import sys

from bench_runs import ROOT

sys.path.insert(0, str(ROOT / "bench"))
try:
    from results import record
finally:
    sys.path.pop(0)


def test_a_section_is_replaced_in_place_and_the_others_kept(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Benchmarks\n\n## Report\n\nold report\n\n## Encoding repair\n\ntheirs\n")
    record(path, "## Report\n\nnew report\n")
    assert path.read_text() == (
        "# Benchmarks\n\n## Report\n\nnew report\n\n## Encoding repair\n\ntheirs\n")
    record(path, "## Report\n\nnewer\n")  # again: replaced, not added
    assert path.read_text().count("## Report\n") == 1 and "newer" in path.read_text()


def test_a_heading_that_extends_another_is_its_own_section(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# Benchmarks\n\n## Encoding repair\n\ntimes\n")
    record(path, "## Encoding repair, instructions\n\ncounts\n")
    record(path, "## Encoding repair\n\nnew times\n")
    assert path.read_text() == ("# Benchmarks\n\n## Encoding repair\n\nnew times\n\n"
                                "## Encoding repair, instructions\n\ncounts\n")


def test_a_missing_file_is_started(tmp_path):
    path = tmp_path / "RESULTS.md"
    record(path, "## Report\n\nfirst\n")
    assert path.read_text() == "# Benchmarks\n\n## Report\n\nfirst\n"
