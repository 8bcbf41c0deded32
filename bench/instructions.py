"""Benchmark by instruction count: what ``audit.fix_text`` and ``ftfy.fix_text`` cost in CPU
instructions on a seeded slice of the encoding benchmark's corpus, counted by valgrind.

Seconds on these machines swing by a third from minute to minute, so a change worth 5 % cannot
be seen in ``bench/encoding.py``'s timings. Instructions are counted, not timed: the same
checkout, input and Python give the same count to 0.02 % whatever else the machine does (the
hash seed is fixed; what is left comes from objects hashed by address). They are a
proxy for time (a cache miss costs more than an add), so MB/s stay in ``encoding.py``; this is
for comparing two versions of the code, or one tool with the other, on equal terms.

Each tool runs under ``valgrind --tool=callgrind``: it is imported, loads its word lists and
repairs a warm-up slice (other documents of the same kind, so that the caches hold what a long
run would), all uninstrumented; then instrumentation is switched on (``callgrind_control``)
and it repairs the measured slice. Only that slice is counted: it runs inside
``functools.reduce``, and callgrind counts only while that C function is on the stack
(``--toggle-collect``; neither tool calls it).

    python bench/instructions.py                        # this checkout and ftfy, 0.1 MB a part
    python bench/instructions.py --root ../other-clone  # and another checkout, for an A/B
    python bench/instructions.py --parts damaged --mb 0.3
"""

from __future__ import annotations

import argparse
import datetime
import functools
import os
import pickle
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the other benchmarks; not ``audit``: a child imports its own
SECTION = "## Encoding repair, instructions"
PARTS = ("clean English", "clean multilingual", "damaged")
_COLLECTED = re.compile(r"Collected : (\d+)")


def slices(parts: list[str], mb: float, warm_mb: float, path: Path
           ) -> dict[str, tuple[list[str], list[str]]]:
    """``{part: (warm-up texts, measured texts)}``, also written to ``path`` for the
    children."""
    import encoding as bench

    data: dict[str, tuple[list[str], list[str]]] = {}
    for part in parts:
        # a seed per part: a part's slices do not depend on which other parts are counted
        seed = bench.SEED + 2 * PARTS.index(part)
        warm = bench.corpus({part: warm_mb}, seed=seed + 1)[part]
        measured = bench.corpus({part: mb}, seed=seed)[part]
        data[part] = ([t for t, _ in warm], [t for t, _ in measured])
    path.write_bytes(pickle.dumps(data))
    return data


def ftfy_version() -> str:
    import ftfy

    return ftfy.__version__


def core() -> str:
    """How this checkout's encoding core runs: compiled by mypyc, or from source."""
    from audit.normalize.encoding import CORE

    return CORE


def child(tool: str, root: str, path: str, part: str, go: str) -> None:
    """Runs under valgrind, not yet instrumented: import ``tool``, load its tables and word
    lists and repair the warm-up slice (as ``encoding.py`` does before timing); say so and
    wait for the file ``go`` (instrumentation is on by then); repair the measured slice inside
    the function callgrind counts."""
    if tool == "ftfy":
        from ftfy import fix_text
    else:
        sys.path.insert(0, root)
        from audit.normalize.encoding import fix_text, words

        words.warm()
    warm, measured = pickle.loads(Path(path).read_bytes())[part]
    for text in warm:
        fix_text(text)
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.02)  # not a blocking read: valgrind takes commands while the program runs
    functools.reduce(lambda _, text: fix_text(text), measured, None)


