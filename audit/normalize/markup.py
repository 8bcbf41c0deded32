"""Markup remnants: what is left when HTML or Markdown is flattened to text carelessly.

Each fix is a small function ``fix(text) -> list[Repair]`` that finds one kind of remnant in
the text it is given; ``repair_markup`` runs them all over the same text, so their repairs are
all located in the normalizer's input, and applies them. ``Repair.meta["kind"]`` says which
fix made a repair; the markup rules (M1xx) report them. The examples in the docstrings are
run as doctests: ``show(fix, text)`` applies one fix.

Only unambiguous markup is touched: a ``<b>`` is removed because ``b`` is an HTML element
name (``rules/lexicons/common/html.yaml``), an entity needs its closing ``;``, a link needs
both its brackets and its parentheses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from audit import lexicons, textunits
from audit.model import Repair
from audit.normalize import apply_repairs, normalizer
from audit.normalize.overlap import keep_first, no_new_gaps

NAME = "markup"
Fix = Callable[[str], list[Repair]]

_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_REF_LINK = re.compile(r"(?<![\]!])\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_HEADING = re.compile(r"^(#{1,6})[^\S\n]+(?=\S)", re.M)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^\n*_]+?)(?<=\S)\1")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TABLE_RULE = re.compile(r"^[^\S\n]*\|?(?:[^\S\n]*:?-{3,}:?[^\S\n]*\|)+[^\S\n]*(?::?-{3,}:?)?"
                         r"[^\S\n]*$")
_TABLE_ROW = re.compile(r"^[^\S\n]*\|(.*\|)[^\S\n]*$")


def _repair(start: int, end: int, before: str, after: str, kind: str, reason: str) -> Repair:
    return Repair(NAME, start, end, before, after, reason, meta={"kind": kind})


def show(fix: Fix, text: str) -> str:
    """Apply one fix to ``text`` (for the examples)."""
    return apply_repairs(text, no_new_gaps(text, fix(text)))


@lru_cache(maxsize=1)
def _tag_pattern() -> re.Pattern[str]:
    names = lexicons.words("html", "common")
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    # Attributes must look like attributes (name="value"): "<b and c>" is prose.
    attrs = r"(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s\"'<>]+))?)*"
    return re.compile(rf"</?(?:{alt})(?=[\s/>])(?=[^<>\n]*=|\s*/?>){attrs}\s*/?>", re.I)


@lru_cache(maxsize=1)
def _block_tags() -> frozenset[str]:
    return frozenset(lexicons.words("html#block", "common"))


def unwrap_markdown_links(text: str) -> list[Repair]:
    """Keep a Markdown link's text, drop its target.

    >>> show(unwrap_markdown_links, "INTERPOL's [Operation Harbour](#), in March")
    "INTERPOL's Operation Harbour, in March"
    >>> show(unwrap_markdown_links, "see [the report][1] and [](https://x.org)")
    'see the report and '
    """
    found = [_repair(m.start(), m.end(), m.group(), m.group(1), "link",
                     "Markdown link remnant") for m in _LINK.finditer(text)]
    found += [_repair(m.start(), m.end(), m.group(), m.group(1), "link",
                      "Markdown reference link remnant") for m in _REF_LINK.finditer(text)]
    return found


def drop_markdown_images(text: str) -> list[Repair]:
    """An image reference carries no article text.

    >>> show(drop_markdown_images, "Rescue boats ![boats](/img/1.jpg) left at dawn.")
    'Rescue boats left at dawn.'
    """
    return [_repair(m.start(), m.end(), m.group(), "", "image", "Markdown image remnant")
            for m in _IMAGE.finditer(text)]


def strip_markdown_headings_and_emphasis(text: str) -> list[Repair]:
    """``## Heading`` and ``**bold**`` markers around words that are otherwise text.

    >>> show(strip_markdown_headings_and_emphasis, "## Global reach\\nIt is **very** large.")
    'Global reach\\nIt is very large.'
    """
    found = [_repair(m.start(), m.end(), m.group(), "", "heading", "Markdown heading marker")
             for m in _HEADING.finditer(text)]
    for m in _EMPHASIS.finditer(text):
        found.append(_repair(m.start(), m.end(), m.group(), m.group(2), "emphasis",
                             "Markdown emphasis markers"))
    return found


def strip_html_tags(text: str) -> list[Repair]:
    """Remove HTML tags and comments; a block-level tag becomes a line break.

    >>> show(strip_html_tags, "Police said<br/>the raid <b>ended</b> at 5 a.m.<!-- ad -->")
    'Police said\\nthe raid ended at 5 a.m.'
    >>> show(strip_html_tags, "if a <b and c> d")  # not a tag: no closing bracket pair
    'if a <b and c> d'
    """
    found = [_repair(m.start(), m.end(), m.group(), "", "html-comment", "HTML comment")
             for m in _COMMENT.finditer(text)]
    inside = [(r.start, r.end) for r in found]
    block = _block_tags()
    for m in _tag_pattern().finditer(text):
        if any(s <= m.start() < e for s, e in inside):
            continue
        name = re.match(r"</?([A-Za-z0-9]+)", m.group()).group(1).lower()
        after = "\n" if name in block else ""
        found.append(_repair(m.start(), m.end(), m.group(), after, "html-tag",
                             f"HTML <{name}> tag"))
    return found


def decode_html_entities(text: str) -> list[Repair]:
    """Named and numeric character references become the characters they stand for.

    >>> show(decode_html_entities, "AT&amp;T paid &#36;5&nbsp;million")
    'AT&T paid $5 million'
    >>> show(decode_html_entities, "R&D and &unknownentity;")
    'R&D and &unknownentity;'
    """
    found = []
    for m in _ENTITY.finditer(text):
        char = html.unescape(m.group())
        if char == m.group():
            continue
        # A no-break space from markup is layout; a plain space keeps gaps comparable.
        char = char.replace("\u00a0", " ")
        found.append(_repair(m.start(), m.end(), m.group(), char, "html-entity",
                             f"HTML entity {m.group()}"))
    return found


def flatten_table_pipes(text: str) -> list[Repair]:
    """Markdown or ASCII table rows: cells are kept, separated by tabs; rules are dropped.

    >>> show(flatten_table_pipes, "| Country | Victims |\\n|---|---:|\\n| Laos | 1,200 |\\n")
    'Country\\tVictims\\n\\nLaos\\t1,200\\n'
    """
    found = []
    for start, end in textunits.lines(text):
        line = text[start:end]
        if _TABLE_RULE.match(line) and "|" in line:
            found.append(_repair(start, end, line, "", "table", "table rule line"))
            continue
        m = _TABLE_ROW.match(line)
        if m and line.count("|") >= 3:
            cells = [c.strip() for c in m.group(1).split("|")[:-1]]
            found.append(_repair(start, end, line, "\t".join(cells), "table",
                                 "table row pipes"))
    return found


def drop_caps_captions(text: str) -> list[Repair]:
    """A line in capitals standing alone after the headline is an infographic caption.

    >>> show(drop_caps_captions, "Storm hits coast\\n\\nIt rained.\\n\\nWIND AND WATER: HOW THE "
    ...      "STORM BROKE THE SEA WALL\\n\\nCrews worked.")
    'Storm hits coast\\n\\nIt rained.\\n\\n\\n\\nCrews worked.'
    """
    found = []
    for i, (start, end) in enumerate(textunits.paragraphs(text)):
        par = text[start:end]
        if i == 0 or "\n" in par or not textunits.is_caps_caption(par):
            continue
        if textunits.ends_sentence(par):
            continue
        found.append(_repair(start, end, par, "", "caption", "all-capitals caption line"))
    return found


FIXES: tuple[Fix, ...] = (
    drop_markdown_images,
    unwrap_markdown_links,
    strip_markdown_headings_and_emphasis,
    strip_html_tags,
    decode_html_entities,
    flatten_table_pipes,
    drop_caps_captions,
)


@normalizer(NAME, order=200)
def repair_markup(text: str) -> tuple[str, list[Repair]]:
    """Remove markup remnants; a link keeps its text."""
    repairs = no_new_gaps(text, keep_first([r for fix in FIXES for r in fix(text)]))
    return (apply_repairs(text, repairs), repairs) if repairs else (text, [])
