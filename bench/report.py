"""Benchmark: writing the reports of a large audit (5,000 documents, 20,000 findings).

The Result is synthetic and seeded: invented sentences with damage the default repair chain
fixes, findings at random word spans under a dozen made-up rules, stories of five sources
with a claims matrix and a names table. Only the writers are timed (HTML, JSON, SARIF;
best of three), and the file sizes recorded. Where Debian's Chromium is present, the HTML
report is also opened in it and the time to first render, to filter the findings table and
to open a story is measured.

    python bench/report.py                  # full size; rewrites "## Report" in RESULTS.md
    python bench/report.py --quick          # 200 documents, 800 findings
    python bench/report.py --results FILE   # record elsewhere (the test does)
"""

from __future__ import annotations

import argparse
import io
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from results import record

from audit.checks.context import AuditedDocument, excerpt
from audit.checks.registry import Rule
from audit.config import Config
from audit.engine import Result
from audit.model import Category, Document, Finding, Related, Severity, Story
from audit.normalize import normalize
from audit.report import write

HERE = Path(__file__).resolve().parent
SECTION = "## Report"
SEED = 20240611
CHROMIUM = Path("/usr/bin/chromium")

SUBJECTS = ["The harbour authority", "Fire crews", "The regional council", "Residents",
            "The ferry operator", "Police", "The mayor", "Aid groups", "The weather office",
            "Port workers", "The school board", "Volunteers"]
VERBS = ["said on Tuesday that", "confirmed that", "warned that", "reported that",
         "told reporters that", "announced that", "denied that", "estimated that"]
CLAUSES = ["{n} homes lost power overnight", "about {n} people were moved to shelters",
           "the pier would reopen within {n} days", "more than {n} vessels stayed in port",
           "repairs would cost nearly {n} million", "{n} roads remained closed",
           "the storm dropped {n} millimetres of rain", "{n} volunteers joined the search"]
DAMAGE = ["the harbour\u00e2\u20ac\u2122s depot", "caf\u00c3\u00a9 owners", "<b>updated</b>",
          "R&amp;D staff", "the council\u2019s plan"]
RULES = [
    ("E101", "residual-mojibake", Category.MOJIBAKE, Severity.ERROR),
    ("B201", "glued-boilerplate", Category.BOILERPLATE, Severity.WARNING),
    ("M201", "markup-remnant", Category.MARKUP, Severity.WARNING),
    ("D301", "dropped-number", Category.DROPPED_NUMBER, Severity.ERROR),
    ("D302", "truncated-sentence", Category.DROPPED_TEXT, Severity.WARNING),
    ("N401", "garbled-name", Category.GARBLED_NAME, Severity.ERROR),
    ("N402", "name-variant", Category.NAME_VARIANT, Severity.INFO),
    ("F501", "figure-conflict", Category.FIGURE_CONFLICT, Severity.ERROR),
    ("T601", "date-conflict", Category.DATE_CONFLICT, Severity.WARNING),
    ("L701", "unexpected-language", Category.MIXED_LANGUAGE, Severity.WARNING),
    ("L702", "translation-artifact", Category.TRANSLATION_ARTIFACT, Severity.INFO),
]


