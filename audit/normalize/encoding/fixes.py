"""The repair steps, each a small named function from text to edits (like ftfy's fixes).

Each returns the Edits it would make, located in the text it was given; ``fix_and_explain``
applies them in order and keeps one Repair per repaired span of the original.
"""

from __future__ import annotations

import re

from audit.normalize.encoding import layers, repair
from audit.normalize.encoding.restyle import restyle_edits
from audit.normalize.encoding.trail import Edit


def undo_misreading(text: str, confirmed: set[str],
                    focus: list[tuple[int, int]] | None = None) -> list[Edit]:
    """Undo one layer of UTF-8 read through the wrong codec, piece by piece; rebuild what a
    lost byte held from what survives and the neighbours; read a space back as the no-break
    space it replaced. ``confirmed`` collects the codecs the document has shown; ``focus``
    limits the search to those spans (a deeper layer lies inside the last one's repairs).

        'caf\\u00c3\\u00a9'                      -> 'café'        (Windows-1252)
        'France\\u9225\\u6a9a economy'           -> 'France’s economy'  (GBK)
        'as targets.\\u9225'                     -> 'as targets.”'  (GBK, last byte lost)
        'voil\\u00c3 le travail'                 -> 'voilà le travail'  (A0 became a space)
        'S\\u0440\\u045f\\u0452 5.8bn'            -> no change: it reads as nothing likely
    """
    return repair.edits(layers.one_layer(text, confirmed, focus=focus), text)


_C1 = re.compile("[\x80-\x9f]+")
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")  # the same characters, in UTF-8
_CP1252_C1 = {b: bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xA0)}


def fix_c1_controls(text: str) -> list[Edit]:
    """C1 controls left after the UTF-8 repair are Windows-1252 bytes read as Latin-1 (what
    browsers do); bytes Windows-1252 leaves undefined stay.

        '\\x93quoted\\x94 and \\x81'   -> '“quoted” and \\x81'
    """
    if not _C1_UTF8.search(text.encode("utf-8", "surrogatepass")):
        return []  # most text: a literal byte is found at C speed, a class is tried per char
    out = []
    for m in _C1.finditer(text):
        fixed = "".join(_CP1252_C1[ord(c)] or c for c in m.group())
        if fixed != m.group():
            out.append(Edit(m.start(), m.end(), fixed, {"codec": "latin-1",
                                                         "from": "windows-1252"}))
    return out


def uncurl_quotes(text: str) -> list[Edit]:
    """Optional restyling: curly quotes to straight ones (ftfy's table).

        '“It’s”'   -> '"It\\'s"'
    """
    return restyle_edits(text, "uncurl_quotes")


def fix_ligatures(text: str) -> list[Edit]:
    """Optional restyling: Latin ligatures and legacy digraphs to their letters.

        'signiﬁcant'   -> 'significant'
    """
    return restyle_edits(text, "fix_ligatures")


def fix_width(text: str) -> list[Edit]:
    """Optional restyling: full-width and half-width forms to their usual width.

        'Ｈｅｌｌｏ，world'   -> 'Hello,world'
    """
    return restyle_edits(text, "fix_width")
