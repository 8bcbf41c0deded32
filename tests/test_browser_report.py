"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

The page is opened from disk (``file://``), as a user opens the report. Waits use locators
and selectors, never JS predicates: the page's Content-Security-Policy forbids eval.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import expect

from audit.engine import Result
from audit.report.html import render

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def open_report(page, result: Result, path: Path, requests: list[str] | None = None):
    path.write_text(render(result), encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    if requests is not None:
        page.on("request", lambda req: requests.append(req.url))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready]")
    return errors


def go(page, route: str) -> None:
    page.evaluate("route => { location.hash = route; }", route)


def count(page, selector: str) -> int:
    return int(page.get_attribute(selector, "data-count"))


# --- the fixtures' report -----------------------------------------------------------------

@pytest.fixture(scope="module")
def fixtures_result():
    if not FIXTURES.is_dir():
        pytest.skip(f"no fixture corpora at {FIXTURES}")
    import audit

    return audit.check(FIXTURES)


def test_fixtures_report(page, tmp_path, fixtures_result):
    result = fixtures_result
    requests: list[str] = []
    errors = open_report(page, result, tmp_path / "index.html", requests)

    # Overview numbers come from the Result.
    assert int(page.get_attribute(".card-documents .card-value", "data-count")) == \
        len(result.documents)
    assert int(page.get_attribute(".card-findings .card-value", "data-count")) == \
        len(result.findings)

    # Every story is listed, and each story page shows its sources side by side.
    go(page, "#/stories")
    assert count(page, "#stories-count") == len(result.stories)
    for story in result.stories:
        page.click(f'tr[data-story="{story.id}"] a')
        expect(page.locator("#story-title")).to_have_text(f"Story: {story.id}")
        panels = page.locator("#view-story article.doc")
        expect(panels).to_have_count(len(story.documents))
        ids = panels.locator("dd").first
        expect(ids).to_have_text(story.documents[0])
        # The claims matrix: a row per aligned figure, conflicts marked; or an empty state.
        if story.claims:
            rows = page.locator("#claims-matrix tbody tr")
            expect(rows).to_have_count(len(story.claims))
            expect(page.locator("#claims-matrix tr.conflict")).to_have_count(
                sum(1 for c in story.claims if c.get("conflict")))
        else:
            expect(page.locator("#claims-empty")).to_be_visible()
        if story.names:
            expect(page.locator("#names-table tbody tr")).to_have_count(len(story.names))
        else:
            expect(page.locator("#names-empty")).to_be_visible()
        # One highlight per finding at least, each tagged with its finding.
        found = [f for f in result.findings if f.document in story.documents]
        marked = page.locator("#view-story mark.hl:not(.claim-only)")
        assert (marked.count() > 0) == bool(found)
        go(page, "#/stories")

    # A highlight: the first finding, reached from the findings table.
    go(page, "#/findings")
    assert count(page, "#findings-count") == len(result.findings)
    if result.findings:
        first = result.findings[0]
        page.locator("#findings-table tbody tr").first.locator("a").click()
        focused = page.locator("mark.hl:focus")
        expect(focused).to_have_count(1)
        assert "0" in focused.get_attribute("data-f").split(",")
        expect(page.locator("#tip")).to_contain_text(first.message)
        expect(page.locator("#tip")).to_contain_text(first.rule)

        # A filter: the category with the most findings; the count is read from the page.
        category, expected = Counter(f.category.value for f in result.findings
                                     ).most_common(1)[0]
        go(page, "#/findings")
        page.select_option("#filter-category", category)
        assert count(page, "#findings-count") == expected
        expect(page.locator("#findings-count")).to_contain_text(
            f"{expected:,} of {len(result.findings):,} findings")
        rows = page.locator("#findings-table tbody tr")
        expect(rows).to_have_count(min(expected, 100))
    else:
        expect(page.locator("#findings-table tbody")).to_contain_text("No finding matches")

    shot = tmp_path / "report-fixtures.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


# --- a hand-built Result: claims, names, repairs, every kind of span -------------------------

def finding_index(result, rule):
    return next(i for i, f in enumerate(result.findings) if f.rule == rule)


def test_story_page_claims_names_highlights_and_repairs(page, tmp_path, sample_result):
    errors = open_report(page, sample_result, tmp_path / "sample.html")
    go(page, "#/story?id=harbour-fire")
    view = page.locator("#view-story")
    expect(view.locator("article.doc h3")).to_have_text(["Coastal Daily", "Bay Times",
                                                         "North Wire"])

    # Claims matrix: the conflicting figure is marked, a gap and an absent cell say so.
    rows = view.locator("#claims-matrix tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_class("conflict")
    expect(rows.nth(0).locator("td.disagree button")).to_have_text("✗ About 8,100")
    expect(rows.nth(0).locator("td.disagree .muted")).to_have_text("7,600–8,600")
    expect(rows.nth(0).locator("td").last).to_have_text("✗ conflict")
    expect(rows.nth(1)).to_have_class("gap")
    expect(rows.nth(1).locator("td").nth(0)).to_have_text("⁁ missing here")
    expect(rows.nth(1).locator("td").nth(2)).to_have_text("— not reported")
    expect(rows.nth(1).locator("td").last).to_have_text("missing in a source")
    # A cell leads to the figure in its source's text (to the first piece of its span:
    # "8,100" is also a finding's span, so "About " is a piece of its own).
    rows.nth(0).locator("td").nth(1).locator("button").click()
    focused = page.locator("mark.hl:focus")
    expect(focused).to_have_attribute("data-claim", re.compile("About 8,100"))
    expect(page.locator("#tip")).to_contain_text("homes without power: About 8,100 "
                                                 "(conflicts with another source)")

    # Names: the variant spelling stands out.
    expect(view.locator("#names-table strong.variant")).to_have_text("Ingrid Sohlberg")

    # A highlight, reached by its finding: the dropped number (a double space).
    d301 = finding_index(sample_result, "D301")
    go(page, f"#/story?id=harbour-fire&f={d301}")
    mark = page.locator("mark.hl:focus")
    expect(mark).to_have_class("hl sev-error blank")
    assert mark.text_content() == "  "
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("D301 dropped-number")
    expect(tip).to_contain_text("Suggestion: more than 200 residents")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()

    # The zero-width finding (text cut off at the end) still has a visible mark.
    d302 = finding_index(sample_result, "D302")
    gap = view.locator(f'mark.gap[data-f="{d302}"]')
    expect(gap).to_have_count(1)

    # Repairs: before → after, in place; the other modes hide one side.
    rep = view.locator("#doc-0 .rep")
    expect(rep.locator("del")).to_have_text("â€™")
    expect(rep.locator("ins")).to_have_text("’")
    rep.hover()
    expect(tip).to_contain_text("test-fix: UTF-8 read as cp1252")
    view.locator('input[name="mode"][value="repaired"]').check()
    expect(rep.locator("del")).to_be_hidden()
    expect(rep.locator("ins")).to_be_visible()
    view.locator('input[name="mode"][value="original"]').check()
    expect(rep.locator("ins")).to_be_hidden()
    assert errors == []


def test_keyboard_reaches_highlights_and_shows_their_tooltip(page, tmp_path, sample_result):
    open_report(page, sample_result, tmp_path / "sample.html")
    go(page, "#/story?id=harbour-fire")
    expect(page.locator("#story-title")).to_be_focused()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.sev-error')"):
            break
    else:
        pytest.fail("Tab never reached an error highlight")
    expect(page.locator("#tip")).to_be_visible()
    expect(page.locator("#tip")).to_contain_text("error")
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "tip"


def test_findings_filters_search_and_pages(page, tmp_path, sample_result):
    open_report(page, sample_result, tmp_path / "sample.html")
    go(page, "#/findings")
    assert count(page, "#findings-count") == 7
    page.select_option("#filter-severity", "warning")
    assert count(page, "#findings-count") == 4   # B201 twice, N401, D302
    page.select_option("#filter-source", "Bay Times")
    assert count(page, "#findings-count") == 1   # B201 in bay-times
    page.click("text=Reset filters")
    assert count(page, "#findings-count") == 7
    # Case-insensitive, in messages and excerpts: N401's message, D302's excerpt.
    page.fill("#filter-q", "sohlberg")
    expect(page.locator("#findings-count")).to_have_attribute("data-count", "2")
    assert "q=sohlberg" in page.evaluate("location.hash")  # shareable filter state
    page.fill("#filter-q", "")
    expect(page.locator("#findings-count")).to_have_attribute("data-count", "7")
    page.select_option("#filter-rule", "B201")
    assert count(page, "#findings-count") == 2
    # Opening a filtered view from a link, and sorting.
    go(page, "#/findings?category=figure-conflict")
    assert count(page, "#findings-count") == 1
    expect(page.locator("#filter-category")).to_have_value("figure-conflict")
    go(page, "#/findings?source=Nowhere+Daily")  # a source without findings
    expect(page.locator("#filter-source")).to_have_value("Nowhere Daily")
    assert count(page, "#findings-count") == 0
    go(page, "#/overview")
    go(page, "#/findings")
    page.click("th >> text=Severity")
    expect(page.locator("#findings-table tbody tr").first.locator(".badge")).to_have_text(
        "error")
    page.click("th >> text=Severity")
    expect(page.locator("#findings-table tbody tr").first.locator(".badge")).to_have_text(
        "info")


def test_light_and_dark(page, tmp_path, sample_result):
    open_report(page, sample_result, tmp_path / "sample.html")
    go(page, "#/story?id=harbour-fire")

    def background():
        rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
        r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    page.emulate_media(color_scheme="light")
    assert background() > 0.9
    page.screenshot(path=str(tmp_path / "story-light.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    assert background() < 0.1
    page.screenshot(path=str(tmp_path / "story-dark.png"), full_page=True)
    # The theme button overrides the system preference.
    page.click("#theme")  # auto → light
    assert page.get_attribute("html", "data-theme") == "light" and background() > 0.9
    page.click("#theme")  # → dark
    page.emulate_media(color_scheme="light")
    assert background() < 0.1
    assert (tmp_path / "story-dark.png").stat().st_size > 10_000


def test_hostile_document_is_shown_as_text_never_run(page, tmp_path, hostile_result):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    open_report(page, hostile_result, tmp_path / "evil.html", requests)
    for route in ("#/stories", "#/story?id=%3Ci%3Estory%3C%2Fi%3E&f=0", "#/findings"):
        go(page, route)
        page.wait_for_timeout(50)
    go(page, "#/story?id=%3Ci%3Estory%3C%2Fi%3E&f=0")
    text = page.locator("#view-story .doc-text")
    expect(text).to_contain_text('<script>window.__xss = 1</script> A <img src=x '
                                 'onerror="window.__xss=2">')
    expect(page.locator("mark.hl:focus")).to_have_text("<script>")
    expect(page.locator("#tip")).to_contain_text("a <em>script</em> tag")
    expect(page.locator("#view-story article.doc h3")).to_have_text(
        "<img src=y onerror=alert(3)>")
    # The javascript: URL is shown, not linked.
    expect(page.locator("#view-story dd", has_text="javascript:alert(4)")).to_have_count(1)
    assert page.locator('a[href^="javascript"]').count() == 0
    go(page, "#/findings")
    page.fill("#filter-q", "<em>")
    expect(page.locator("#findings-count")).to_have_attribute("data-count", "1")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img, em, b, i").count() == 0
    assert page.locator("script").count() == 2  # the data block and the report's own
    assert dialogs == []
    assert all(url.startswith("file://") for url in requests), requests
