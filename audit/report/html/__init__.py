"""``--format html`` / ``source-audit report``: one self-contained HTML file.

The page holds everything it needs: the stylesheet and the script (real files under
``assets/``, inlined here; the script's parts are joined inside one function scope), the
chart as inline SVG, and the data as JSON in a ``<script type="application/json">``
element. Nothing is fetched; it opens from disk.

Safety: document texts are hostile input (scraped pages carry ``<script>`` and
``onerror=``). The server-side overview escapes every value; the data block escapes ``<``,
``>`` and ``&`` so it cannot close its element; the script only ever inserts data with
``textContent``. A Content-Security-Policy allows exactly the inlined style and script by
hash and nothing else, so even an injection that slipped through could not run or fetch.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from audit.report import writer
from audit.report.baseline import triage_of
from audit.report.html import overview, payload

if TYPE_CHECKING:
    from audit.engine import Result

SCRIPT_PARTS = ("core.js", "story.js", "tables.js")


@cache
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


@cache
def script() -> str:
    """The report's script: its parts in order, in one strict-mode function scope."""
    body = "\n".join(asset(part) for part in SCRIPT_PARTS)
    return f"(function () {{\n'use strict';\n{body}}})();\n"


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line
    separators appear literally, so ``</script>`` or ``<!--`` in a document cannot end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(result: Result, *, title: str = "source-audit report") -> str:
    triage = triage_of(result)
    data = payload.build(result, triage.to_dict() if triage else None)
    css, js = asset("report.css"), script()
    csp = (f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    n_docs = sum(1 for d in data["docs"] if d["text"])
    head = (f"{n_docs:,} documents · {len(data['stories']):,} stories · "
            f"{len(data['findings']):,} findings")
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
        f'<meta http-equiv="Content-Security-Policy" content="{overview.esc(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        f'<meta name="generator" content="source-audit {overview.esc(data["tool"]["version"])}">',
        f"<title>{overview.esc(title)}</title><style>{css}</style></head>",
        '<body><a class="skip" href="#main">Skip to content</a>',
        '<header class="top"><div class="brand"><strong>source-audit</strong> ',
        f'<span class="muted">{overview.esc(head)}</span></div>',
        '<nav aria-label="Report sections"><ul>',
        '<li><a href="#/overview" data-view="overview">Overview</a></li>',
        '<li><a href="#/stories" data-view="stories">Stories</a></li>',
        '<li><a href="#/findings" data-view="findings">Findings</a></li></ul></nav>',
        '<button type="button" id="theme" class="theme" aria-label="Colour theme">'
        "Theme: auto</button></header>",
        '<main id="main" tabindex="-1">',
        '<section id="view-overview" class="view" aria-labelledby="overview-title">',
        overview.render(data), "</section>",
        '<section id="view-stories" class="view" hidden aria-labelledby="stories-title">'
        '<h2 id="stories-title">Stories</h2><noscript><p>The story pages and the findings '
        "table need JavaScript; the data is in the JSON block of this file.</p></noscript>"
        "</section>",
        '<section id="view-story" class="view" hidden aria-live="off"></section>',
        '<section id="view-findings" class="view" hidden aria-labelledby="findings-title">'
        '<h2 id="findings-title">Findings</h2></section>',
        '</main><div id="tip" role="tooltip" hidden></div>',
        f'<script type="application/json" id="report-data">{script_json(data)}</script>',
        f"<script>{js}</script></body></html>\n",
    ])


@writer("html")
def write_html(result: Result, stream: TextIO) -> None:
    stream.write(render(result))
