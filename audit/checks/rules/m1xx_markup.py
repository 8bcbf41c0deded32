"""M1xx: markup remnants that the markup normalizer removed.

Remnants inside furniture that the boilerplate normalizer removed as a whole (the links of
a "See also" list) are not reported again: B203 covers them.
"""

from __future__ import annotations

from collections.abc import Iterator

from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check
from audit.checks.rules.from_repairs import hits
from audit.model import Repair

SUGGESTION = "Repaired by `source-audit fix`; extract text from the HTML, not its source."


def _in_furniture(ctx: DocumentContext) -> list[tuple[int, int]]:
    key = "m1xx.furniture"
    if key not in ctx.cache:
        ctx.cache[key] = [(r.start, r.end) for r in ctx.repairs
                          if r.normalizer == "boilerplate"]
    return ctx.cache[key]


def _kind(ctx: DocumentContext, kinds: set[str], label: str) -> Iterator[Hit]:
    furniture = _in_furniture(ctx)

    def keep(r: Repair) -> bool:
        return r.meta.get("kind") in kinds and not any(
            s <= r.start and r.end <= e for s, e in furniture)

    yield from hits(ctx, "markup", keep, lambda r, s: f"{label}: '{s}'", SUGGESTION)


@document_check("M101", "markdown-remnant", "markup", "info", examples=[Example(
    bad="The raid was part of [Operation Harbour](#), police said.",
    good="The raid was part of Operation Harbour, police said.")])
def markdown_remnant(ctx: DocumentContext) -> Iterator[Hit]:
    """Markdown link, image, heading or emphasis syntax left in the text.

    ## What it does
    Reports Markdown remnants (`[text](#)`, `![alt](src)`, `## `, `**bold**`) that the
    markup normalizer replaced by their text.

    ## Why is this bad?
    The brackets and targets are not words of the article; they break names apart for the
    name and figure extractors (`[Operation Harbour](#)` is not `Operation Harbour`).

    ## Example
    ```text
    The raid was part of [Operation Harbour](#), police said.
    ```

    ## Use instead
    ```text
    The raid was part of Operation Harbour, police said.
    ```
    """
    yield from _kind(ctx, {"link", "image", "heading", "emphasis"}, "Markdown remnant")


@document_check("M102", "html-remnant", "markup", "info", examples=[Example(
    bad="Police said <b>12</b> boats were seized &amp; burned.",
    good="Police said 12 boats were seized & burned.")])
def html_remnant(ctx: DocumentContext) -> Iterator[Hit]:
    """HTML tags, comments or character entities left in the text.

    ## What it does
    Reports HTML tags (`<b>`, `<br/>`), comments and entities (`&amp;`, `&#8217;`) that the
    markup normalizer removed or decoded. Only names of real HTML elements count as tags.

    ## Why is this bad?
    Tags and entities are not text: `&amp;` is not a word, and a tag inside a number
    (`1<b>2</b>`) hides it from the figure extractor.

    ## Example
    ```text
    Police said <b>12</b> boats were seized &amp; burned.
    ```

    ## Use instead
    ```text
    Police said 12 boats were seized & burned.
    ```
    """
    yield from _kind(ctx, {"html-tag", "html-comment", "html-entity"}, "HTML remnant")


@document_check("M103", "table-remnant", "markup", "info", examples=[Example(
    bad="Arrests by country:\n\n| Country | Arrests |\n|---|---|\n| Laos | 120 |\n",
    good="Arrests by country:\n\nLaos\t120\n")])
def table_remnant(ctx: DocumentContext) -> Iterator[Hit]:
    """Table pipes and rule lines from a flattened table.

    ## What it does
    Reports Markdown or ASCII table rows (`| a | b |`) and rule lines (`|---|---|`) that the
    markup normalizer turned into tab-separated cells.

    ## Why is this bad?
    Pipes and dashes are not text; they split figures from what they count.

    ## Example
    ```text
    | Country | Arrests |
    |---|---|
    | Laos | 120 |
    ```

    ## Use instead
    ```text
    Laos	120
    ```
    """
    yield from _kind(ctx, {"table"}, "table remnant")


@document_check("M104", "caps-caption", "markup", "info", examples=[Example(
    bad="Storm hits coast\n\nIt rained all night.\n\nWIND AND WATER HOW THE STORM BROKE "
        "THE SEA WALL\n\nCrews worked until dawn.",
    good="Storm hits coast\n\nIt rained all night.\n\nCrews worked until dawn.")])
def caps_caption(ctx: DocumentContext) -> Iterator[Hit]:
    """An all-capitals caption line from an infographic or photo.

    ## What it does
    Reports lines of five or more words in capitals, standing alone after the headline, that
    the markup normalizer removed: the text of an infographic or photo caption.

    ## Why is this bad?
    The caption was an image's text; in the article flow it reads as a shouted sentence
    with no verb, and it repeats what the article says.

    ## Example
    ```text
    It rained all night.

    WIND AND WATER HOW THE STORM BROKE THE SEA WALL

    Crews worked until dawn.
    ```

    ## Use instead
    ```text
    It rained all night.

    Crews worked until dawn.
    ```
    """
    yield from _kind(ctx, {"caption"}, "caption line")
