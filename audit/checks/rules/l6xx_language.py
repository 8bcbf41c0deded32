"""L6xx: text in another language than the document (per paragraph) or than expected."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from audit import language, lexicons, textunits
from audit.checks import units
from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check

MIN_LETTERS = 60          # below this a paragraph's language is a guess (and costs ~17 ms)
MIN_PROBABILITY = 0.90
HOME_STOPWORDS = 0.12     # a paragraph this full of the document's function words is its
FOREIGN_STOPWORDS = 0.08  # … and one in another language has this many of its own
KINDS = {"body", "heading", "caption", "list"}


@lru_cache(maxsize=16)
def _stopwords(lang: str) -> frozenset[str] | None:
    try:
        return frozenset(w.lower() for w in lexicons.words("stopwords", lang))
    except lexicons.LexiconError:
        return None


def _share(words: list[str], lang: str) -> float | None:
    stop = _stopwords(lang)
    if stop is None or not words:
        return None
    return sum(w.lower() in stop for w in words) / len(words)


def paragraph_language(ctx: DocumentContext, start: int, end: int
                       ) -> tuple[str, float] | None:
    """langdetect's answer for a paragraph, cached per document."""
    key = f"l6xx.lang.{start}.{end}"
    if key not in ctx.cache:
        ctx.cache[key] = language.detect(ctx.text[start:end], min_letters=MIN_LETTERS)
    return ctx.cache[key]


@document_check("L601", "mixed-language", "mixed-language", "warning", examples=[Example(
    bad="The council met on Monday to discuss the new harbour budget and the ferry "
        "timetable for the summer.\n\nLe conseil municipal a voté le budget du port et les "
        "horaires des traversiers pour tout l'été prochain.\n\nThe vote passed easily.",
    good="The council met on Monday to discuss the new harbour budget and the ferry "
         "timetable for the summer.\n\nThe council voted for the harbour budget and the "
         "ferry timetable for the whole of next summer.\n\nThe vote passed easily.")])
def mixed_language(ctx: DocumentContext) -> Iterator[Hit]:
    """A paragraph in another language than the rest of the document.

    ## What it does
    Detects the language of each paragraph of useful length (60 letters or more) with
    seeded, deterministic langdetect, and reports a paragraph confidently in another
    language than the document. A paragraph still full of the document's own function
    words is not reported (names and loanwords fool the detector).

    ## Why is this bad?
    An untranslated paragraph in a translated copy, or a paragraph from another edition
    glued in, is not what the document claims to be; the checks that compare sources
    skip what they cannot read.

    ## Example
    ```text
    The council met on Monday to discuss the new harbour budget.

    Le conseil municipal a voté le budget du port et les horaires des traversiers.
    ```

    ## Use instead
    ```text
    The council met on Monday to discuss the new harbour budget.

    The council voted for the harbour budget and the ferry timetable.
    ```
    """
    home = ctx.language
    if not home:
        return
    home = home.split("-")[0]
    for block in units.blocks(ctx):
        if block.kind not in KINDS:
            continue
        words = [m.group() for m in textunits.iter_words_in(ctx.text, (block.start,
                                                                         block.end))]
        own = _share(words, home)
        if own is not None and own >= HOME_STOPWORDS:
            continue  # plainly in the document's language; no need to ask langdetect
        found = paragraph_language(ctx, block.start, block.end)
        if found is None:
            continue
        lang, prob = found
        lang = lang.split("-")[0]
        if lang == home or prob < MIN_PROBABILITY:
            continue
        theirs = _share(words, lang)
        if theirs is not None and theirs < FOREIGN_STOPWORDS:
            continue
        yield Hit(block.start, block.end,
                  f"paragraph is in '{lang}' (p={prob:.2f}), the document in '{home}'",
                  suggestion="Translate the paragraph or remove it.")


@document_check("L602", "unexpected-language", "mixed-language", "warning", examples=[Example(
    bad="Le conseil municipal a voté lundi le budget du port et les horaires des "
        "traversiers pour tout l'été prochain.",
    good="The council voted on Monday for the harbour budget and the ferry timetable for "
         "the whole of next summer.", note="with language = \"en\" configured")])
def unexpected_language(ctx: DocumentContext) -> Iterator[Hit]:
    """A document in another language than the corpus is expected to be in.

    ## What it does
    When the configuration sets `language` (the language the corpus should be in), reports
    a document whose language (declared, or detected) is another one. The examples are
    checked with `language = "en"`.

    ## Why is this bad?
    A document in the wrong language is usually a scraper that followed a link to another
    edition; every language-specific check then misses it.

    ## Example
    ```text
    Le conseil municipal a voté lundi le budget du port.
    ```

    ## Use instead
    ```text
    The council voted on Monday for the harbour budget.
    ```
    """
    expected = ctx.options.get("language")
    found = ctx.language
    if not expected or not found:
        return
    if found.split("-")[0] == str(expected).split("-")[0]:
        return
    first = next(iter(units.blocks(ctx)), None)
    end = first.end if first else len(ctx.text)
    yield Hit(first.start if first else 0, end,
              f"document is in '{found}', the corpus is expected in '{expected}'",
              suggestion="Remove it from the corpus or translate it.")
