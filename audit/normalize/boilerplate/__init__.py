"""Page furniture: ads, polls, related links, credits, copyright notices, teasers.

Scrapers keep what a page showed around the article, often glued to the article's own text
with no space (``PollDo you think …?YesNo``, ``…Learn MoreUndoWhile most cases``). Each fix
(in ``glued.py`` and ``lines.py``) finds one kind of furniture in the text it is given and
returns a ``Removal`` per piece; ``remove_boilerplate`` merges them and deletes them, so
the sentence next to the furniture is kept word for word. The phrases come from
``rules/lexicons/<lang>/boilerplate.yaml`` for every language at once, because a document's
language is not known yet when it is normalized.

The docstring examples run as doctests: ``show(fix, text)`` applies one fix.
"""

from __future__ import annotations

from audit import textunits
from audit.model import Repair
from audit.normalize import apply_repairs, normalizer
from audit.normalize.boilerplate.common import (
    NAME,
    Fix,
    Removal,
    glue_point,
    merge,
    n_words,
    show,
    to_repairs,
    whole_line,
)
from audit.normalize.boilerplate.glued import (
    remove_ad_widgets,
    remove_polls,
    remove_related_links,
)
from audit.normalize.boilerplate.lines import (
    remove_copyright_notices,
    remove_credit_lines,
    remove_line_furniture,
)

__all__ = ["FIXES", "NAME", "Removal", "glue_point", "remove_ad_widgets",
           "remove_boilerplate", "remove_copyright_notices", "remove_credit_lines",
           "remove_line_furniture", "remove_polls", "remove_related_links", "show"]


FIXES: tuple[Fix, ...] = (
    remove_ad_widgets,
    remove_polls,
    remove_related_links,
    remove_copyright_notices,  # before credits: "© 2024 Agency" alone is a notice
    remove_credit_lines,
    remove_line_furniture,
)


def _tail_furniture(text: str, found: list[Removal]) -> list[Removal]:
    """A short line (an agency name, a logo's text) among the furniture that closes a page:
    everything after it is furniture or blank, and something after it was removed."""
    extra: list[Removal] = []
    spans = [s for s in textunits.lines(text) if text[s[0]:s[1]].strip()]
    removed = [(r.start, r.end) for r in found]

    def is_removed(span: tuple[int, int]) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in removed)

    for k in range(len(spans) - 1, -1, -1):
        span = spans[k]
        if is_removed(span):
            continue
        line = text[span[0]:span[1]]
        after = spans[k + 1:]
        if (after and all(is_removed(s) for s in after) and n_words(line) <= 3
                and not textunits.ends_sentence(line)):
            r = whole_line(text, span[0], span[1], "credit", "agency line among page furniture")
            extra.append(r)
            removed.append((r.start, r.end))
            continue
        break
    return extra


@normalizer(NAME, order=300)
def remove_boilerplate(text: str) -> tuple[str, list[Repair]]:
    """Delete page furniture, keeping the article text around it."""
    found = merge([r for fix in FIXES for r in fix(text)])
    if found:
        found = merge(found + _tail_furniture(text, found))
    repairs = to_repairs(text, found)
    return (apply_repairs(text, repairs), repairs) if repairs else (text, [])
