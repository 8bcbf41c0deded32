"""N450: one name spelled two ways inside one document (with and without diacritics).

Comparing spellings across the sources of a story is the cross-source stage's work (N40x).
This rule needs no other source: a document that writes ``Jurgen`` four times and
``Jürgen`` once has lost the diacritics somewhere on the way (or added them), and the
spellings disagree inside the document itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

from audit.checks.context import DocumentContext
from audit.checks.registry import Example, Hit, document_check

# A capitalised word of three letters or more: names, and the first word of sentences.
_CAPITALISED = re.compile(r"(?<![\w-])[^\W\d_a-z][^\W\d_]{2,}(?![\w-])")


def fold(word: str) -> str:
    """``Jürgen`` -> ``jurgen``: drop combining marks after NFKD, then casefold."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@document_check("N450", "name-spelling-in-document", "name-variant", "warning",
                examples=[Example(
                    bad="Jürgen Stock spoke first. Later, Jurgen Stock took questions.",
                    good="Jürgen Stock spoke first. Later, Jürgen Stock took questions.")])
def name_spelling_in_document(ctx: DocumentContext) -> Iterator[Hit]:
    """One name written with and without its diacritics in the same document.

    ## What it does
    Groups the capitalised words of a document by their form without diacritics and
    reports the spelling without diacritics of a word written both ways (`Jurgen` beside
    `Jürgen`), like the cross-source check N402: pipelines strip accents far more often
    than they invent them.
    Only words that carry a diacritic in one spelling count, so `Paris` and `PARIS` are
    left alone.

    ## Why is this bad?
    The document disagrees with itself. Search, deduplication and the cross-source name
    checks treat the two spellings as two people; one of them came from a copy that lost
    or gained the accents.

    ## Example
    ```text
    Jürgen Stock spoke first. Later, Jurgen Stock took questions.
    ```

    ## Use instead
    ```text
    Jürgen Stock spoke first. Later, Jürgen Stock took questions.
    ```
    """
    spots: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in _CAPITALISED.finditer(ctx.text):
        word = m.group()
        if not word.isupper():
            spots[fold(word)].append((m.start(), m.end(), word))
    for places in spots.values():
        counts = Counter(w for _, _, w in places)
        if len(counts) < 2 or not any(fold(w) != w.casefold() for w in counts):
            continue
        # Diacritics win, then the majority: stripping is the usual damage, and N402
        # suggests the same spelling across sources.
        ranked = sorted(counts, key=lambda w: (fold(w) == w.casefold(), -counts[w], w))
        main = ranked[0]
        for start, end, word in places:
            if word != main:
                yield Hit(start, end,
                          f"'{word}' here, '{main}' ({counts[main]}×) elsewhere in the "
                          "document", suggestion=f"Use one spelling: '{main}'?")
