"""D304: a body paragraph that stops in the middle of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from audit import lexicons, textunits
from audit.checks import units
from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check

MIN_WORDS = 6          # shorter unpunctuated lines are headings and labels
PROSE_WORDS = 15       # a paragraph this long with no final mark is prose that was cut
TAIL_WORDS = 5         # how much of the paragraph's end the finding shows
# A full stop followed by one to three stray characters: a closing quote whose bytes were
# mangled ("jumped.鈥"). The sentence ended; the encoding rules report the damage.
_ENDED_THEN_DAMAGED = re.compile(r"[.!?…][^\sA-Za-z0-9]{1,3}$")


@lru_cache(maxsize=8)
def _closers(language: str) -> frozenset[str] | None:
    """Words a finished sentence does not end with, or None for a language without them."""
    try:
        return frozenset(w.lower() for w in lexicons.words(
            "function-words#article+preposition-only+conjunction+determiner", language))
    except lexicons.LexiconError:
        return None


@document_check("D304", "truncated-paragraph", "dropped-text", "warning", examples=[Example(
    bad="Harbour fire\n\nFirefighters worked through the night to save the old pier, in "
        "what locals call the\n\nThe fire was out by morning.",
    good="Harbour fire\n\nFirefighters worked through the night to save the old pier, in "
         "what locals call the heart of the town.\n\nThe fire was out by morning.")])
def truncated_paragraph(ctx: DocumentContext) -> Iterator[Hit]:
    """A body paragraph that ends in the middle of a sentence.

    ## What it does
    Reports a paragraph of running text whose last word is an article, a preposition, a
    conjunction or a determiner (`… commonly known as a`), or a long paragraph that ends on
    a lowercase word with no final punctuation. Headlines, section headings, datelines,
    bylines, lists, captions and tables are never reported, nor a paragraph whose sentence
    simply continues after a stray line break in lowercase.

    ## Why is this bad?
    The end of the sentence — often a link text or the rest of a page that a paywall or
    a length limit cut — is gone; what is left may say the opposite of the original.

    ## Example
    ```text
    Firefighters worked through the night to save the old pier, in what locals call the
    ```

    ## Use instead
    ```text
    Firefighters worked through the night to save the old pier, in what locals call the
    heart of the town.
    ```
    """
    closers = _closers(units.lang(ctx))
    if closers is None:
        return
    text = ctx.text
    found = units.blocks(ctx)
    for i, block in enumerate(found):
        par = text[block.start:block.end]
        if block.kind != "body" or textunits.ends_sentence(par) \
                or _ENDED_THEN_DAMAGED.search(par):
            continue
        words = textunits.words(text, block.start, block.end)
        if len(words) < MIN_WORDS:
            continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and text[nxt.start:nxt.start + 1].islower():
            continue  # a stray line break: the sentence goes on
        last = text[words[-1][0]:words[-1][1]]
        cut_on_function_word = last.lower() in closers
        cut_prose = len(words) >= PROSE_WORDS and last[:1].islower()
        if not (cut_on_function_word or cut_prose):
            continue
        start = words[max(0, len(words) - TAIL_WORDS)][0]
        why = (f"ends on '{last}'" if cut_on_function_word
               else "ends without punctuation")
        yield Hit(start, block.end, f"paragraph {why}: the rest of the sentence is missing",
                  suggestion="Restore the end of the paragraph from the source.")