def _text(rng: random.Random, sentences: int) -> str:
    paragraphs = []
    for _ in range(max(1, sentences // 3)):
        para = []
        for _ in range(3):
            clause = rng.choice(CLAUSES).format(n=f"{rng.randint(2, 9800):,}")
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {clause}"
            if rng.random() < 0.25:
                s += f", near {rng.choice(DAMAGE)}"
            para.append(s + ".")
        paragraphs.append(" ".join(para))
    return "\n\n".join(paragraphs) + "\n"


def make_result(n_docs: int, n_findings: int, seed: int = SEED) -> Result:
    """A synthetic Result of ``n_docs`` documents and ``n_findings`` findings."""
    rng = random.Random(seed)
    sources = [f"Outlet {i:02d}" for i in range(40)]
    rules = {code: Rule(code, name, cat, sev, f"Synthetic rule {name}.", "document",
                        doc=f"Synthetic rule {name}.\n\n## What it does\nBenchmarks.\n",
                        origin="bench") for code, name, cat, sev in RULES}
    audited: list[AuditedDocument] = []
    stories: list[Story] = []
    for i in range(n_docs):
        story = f"story-{i // 5:04d}"
        doc = Document(id=f"{story}/doc-{i:05d}", text=_text(rng, rng.randint(6, 12)),
                       source=rng.choice(sources), path=f"corpus/{story}/doc-{i:05d}.md",
                       story=story, meta={"line_offset": 4})
        audited.append(AuditedDocument(doc, normalize(doc.text), language="en"))
    for start in range(0, n_docs, 5):
        members = audited[start:start + 5]
        claims = []
        for c in range(3):
            cells = {}
            for d in members:
                m = list(re.finditer(r"\d[\d,]*", d.original))
                if m and rng.random() < 0.8:
                    hit = rng.choice(m)
                    value = int(hit.group().replace(",", ""))
                    cells[d.id] = {"text": hit.group(), "low": value, "high": value,
                                   "start": hit.start(), "end": hit.end()}
                else:
                    cells[d.id] = None
            claims.append({"id": f"c{c}", "counts": rng.choice(CLAUSES).split("{n} ")[-1][:30],
                           "conflict": rng.random() < 0.3, "cells": cells})
        names = [{"id": "n1", "entity": "Ingrid Solberg", "kind": "person",
                  "spellings": {d.id: [rng.choice(["Ingrid Solberg", "Ingrid Sohlberg"])]
                                for d in members}, "issues": ["name-variant"]}]
        stories.append(Story(members[0].document.story, tuple(d.id for d in members),
                             "explicit", tuple(claims), tuple(names)))
    findings: list[Finding] = []
    for k in range(n_findings):
        d = audited[k % n_docs] if k < n_docs else rng.choice(audited)
        words = [m.span() for m in re.finditer(r"\S+", d.original)]
        a = rng.randrange(len(words))
        start, end = words[a][0], words[min(len(words) - 1, a + rng.randint(0, 2))][1]
        code, name, cat, sev = rng.choice(RULES)
        rs, re_ = d.to_repaired(start, end)
        related = ()
        if cat in (Category.FIGURE_CONFLICT, Category.NAME_VARIANT):
            other = rng.choice(audited)
            related = (Related(other.id, 0, 10, excerpt(other.text, 0, 10)),)
        findings.append(Finding(code, name, cat, sev, d.id, start, end,
                                excerpt(d.text, rs, re_),
                                f"Synthetic {name} finding number {k}.", related,
                                "a suggestion" if rng.random() < 0.2 else None))
    findings.sort(key=lambda f: f.sort_key)
    return Result(audited, stories, findings, [], rules, Config())


def time_writer(result: Result, fmt: str, out_dir: Path, repeat: int) -> tuple[float, int, Path]:
    best = float("inf")
    text = ""
    for _ in range(repeat):
        buffer = io.StringIO()
        t0 = time.perf_counter()
        write(result, fmt, buffer)
        best = min(best, time.perf_counter() - t0)
        text = buffer.getvalue()
    path = out_dir / f"report.{fmt}"
    data = text.encode("utf-8")
    path.write_bytes(data)
    return best, len(data), path


def time_browser(html: Path, category: str, expected: int, story: str
                 ) -> dict[str, float] | None:
    """Milliseconds to render the page, filter the findings table and open a story."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-dev-shm-usage"])
        page = browser.new_page()
        t0 = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_selector("body[data-ready]")
        ready = time.perf_counter() - t0
        t0 = time.perf_counter()
        page.evaluate("location.hash = '#/findings'")
        page.wait_for_selector("#findings-count[data-count]")
        table = time.perf_counter() - t0
        t0 = time.perf_counter()
        page.select_option("#filter-category", category)
        # The page's CSP forbids eval, so wait on the DOM rather than a JS predicate.
        page.wait_for_selector(f'#findings-count[data-count="{expected}"]')
        filtered = time.perf_counter() - t0
        t0 = time.perf_counter()
        page.evaluate(f"location.hash = '#/story?id={story}'")
        page.wait_for_selector("#view-story .doc-text mark")
        story = time.perf_counter() - t0
        browser.close()
    return {"open": ready * 1000, "findings table": table * 1000,
            "filter": filtered * 1000, "story page": story * 1000}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 documents, 800 findings")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--out", type=Path, help="folder for the written reports (default: temp)")
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args(argv)
    n_docs, n_findings = (200, 800) if args.quick else (5000, 20000)
    repeat = 1 if args.quick else 3

    t0 = time.perf_counter()
    result = make_result(n_docs, n_findings)
    built = time.perf_counter() - t0
    print(f"built the Result in {built:.1f} s", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-report-") as scratch:
        out_dir = args.out or Path(scratch)  # kept only when --out names a folder
        out_dir.mkdir(parents=True, exist_ok=True)
        rows = []
        files = {}
        for fmt in ("html", "json", "sarif"):
            seconds, size, path = time_writer(result, fmt, out_dir, repeat)
            files[fmt] = path
            rows.append(f"| {fmt} | {seconds:.2f} s | {size / 1e6:.1f} MB |")
            print(f"{fmt:6} {seconds:7.2f} s {size / 1e6:7.1f} MB", file=sys.stderr)
        expected = sum(1 for f in result.findings if f.category == Category.DROPPED_NUMBER)
        story = result.stories[len(result.stories) // 2].id
        browser = None if args.no_browser else time_browser(files["html"], "dropped-number",
                                                            expected, story)

    lines = [SECTION, "",
             f"Writing the reports of {n_docs:,} documents, {n_findings:,} findings and "
             f"{len(result.stories):,} stories (synthetic, seeded: `python bench/report.py"
             f"{' --quick' if args.quick else ''}`; best of {repeat}). "
             f"{sum(len(d.repairs) for d in result.documents):,} repairs by the default "
             "chain (building the Result is not counted).", "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}, "
             f"{platform.system()}.", "",
             "| format | time to write | file size |", "| --- | --- | --- |", *rows, ""]
    if browser:
        lines += ["Opening the HTML report in Chromium (headless, from disk):", "",
                  "| step | time |", "| --- | --- |",
                  *(f"| {k} | {v:,.0f} ms |" for k, v in browser.items()), ""]
    else:
        lines += ["(Chromium not measured: /usr/bin/chromium absent or --no-browser.)", ""]
    record(args.results, "\n".join(lines) + "\n")
    print(f"recorded in {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