def count(tool: str, root: Path, path: Path, part: str) -> int:
    """Instructions ``tool`` (``audit`` from ``root``, or ``ftfy``) spends on the measured
    slice of ``part``. Everything before it runs uninstrumented, several times faster."""
    go = path.with_name(f"go-{tool}-{part}")
    go.unlink(missing_ok=True)
    proc = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--instr-atstart=no", "--collect-atstart=no", "--toggle-collect=functools_reduce",
         sys.executable, __file__, "--child", tool, str(root), str(path), part, str(go)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "PYTHONHASHSEED": "0"})  # string hashes, hence set order, fixed
    assert proc.stdout is not None
    if proc.stdout.readline().strip() == "ready":
        ctl = subprocess.run(["callgrind_control", "--instr=on", str(proc.pid)],
                             capture_output=True, text=True, check=False, timeout=120)
        if ctl.returncode != 0:  # nothing would be counted: say so rather than report 0
            proc.kill()
            raise RuntimeError(f"callgrind_control failed: {ctl.stdout}{ctl.stderr}")
        go.touch()
    _, err = proc.communicate()
    found = _COLLECTED.search(err)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"valgrind run of {tool} on {part} failed:\n{err[-2000:]}")
    return int(found.group(1))


def measure(tools: list[tuple[str, Path]], parts: list[str], mb: float, warm_mb: float
            ) -> dict[str, dict[str, float]]:
    """``{part: {tool label: instructions per byte of UTF-8}}`` for the measured slices."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "slices.pickle"
        data = slices(parts, mb, warm_mb, path)
        for part in parts:
            size = sum(len(t.encode("utf-8")) for t in data[part][1])
            row = results.setdefault(part, {"bytes": float(size)})
            for label, root in tools:
                tool = "ftfy" if label == "ftfy" else "audit"
                cost = count(tool, root, path, part)
                row[label] = cost / size
                print(f"{part}, {label}: {cost:,} instructions", file=sys.stderr)
    return results


def render(results: dict[str, dict[str, float]], labels: list[str],
           args: argparse.Namespace) -> str:
    options = [f"--parts {' '.join(repr(p) if ' ' in p else p for p in args.parts)}"
               if args.parts != list(PARTS) else "",
               f"--mb {args.mb:g}" if args.mb != 0.1 else "",
               f"--warm-mb {args.warm_mb:g}" if args.warm_mb != 1.0 else ""]
    command = " ".join(["python bench/instructions.py", *filter(None, options)])
    lines = [SECTION, "",
             f"CPU instructions per byte of UTF-8 that `audit.fix_text` and `ftfy.fix_text` "
             f"{ftfy_version()} spend on {args.mb:g} MB of each part of the encoding benchmark's "
             f"corpus, after {args.warm_mb:g} MB of other documents of the part (not counted), "
             f"counted by valgrind (`{command}`): the same to 0.02 % on every run, whatever the "
             "machine is doing. Instructions are not seconds (a cache miss costs more than an "
             "add): compare versions of the code with this, the tools' speed with "
             "`encoding.py`.", "",
             f"Python {platform.python_version()}, {platform.machine()}. "
             f"Encoding core: {core()}. Date: {datetime.date.today().isoformat()}.", ""]
    head = "| part | KB | " + " | ".join(f"{label} instr/byte" for label in labels) + \
        " | " + " | ".join(f"ftfy / {label}" for label in labels if label != "ftfy") + " |"
    lines += [head, "|" + " --- |" * (head.count("|") - 1)]
    for part, row in results.items():
        cells = [f"{row[label]:,.0f}" for label in labels]
        ratios = [f"{row['ftfy'] / row[label]:.2f}x" for label in labels if label != "ftfy"]
        lines.append(f"| {part} | {row['bytes'] / 1000:.0f} | " + " | ".join(cells + ratios)
                     + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(*argv[1:6])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--mb", type=float, default=0.1, help="MB of text measured per part")
    ap.add_argument("--warm-mb", type=float, default=1.0,
                    help="MB of other text repaired first, uncounted (caches as in a long run)")
    ap.add_argument("--root", type=Path, action="append", default=[],
                    help="another checkout to count as well (repeatable; nothing is recorded)")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: it counts the instructions", file=sys.stderr)
        return 2
    tools = [("fix_text", HERE.parent)]
    tools += [(f"fix_text@{root}", root.resolve()) for root in args.root]
    tools.append(("ftfy", HERE.parent))
    results = measure(tools, args.parts, args.mb, args.warm_mb)
    text = render(results, [label for label, _ in tools], args)
    print(text)
    if not args.root:  # a comparison with other checkouts is not this checkout's result
        from results import record

        record(args.results, text)
        print(f"recorded in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
