"""The units a document check looks at — paragraphs with their kind, sentences, lines —
computed once per document and shared between checks through ``ctx.cache``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from audit import textunits
from audit.checks.context import DocumentContext
from audit.textunits import Block, Span

UNITS = ("document", "paragraph", "line", "sentence")
KINDS = ("heading", "dateline", "byline", "list", "caption", "table", "body")


def lang(ctx: DocumentContext) -> str:
    """The document's language, or the configured one, or English."""
    return (ctx.language or ctx.options.get("language") or "en").split("-")[0]


def blocks(ctx: DocumentContext) -> list[Block]:
    key = "units.blocks"
    if key not in ctx.cache:
        ctx.cache[key] = textunits.blocks(ctx.text, lang(ctx))
    return ctx.cache[key]


def sentences(ctx: DocumentContext, block: Block) -> list[Span]:
    key = f"units.sentences.{block.index}"
    if key not in ctx.cache:
        ctx.cache[key] = textunits.sentences(ctx.text, block.start, block.end, lang(ctx))
    return ctx.cache[key]


def _lines(text: str, block: Block) -> Iterator[Span]:
    pos = block.start
    for part in text[block.start:block.end].split("\n"):
        if part.strip():
            yield pos, pos + len(part)
        pos += len(part) + 1


def select(ctx: DocumentContext, unit: str, include: Iterable[str] = (),
           exclude: Iterable[str] = ()) -> list[Span]:
    """Spans of ``unit`` inside the blocks whose kind is in ``include`` (all when empty)
    and not in ``exclude``. ``document`` without a kind filter is the whole text."""
    include, exclude = set(include), set(exclude)
    if unit == "document" and not include and not exclude:
        return [(0, len(ctx.text))]
    chosen: Sequence[Block] = [b for b in blocks(ctx)
                               if (not include or b.kind in include) and b.kind not in exclude]
    if unit in ("document", "paragraph"):
        return [(b.start, b.end) for b in chosen]
    if unit == "line":
        return [span for b in chosen for span in _lines(ctx.text, b)]
    if unit == "sentence":
        return [span for b in chosen for span in sentences(ctx, b)]
    raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)}")


def parse_scope(scope: str | Sequence[str]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Vale-style scope: ``sentence``, ``[paragraph, ~heading]``, ``[line, body]``."""
    items = [scope] if isinstance(scope, str) else list(scope)
    unit = "sentence"
    include: list[str] = []
    exclude: list[str] = []
    for item in items:
        item = str(item).strip()
        negated = item.startswith("~")
        name = item.lstrip("~")
        if name in UNITS and not negated:
            unit = name
        elif name in KINDS:
            (exclude if negated else include).append(name)
        else:
            raise ValueError(f"unknown scope {item!r}; units: {', '.join(UNITS)}; "
                             f"block kinds (optionally with ~): {', '.join(KINDS)}")
    return unit, tuple(include), tuple(exclude)
