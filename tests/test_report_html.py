"""The HTML report without a browser: self-contained, escaped, the right numbers and data.

What the page does once its script runs is tested in test_browser_report.py.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from html.parser import HTMLParser

from audit.checks.context import AuditedDocument
from audit.engine import Result
from audit.model import Document, Repair
from audit.normalize import Normalizer, normalize
from audit.report import write
from audit.report.html import payload, render, script_json


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <style>/<script> elements."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: dict[str, list[str]] = {"style": [], "script": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


def data_block(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page,
                  re.S)
    return json.loads(m.group(1))


def test_page_is_self_contained_and_locked_down(sample_result):
    page = render(sample_result)
    tags = parse(page)
    names = [t for t, _ in tags.tags]
    assert "link" not in names and "iframe" not in names and "img" not in names
    for tag, attrs in tags.tags:
        for key in ("src", "href", "action", "data"):
            value = attrs.get(key) or ""
            assert not re.match(r"^\s*(https?:|//|javascript:)", value, re.I), (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)  # no inline handlers
    assert not [a for t, a in tags.tags if t == "script" and "src" in a]
    # The CSP admits exactly the inlined stylesheet and script, by hash, and nothing else.
    [csp] = [a["content"] for t, a in tags.tags if a.get("http-equiv") ==
             "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    [style] = tags.raw["style"]
    code = [s for s, (t, a) in zip(tags.raw["script"], [x for x in tags.tags
                                                         if x[0] == "script"], strict=True)
            if "type" not in a]
    for kind, source in (("style-src", style), ("script-src", code[0])):
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{kind} 'sha256-{digest}'" in csp


def test_the_data_block_cannot_be_closed_by_a_document():
    hostile = ('Before </script><script>alert(1)</script> and <!-- a comment and '
               '</SCRIPT > & \u2028 after')
    text = script_json({"text": hostile})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"text": hostile}


def test_hostile_values_are_escaped_in_the_overview(hostile_result):
    page = render(hostile_result)
    tags = parse(page)
    assert not [t for t, _ in tags.tags if t in ("img", "b", "i", "em")]
    assert "&lt;img src=y onerror=alert(3)&gt;" in page  # the source, as text
    data = data_block(page)
    assert data["docs"][0]["text"].startswith("<script>window.__xss = 1</script>")
    assert data["stories"][0]["id"] == "<i>story</i>"


def test_overview_numbers(sample_result):
    page = render(sample_result)
    cards = dict(re.findall(r'<li class="card card-([a-z]+)"><span class="card-value" '
                            r'data-count="(\d+)"', page))
    assert cards == {"documents": "5", "stories": "3", "findings": "7", "error": "2",
                     "warning": "4", "info": "1"}
    assert '<svg class="chart" id="chart-categories"' in page
    # Bay Times: one error (F501) and one warning (B201), so it leads the sources table.
    sources = re.findall(r'<th scope="row"><a href="#/findings\?source=([^"]+)">', page)
    assert sources[0] == "Bay+Times"
    assert "Input problems (1)" in page and "no &#x27;text&#x27; column" in page


def test_payload_shapes(sample_result):
    data = payload.build(sample_result)
    columns = data["columns"]
    assert len(data["findings"]) == 7
    docs = {d["id"]: d for d in data["docs"]}
    coastal = docs["harbour-fire/coastal-daily"]
    [unit] = coastal["repairs"]
    start, end, after, label = unit
    assert coastal["text"][start:end] == "â€™" and after == "’"
    assert label == "test-fix: UTF-8 read as cp1252"
    d301 = next(f for f in data["findings"]
                if data["rules"][f[columns.index("rule")]][0] == "D301")
    assert (d301[columns.index("line")], d301[columns.index("col")]) == (7, 44)
    story = next(s for s in data["stories"] if s["id"] == "harbour-fire")
    assert [data["docs"][i]["source"] for i in story["docs"]] == [
        "Coastal Daily", "Bay Times", "North Wire"]
    assert story["claims"][0]["conflict"] is True and story["names"][0]["entity"] == \
        "Ingrid Solberg"
    assert docs["rows/r1"]["row"] is True and coastal["row"] is False


def test_overlapping_repairs_show_as_one_replacement():
    def unescape_once(text):
        """``&amp;amp;`` → ``&amp;``"""
        i = text.find("&amp;amp;")
        if i < 0:
            return text, []
        return (text[:i] + "&amp;" + text[i + 9:],
                [Repair("entity", i, i + 9, "&amp;amp;", "&amp;", "double escaped")])

    def unescape(text):
        """``&amp;`` → ``&``"""
        i = text.find("&amp;")
        if i < 0:
            return text, []
        return (text[:i] + "&" + text[i + 5:], [Repair("entity", i, i + 5, "&amp;", "&",
                                                      "escaped")])

    text = "R&amp;amp;D staff.\n"
    norm = normalize(text, [Normalizer("a", 1, unescape_once), Normalizer("b", 2, unescape)])
    assert norm.text == "R&D staff.\n"
    audited = AuditedDocument(Document(id="d", text=text), norm)
    [unit] = payload.repair_units(audited)
    assert unit[:3] == [1, 10, "&"]
    assert unit[3] == "entity: double escaped; entity: escaped"


def test_html_writer_and_a_result_without_findings(sample_result):
    empty = Result(sample_result.documents[:1], [], [], [], {}, sample_result.config)
    buffer = io.StringIO()
    write(empty, "html", buffer)
    page = buffer.getvalue()
    assert "No findings: every document passed" in page
    data = data_block(page)
    # A document outside every story still gets its own page.
    assert [s["id"] for s in data["stories"]] == ["harbour-fire/coastal-daily"]


def test_check_format_html_and_report_write_the_page(tmp_path, capsys):
    from audit.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The ferry left at noon with <b>forty</b> people aboard.\n")
    out = tmp_path / "out" / "check.html"
    assert main(["check", str(corpus), "--format", "html", "-o", str(out), "-q"]) in (0, 1)
    assert main(["report", str(corpus), "-o", str(tmp_path / "r.html"), "-q"]) == 0
    for page in (out.read_text(), (tmp_path / "r.html").read_text()):
        assert page.startswith("<!DOCTYPE html>")
        assert [d["id"] for d in data_block(page)["docs"]] == ["a"]
        assert "<b>forty</b>" not in page  # the document's markup is data, not markup
