"""Furniture on lines of its own: credits, copyright notices, ad labels, teasers."""

from __future__ import annotations

import re

from audit import lexicons, textunits
from audit.normalize.boilerplate.common import (
    MAX_FURNITURE_WORDS,
    Removal,
    lex,
    line_start,
    n_words,
    show,
    whole_line,
)

__all__ = ["remove_copyright_notices", "remove_credit_lines", "remove_line_furniture", "show"]


def remove_credit_lines(text: str) -> list[Removal]:
    """Photo credits, source links, bylines and reporting credits on lines of their own,
    and a reporting credit in parentheses closing a paragraph.

    >>> show(remove_credit_lines, "Headline\\nPhoto credit © Agency\\nBy Jane Doe\\nIt rained."
    ...      " (Reporting by Ann Lee; Editing by Bo Chan)\\nSource link -87")
    'Headline\\nIt rained.'
    >>> show(remove_credit_lines, "A crew at work. (Photo: J. Doe/Agency)\\n(Photo: Agency)\\nIt")
    'A crew at work.\\nIt'
    """
    explicit = re.compile(r"^[^\S\n]*\(?" + lexicons.alternation(
        lex("photo-credit-explicit")), re.I)
    photo = re.compile(r"^[^\S\n]*\(?" + lexicons.alternation(lex("photo-credit"))
                       + r"[^\S\n]*(?:[:©|/]|\([cC]\)|[–-][^\S\n])", re.I)
    credit_marker = lexicons.alternation((*lex("photo-credit-explicit"),
                                          *lex("photo-credit")))
    # "… ashore at the port. (Photo credit: Jane Doe/Agency)" closing a caption line.
    trailing_photo = re.compile(r"(?<=[.!?\"”’])[^\S\n]*\((?i:" + credit_marker
                                + r")[^\S\n]*(?:[:©|/]|[^\S\n]*credit)[^()\n]{2,120}\)"
                                r"[^\S\n]*$", re.M)
    source_multi = re.compile(r"^[^\S\n]*" + lexicons.alternation(
        [w for w in lex("source-line") if " " in w]), re.I)
    source_single = re.compile(line_start("source-line").pattern + r"[^\S\n]*(?::|$)", re.I)
    trailing = re.compile(r"(?<=[.!?\"”’])[^\S\n]*\([^\S\n]*"
                          + lexicons.alternation(lex("credit")) + r"[^()\n]{3,300}\)[^\S\n]*$",
                          re.M)
    out: list[Removal] = []
    first = next((s for s in textunits.lines(text) if text[s[0]:s[1]].strip()), None)
    for start, end in textunits.lines(text):
        line = text[start:end]
        if not line.strip() or n_words(line) > MAX_FURNITURE_WORDS:
            continue
        short = n_words(line) <= 15
        headline = (start, end) == first  # "By The Numbers" is a title, not a byline
        if short and (explicit.match(line) or photo.match(line)
                      or (line.strip().startswith("©") and n_words(line) <= 6)):
            out.append(whole_line(text, start, end, "credit", "photo credit"))
        elif short and (source_multi.match(line) or source_single.match(line)):
            out.append(whole_line(text, start, end, "credit", "source line"))
        elif textunits.is_byline(line) and not headline:
            out.append(whole_line(text, start, end, "credit", "byline"))
        elif textunits.is_credit(line):
            out.append(whole_line(text, start, end, "credit", "reporting credit"))
    for m in trailing.finditer(text):
        out.append(Removal(m.start(), m.end(), "credit", "reporting credit"))
    for m in trailing_photo.finditer(text):
        out.append(Removal(m.start(), m.end(), "credit", "photo credit"))
    return out


def remove_copyright_notices(text: str) -> list[Removal]:
    """A copyright notice paragraph.

    >>> show(remove_copyright_notices, "It rained.\\n\\n©2024 Agency, all rights reserved. "
    ...      "Copying is prohibited.")
    'It rained.\\n'
    """
    # "©2024 Agency", "(c) Agency", "Copyright 2024": a sign, or the word and a year.
    opener = re.compile(r"^(?:[©]|\([cC]\)|(?i:" + lexicons.alternation(lex("copyright-start"))
                        + r")[^\S\n]*©?[^\S\n]*(?:19|20)\d\d)")
    rights = re.compile(lexicons.alternation(lex("rights-reserved")), re.I)
    out = []
    for start, end in textunits.paragraphs(text):
        par = text[start:end]
        marked = "©" in par or re.search(r"\bcopyright\b", par, re.I)
        if n_words(par) > 200:
            continue
        if opener.match(par) or (rights.search(par) and (marked or n_words(par) <= 30)):
            out.append(whole_line(text, start, end, "copyright", "copyright notice"))
    return out


def remove_line_furniture(text: str) -> list[Removal]:
    """Advertisement labels, subscriber teasers and share prompts on lines of their own.

    >>> show(remove_line_furniture, "It rained.\\nADVERTISEMENT\\nSubscribe to read the rest."
    ...      "\\nShare this article\\nIt stopped.")
    'It rained.\\nIt stopped.'
    """
    adverts = {w.casefold() for w in (*lex("advert"), *lex("widget"))}
    teaser = re.compile(lexicons.alternation(lex("subscriber")), re.I)
    share = line_start("share")
    out = []
    for start, end in textunits.lines(text):
        line = text[start:end].strip()
        if not line or n_words(line) > MAX_FURNITURE_WORDS:
            continue
        if line.rstrip(" :.-–—").casefold() in adverts:
            out.append(whole_line(text, start, end, "advert", "advertisement label"))
        elif teaser.search(line):
            out.append(whole_line(text, start, end, "subscriber", "subscriber teaser"))
        elif share.match(line) and n_words(line) <= 12:
            out.append(whole_line(text, start, end, "share", "share prompt"))
    return out

