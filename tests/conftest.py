"""Shared test set-up: the browser for Playwright tests, and a hand-built audit Result.

Browser tests drive Debian's Chromium through the ``playwright`` package's sync API with
pytest-playwright's ``page`` fixture; no browser is ever downloaded. Where
``/usr/bin/chromium`` is absent they are skipped, and the reason is printed in the summary.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("SOURCE_AUDIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]
NO_CHROMIUM = (f"Chromium not found at {CHROMIUM} (install Debian's chromium: "
               "apt-get install chromium; .ci/run does this)")
SKIP_BROWSER = f"browser test skipped: {NO_CHROMIUM}"
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _uses_browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or "page" in getattr(
        item, "fixturenames", ())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=SKIP_BROWSER)
    for item in items:
        if _uses_browser(item):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if SKIP_BROWSER in str(getattr(r, "longrepr", ""))]
    if skipped:
        terminalreporter.write_line(f"NOTE: {len(skipped)} browser test(s) skipped: "
                                    f"{NO_CHROMIUM}", yellow=True)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": CHROMIUM_FLAGS}


# --- a Result written by hand ----------------------------------------------------------
# Three invented reports of one harbour fire, one lone document and one table row. The
# repairs come from a real chain run with a small normalizer defined here; every finding's
# span is located by the text it points at, so the expectations in the tests can be read
# off these strings.

HARBOUR = {
    "coastal-daily": (
        "Coastal Daily",
        "Fire crews fought the warehouse blaze at Pier 9 for six hours on Tuesday.\n"
        "\n"
        "About 1,800 homes lost power, and more than  residents were moved to the school "
        "gym near the harbourâ€™s fuel depot.\n"
        "\n"
        "Harbour master Ingrid Solberg said the pier would reopen on Friday.\n"),
    "bay-times": (
        "Bay Times",
        "Firefighters battled the blaze at Pier 9 for six hours on Tuesday.\n"
        "\n"
        "About 8,100 homes lost power; 240 residents spent the night in the school gym.\n"
        "\n"
        "Harbour master Ingrid Solberg expects the pier to reopen on Friday. Bay Times &amp; "
        "Wire staff contributed.Read more: Port news\n"),
    "north-wire": (
        "North Wire",
        "Crews fought a fire at Pier 9 on Tuesday. Nearly 1,800 homes were left without "
        "power.\n"
        "\n"
        "Harbour master Ingrid Sohlberg said the pier would reopen on"),
}
LONE = "A quiet council meeting approved the library budget.\n"


def _fix_entities(text: str):
    """Test normalizer: ``harbourâ€™s`` → ``harbour’s``, ``&amp;`` → ``&``."""
    from audit.model import Repair

    repairs, out, pos = [], [], 0
    import re

    for m in re.finditer(r"â€™|&amp;", text):
        after = "’" if m.group() == "â€™" else "&"
        reason = "UTF-8 read as cp1252" if after == "’" else "HTML entity"
        repairs.append(Repair("test-fix", m.start(), m.end(), m.group(), after, reason))
        out += [text[pos:m.start()], after]
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), repairs


def _rule(code, name, category, severity, summary):
    from audit.checks.registry import Rule

    doc = (f"{summary}\n\n## What it does\nChecks for {name.replace('-', ' ')}.\n\n"
           "## Why is this bad?\nReaders get a wrong picture.\n\n## Example\nbad\n\n"
           "## Use instead\ngood\n")
    return Rule(code, name, category, severity, summary, "document", doc=doc,
                origin="tests.conftest")


def build_sample_result():
    from audit.checks.context import AuditedDocument, to_finding
    from audit.checks.registry import Hit
    from audit.config import Config
    from audit.engine import Result
    from audit.model import Category, Document, LoadError, Severity, Story
    from audit.normalize import Normalizer, normalize

    chain = [Normalizer("test-fix", 100, _fix_entities)]
    docs = {}
    for i, (key, (source, text)) in enumerate(HARBOUR.items()):
        doc = Document(id=f"harbour-fire/{key}", text=text, source=source,
                       path=f"corpus/harbour-fire/{key}.md", story="harbour-fire",
                       meta={"line_offset": 4 if i == 0 else 0})
        docs[key] = AuditedDocument(doc, normalize(text, chain), language="en")
    docs["lone"] = AuditedDocument(Document(id="lone", text=LONE, source=None,
                                            path="corpus/lone.txt"), normalize(LONE, chain),
                                   language="en")
    row_text = "Row text with a glued adClick here to subscribe in it.\n"
    docs["row"] = AuditedDocument(Document(id="rows/r1", text=row_text, source="Feed",
                                           path="corpus/rows.jsonl", meta={"row": 1}),
                                  normalize(row_text, chain), language="en")
    rules = {r.code: r for r in [
        _rule("D301", "dropped-number", Category.DROPPED_NUMBER, Severity.ERROR,
              "A number was dropped."),
        _rule("D302", "truncated-sentence", Category.DROPPED_TEXT, Severity.WARNING,
              "The text ends mid-sentence."),
        _rule("B201", "glued-boilerplate", Category.BOILERPLATE, Severity.WARNING,
              "Page furniture is glued into the text."),
        _rule("F501", "figure-conflict", Category.FIGURE_CONFLICT, Severity.ERROR,
              "Sources give figures that cannot both hold."),
        _rule("N401", "name-variant", Category.NAME_VARIANT, Severity.WARNING,
              "A name is spelled differently across sources."),
        _rule("L601", "unexpected-language", Category.MIXED_LANGUAGE, Severity.INFO,
              "A paragraph is in another language."),
    ]}

    def at(key, needle, offset=0, length=None):
        text = docs[key].original
        start = text.index(needle) + offset
        return start, start + (len(needle) if length is None else length)

    def hit(key, code, span, message, **kw):
        return to_finding(rules[code], Hit(*span, message, coords="original", **kw), docs[key])

    a, b, c = "coastal-daily", "bay-times", "north-wire"
    findings = [
        hit(a, "D301", at(a, "more than  residents", 9, 2),
            "A number is missing after 'more than'.", suggestion="more than 200 residents"),
        hit(b, "F501", at(b, "8,100"), "8,100 homes conflicts with about 1,800 elsewhere.",
            related=(docs[a].related(*docs[a].to_repaired(*at(a, "1,800"))),
                     docs[c].related(*docs[c].to_repaired(*at(c, "1,800"))))),
        hit(b, "B201", at(b, "Read more: Port news"), "Page furniture glued to the text."),
        hit(c, "N401", at(c, "Sohlberg"), "Sohlberg here, Solberg in two other sources.",
            related=(docs[a].related(*docs[a].to_repaired(*at(a, "Solberg"))),)),
        hit(c, "D302", (len(HARBOUR[c][1]), len(HARBOUR[c][1])),
            "The text ends mid-sentence."),
        hit("lone", "L601", at("lone", "library"), "Checked: just a marker finding."),
        hit("row", "B201", at("row", "Click here to subscribe"), "An ad glued to a word."),
    ]
    findings.sort(key=lambda f: f.sort_key)
    def cell(key, needle, low, high, **extra):
        start, end = at(key, needle)
        return {"text": needle, "low": low, "high": high, "start": start, "end": end, **extra}

    claims = (
        {"id": "c1", "counts": "homes without power", "conflict": True, "cells": {
            f"harbour-fire/{a}": cell(a, "About 1,800", 1700, 1900, agrees=True),
            f"harbour-fire/{b}": cell(b, "About 8,100", 7600, 8600, agrees=False),
            f"harbour-fire/{c}": cell(c, "Nearly 1,800", 1600, 1800, agrees=True)}},
        # coastal-daily dropped this number: its cell is the gap where it stood.
        {"id": "c2", "counts": "residents moved", "conflict": False, "gap": True, "cells": {
            f"harbour-fire/{a}": {**cell(a, "  ", None, None), "gap": True, "agrees": False},
            f"harbour-fire/{b}": cell(b, "240", 240, 240, agrees=True),
            f"harbour-fire/{c}": None}},
    )
    names = ({"id": "n1", "entity": "Ingrid Solberg", "kind": "person",
              "spellings": {f"harbour-fire/{a}": ["Ingrid Solberg"],
                            f"harbour-fire/{b}": ["Ingrid Solberg"],
                            f"harbour-fire/{c}": ["Ingrid Sohlberg"]},
              "issues": ["name-variant"]},)
    stories = [Story("harbour-fire", tuple(f"harbour-fire/{k}" for k in (a, b, c)),
                     "explicit", claims, names),
               Story("lone", ("lone",), "single"), Story("rows/r1", ("rows/r1",), "single")]
    return Result(list(docs.values()), stories, findings,
                  [LoadError("corpus/broken.csv", "no 'text' column", row=None)],
                  rules, Config())


@pytest.fixture
def sample_result():
    """A hand-built Result: one three-source story with claims and names, a lone document,
    a table row, seven findings (one zero-width), two repairs and one input problem."""
    return build_sample_result()


@pytest.fixture
def hostile_result():
    """One document whose text, id, source and URL are built to run script if a report
    ever inserted them as markup, with a finding on its ``<script>`` tag."""
    from audit.checks.context import AuditedDocument
    from audit.engine import Result
    from audit.model import Category, Document, Finding, Severity, Story
    from audit.normalize import normalize

    text = ('<script>window.__xss = 1</script> A <img src=x onerror="window.__xss=2"> '
            "</script><!-- end\n")
    doc = Document(id='evil"<b>', text=text, source="<img src=y onerror=alert(3)>",
                   url="javascript:alert(4)", path="corpus/evil.txt")
    audited = AuditedDocument(doc, normalize(text, []))
    finding = Finding("X901", "marker", Category.MARKUP, Severity.ERROR, doc.id, 0, 8,
                      "<script>", "a <em>script</em> tag", suggestion="<b>remove</b>")
    return Result([audited], [Story("<i>story</i>", (doc.id,))], [finding])


def _flag(ctx):
    """Flags the marker word FLAG (a rule that exists only in these tests)."""
    from audit.checks.registry import Hit

    start = ctx.text.find("FLAG")
    while start != -1:
        yield Hit(start, start + 4, "marker word")
        start = ctx.text.find("FLAG", start + 1)


@pytest.fixture
def marker_rule(monkeypatch):
    """``marker_rule(code, name)`` registers a rule flagging the word FLAG for one test."""
    from audit.checks import registry
    from audit.checks.registry import Rule
    from audit.model import Category, Severity

    registry.all_rules()

    def make(code: str, name: str) -> Rule:
        rule = Rule(code, name, Category.DROPPED_TEXT, Severity.ERROR, "Flags FLAG.",
                    "document", check=_flag, origin=f"tests.{name}")
        monkeypatch.setitem(registry._RULES, code, rule)
        return rule

    return make
