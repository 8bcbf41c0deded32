"""The report's overview, rendered here rather than by the script: counts, a chart, the
sources that carry the most damage, the baseline's outcome and input problems. It is small
whatever the corpus size, and readable with scripts disabled.

Every value from a document or a finding goes through ``esc`` (text) or ``link`` (URLs of
the page's own views); nothing else reaches the markup.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

NO_SOURCE = "(no source)"
TOP_SOURCES_CHART = 12
TOP_SOURCES_TABLE = 50


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def link(view: str, **params: str) -> str:
    """An escaped ``href`` to one of the page's views, e.g. ``#/findings?category=markup``."""
    query = urlencode(params) if params else ""
    return esc(f"#/{view}" + (f"?{query}" if query else ""))


def _n(value: int) -> str:
    return f"{value:,}"


def bar_chart(rows: Sequence[tuple[str, Sequence[int]]], severities: Sequence[str],
              title: str, chart_id: str) -> str:
    """A horizontal stacked bar chart (inline SVG): one bar per row, a segment per severity."""
    if not rows:
        return ""
    label_w, bar_w, row_h, pad = 190, 360, 24, 6
    width = label_w + bar_w + 70
    height = row_h * len(rows) + 2 * pad + 22
    top = max(sum(v) for _, v in rows) or 1
    parts = [f'<svg class="chart" id="{esc(chart_id)}" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" '
             f'aria-labelledby="{esc(chart_id)}-title">',
             f'<title id="{esc(chart_id)}-title">{esc(title)}</title>']
    for i, (label, values) in enumerate(rows):
        y = pad + i * row_h
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text class="chart-label" x="{label_w - 8}" y="{y + 16}" '
                     f'text-anchor="end">{esc(shown)}</text>')
        x = float(label_w)
        for sev, v in zip(severities, values, strict=True):
            if not v:
                continue
            w = max(1.5, bar_w * v / top)
            parts.append(f'<rect class="sev-{esc(sev)}" x="{x:.1f}" y="{y + 4}" '
                         f'width="{w:.1f}" height="{row_h - 8}"><title>{esc(label)}: '
                         f'{_n(v)} {esc(sev)}</title></rect>')
            x += w
        parts.append(f'<text class="chart-value" x="{x + 6:.1f}" y="{y + 16}">'
                     f'{_n(sum(values))}</text>')
    ly = height - 10
    for j, sev in enumerate(severities):
        lx = label_w + j * 90
        parts.append(f'<rect class="sev-{esc(sev)}" x="{lx}" y="{ly - 10}" width="12" '
                     f'height="12"/><text class="chart-label" x="{lx + 16}" y="{ly}">'
                     f'{esc(sev)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(caption: str, head: Sequence[str], rows: Sequence[Sequence[str]],
           cls: str = "") -> str:
    out = [f'<div class="table-wrap"><table class="{esc(cls)}"><caption>{esc(caption)}'
           '</caption><thead><tr>']
    out += [f'<th scope="col">{esc(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(row) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def render(payload: Mapping[str, Any]) -> str:
    """The overview section's inner HTML."""
    sevs: list[str] = payload["severities"]
    cats: list[str] = payload["categories"]
    docs = payload["docs"]
    findings = payload["findings"]
    by_cat_sev: Counter[tuple[int, int]] = Counter()
    by_src_sev: Counter[tuple[str, int]] = Counter()
    by_src_cat: Counter[tuple[str, int]] = Counter()
    for row in findings:
        sev, cat, doc = row[1], row[2], row[3]
        src = docs[doc]["source"] or NO_SOURCE
        by_cat_sev[cat, sev] += 1
        by_src_sev[src, sev] += 1
        by_src_cat[src, cat] += 1
    docs_per_source = Counter(d["source"] or NO_SOURCE for d in docs if d["text"])
    sev_totals = [sum(by_cat_sev[c, s] for c in range(len(cats))) for s in range(len(sevs))]

    out = ['<h2 id="overview-title">Overview</h2><ul class="cards">']
    cards = [("documents", len([d for d in docs if d["text"]])),
             ("stories", len(payload["stories"])), ("findings", len(findings))]
    cards += [(s, sev_totals[i]) for i, s in enumerate(sevs)]
    for label, value in cards:
        out.append(f'<li class="card card-{esc(label)}"><span class="card-value" '
                   f'data-count="{value}">{_n(value)}</span> <span class="card-label">'
                   f'{esc(label)}</span></li>')
    out.append("</ul>")
    if not findings:
        out.append('<p class="empty">No findings: every document passed every rule that '
                   'ran.</p>')

    present = sorted({c for c, _ in by_cat_sev}, key=lambda c: -sum(
        by_cat_sev[c, s] for s in range(len(sevs))))
    if present:
        rows = [(cats[c], [by_cat_sev[c, s] for s in range(len(sevs))]) for c in present]
        out.append('<section aria-labelledby="by-category"><h3 id="by-category">'
                   'Findings by category and severity</h3>')
        out.append(bar_chart(rows, sevs, "Findings by category, stacked by severity",
                             "chart-categories"))
        table_rows = []
        for c in present:
            cells = [f'<th scope="row"><a href="{link("findings", category=cats[c])}">'
                     f'{esc(cats[c])}</a></th>']
            cells += [f'<td class="num">{_n(by_cat_sev[c, s])}</td>' for s in range(len(sevs))]
            cells.append(f'<td class="num">{_n(sum(by_cat_sev[c, s] for s in range(len(sevs))))}'
                         '</td>')
            table_rows.append(cells)
        out.append(_table("Findings by category × severity", ["category", *sevs, "total"],
                          table_rows, "counts"))
        out.append("</section>")

    sources = sorted(docs_per_source, key=lambda s: (
        -by_src_sev[s, 0], -sum(by_src_sev[s, i] for i in range(len(sevs))), s))
    damaged = [s for s in sources if any(by_src_sev[s, i] for i in range(len(sevs)))]
    if damaged:
        out.append('<section aria-labelledby="by-source"><h3 id="by-source">'
                   'Sources with the most damage</h3>')
        chart_rows = [(s, [by_src_sev[s, i] for i in range(len(sevs))])
                      for s in damaged[:TOP_SOURCES_CHART]]
        out.append(bar_chart(chart_rows, sevs, "Findings per source, stacked by severity",
                             "chart-sources"))
        cat_cols = present
        rows_html = []
        for s in sources[:TOP_SOURCES_TABLE]:
            total = sum(by_src_sev[s, i] for i in range(len(sevs)))
            name = (f'<a href="{link("findings", source=s)}">{esc(s)}</a>' if total
                    else esc(s))
            cells = [f'<th scope="row">{name}</th>',
                     f'<td class="num">{_n(docs_per_source[s])}</td>']
            cells += [f'<td class="num">{_n(by_src_sev[s, i])}</td>' for i in range(len(sevs))]
            cells.append(f'<td class="num">{_n(total)}</td>')
            per_doc = total / docs_per_source[s] if docs_per_source[s] else 0
            cells.append(f'<td class="num">{per_doc:.1f}</td>')
            cells += [f'<td class="num">{_n(by_src_cat[s, c]) if by_src_cat[s, c] else ""}</td>'
                      for c in cat_cols]
            rows_html.append(cells)
        head = ["source", "documents", *sevs, "findings", "per document",
                *(cats[c] for c in cat_cols)]
        out.append(_table("Findings by source × severity × category", head, rows_html,
                          "counts wide"))
        if len(sources) > TOP_SOURCES_TABLE:
            out.append(f'<p class="note">{_n(len(sources) - TOP_SOURCES_TABLE)} more sources; '
                       f'filter the <a href="{link("findings")}">findings</a> by source.</p>')
        out.append("</section>")

    out.append(_triage(payload.get("triage")))
    if payload["errors"]:
        out.append('<section aria-labelledby="input-problems"><h3 id="input-problems">'
                   f'Input problems ({_n(len(payload["errors"]))})</h3><ul class="problems">')
        out += [f"<li><code>{esc(e)}</code></li>" for e in payload["errors"]]
        out.append("</ul></section>")
    return "".join(out)


def _triage(triage: Mapping[str, Any] | None) -> str:
    if not triage:
        return ""
    out = ['<section aria-labelledby="triage" class="triage"><h3 id="triage">'
           'Baseline and ignored findings</h3><ul>']
    if triage.get("baseline"):
        out.append(f'<li>Baseline <code>{esc(triage["baseline"])}</code>: the findings shown '
                   f'are new; <span data-count="{triage["known"]}">{_n(triage["known"])}'
                   '</span> known findings are not shown.</li>')
    if triage.get("ignore_file"):
        out.append(f'<li>Ignore file <code>{esc(triage["ignore_file"])}</code>: '
                   f'{_n(len(triage["ignored"]))} findings ignored.</li>')
    out.append("</ul>")
    fixed = triage.get("fixed") or []
    if fixed:
        rows = [[f"<td>{esc(e['document'])}</td>", f"<td>{esc(e['rule'])}</td>",
                 f"<td>{esc(e['excerpt'])}</td>", f'<td class="num">{_n(e["count"])}</td>']
                for e in fixed]
        out.append(_table(f"Fixed since the baseline ({_n(len(fixed))})",
                          ["document", "rule", "excerpt", "count"], rows, "fixed"))
    stale = triage.get("stale") or []
    if stale:
        rows = [[f'<td class="num">{esc(e["entry"])}</td>', f"<td>{esc(e['document'])}</td>",
                 f"<td>{esc(e['rule'])}</td>", f"<td>{esc(e.get('excerpt') or '')}</td>",
                 f"<td>{esc(e['reason'])}</td>"] for e in stale]
        out.append(_table(f"Stale ignore entries: they match no finding ({_n(len(stale))})",
                          ["entry", "document", "rule", "excerpt", "reason"], rows, "stale"))
    ignored = triage.get("ignored") or []
    if ignored:
        rows = [[f"<td>{esc(i['finding']['document'])}</td>",
                 f"<td>{esc(i['finding']['rule'])}</td>",
                 f"<td>{esc(i['finding']['excerpt'])}</td>", f"<td>{esc(i['reason'])}</td>"]
                for i in ignored[:200]]
        out.append(_table(f"Ignored findings ({_n(len(ignored))})",
                          ["document", "rule", "excerpt", "reason"], rows, "ignored"))
    out.append("</section>")
    return "".join(out)
