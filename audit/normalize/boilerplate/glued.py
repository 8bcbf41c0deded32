"""Furniture glued into the text: ad widgets, polls, related-link teasers and blocks."""

from __future__ import annotations

import re

from audit import lexicons, textunits
from audit.normalize.boilerplate.common import (
    MAX_BLOCK_LINES,
    MAX_FURNITURE_WORDS,
    MAX_WIDGET_GAP,
    Removal,
    glue_point,
    glued_alternation,
    is_glued,
    lex,
    n_words,
    show,
    whole_line,
    widen_to_line,
)

__all__ = ["remove_ad_widgets", "remove_polls", "remove_related_links", "show"]


def remove_ad_widgets(text: str) -> list[Removal]:
    """Recommendation widgets (Taboola, Outbrain, "Sponsored Links", "You May Like").

    A run of widget labels and calls to action, each within a few words of the next, is one
    widget; the ad titles between the labels go with it.

    >>> show(remove_ad_widgets, "    by Taboolaby TaboolaSponsored LinksYou May LikeBest "
    ...      "Boats 2024Boat WorldLearn MoreUndoWhile most cases were local.")
    'While most cases were local.'
    >>> show(remove_ad_widgets, "Learn More about the scheme online.")  # no widget label
    'Learn More about the scheme online.'
    """
    # A widget's name may run into the next label ("by Taboolaby Taboola"); a call to
    # action must not run into a lowercase letter ("Undone" is a word).
    strong = re.compile(lexicons.alternation(lex("widget"), bounded=False))
    weak = re.compile(glued_alternation("widget-cta"))
    marks = sorted([(m.start(), m.end(), True) for m in strong.finditer(text)]
                   + [(m.start(), m.end(), False) for m in weak.finditer(text)])
    runs: list[list[tuple[int, int, bool]]] = []
    for mark in marks:
        if runs and mark[0] >= runs[-1][-1][1] and mark[0] - runs[-1][-1][1] <= MAX_WIDGET_GAP \
                and "\n" not in text[runs[-1][-1][1]:mark[0]]:
            runs[-1].append(mark)
        elif not runs or mark[0] >= runs[-1][-1][1]:
            runs.append([mark])
    out = []
    for run in runs:
        start, end = run[0][0], run[-1][1]
        if not any(strong for _, _, strong in run):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end
        alone = not text[line_start:start].strip() and not text[end:line_end].strip()
        if len(run) < 2 and not alone:
            continue  # one label inside a sentence: a story about ads, not an ad
        start, end = widen_to_line(text, start, end)
        out.append(Removal(start, end, "advert", "ad widget",
                           is_glued(text, start, end, text[start:end])))
    return out


def remove_polls(text: str) -> list[Removal]:
    """A reader poll: a label, a question and at least two answers.

    >>> show(remove_polls, 'enduring "abuse".PollDo you think the ban will hold?YesNo\\nNext.')
    'enduring "abuse".\\nNext.'
    """
    label = glued_alternation("poll")
    answers = glued_alternation("poll-answer")
    pattern = re.compile(rf"(?<![A-Z]){label}[^\S\n]*[:–-]?[^\S\n]*"
                         rf"[A-ZÀ-Ý¿][^?\n]{{5,250}}\?[^\S\n]*"
                         rf"(?:{answers}[^\S\n]*[/|,]?[^\S\n]*){{2,}}")
    out = []
    for m in pattern.finditer(text):
        start, end = widen_to_line(text, m.start(), m.end())
        out.append(Removal(start, end, "poll", "reader poll",
                           is_glued(text, start, end, m.group())))
    return out


def _title_like(line: str) -> bool:
    line = line.strip()
    if not line or line[0].islower() or n_words(line) > MAX_FURNITURE_WORDS:
        return False
    return not textunits.ends_sentence(line) or textunits.is_dateline(line)


def remove_related_links(text: str) -> list[Removal]:
    """"Read also", "Related news", "SEE ALSO", "Most read" and the headlines listed under
    them.

    >>> show(remove_related_links, "It grew.\\n\\nRead alsoCounting the cost\\n\\nIt fell.")
    'It grew.\\n\\n\\nIt fell.'
    >>> show(remove_related_links, "It grew. Read alsoPort fees riseThe port shut.")
    'It grew. The port shut.'
    >>> show(remove_related_links, "It fell.\\n\\nRelated news\\n\\nPort reopens\\n\\n"
    ...      "11 July 2024\\n")
    'It fell.\\n\\n'
    """
    headers = lex("related")
    bare = re.compile(r"^" + lexicons.alternation(headers) + r"[^\S\n]*[:»›]?[^\S\n]*$", re.I)
    with_title = re.compile(r"^(?i:" + lexicons.alternation(headers, bounded=False) + r")"
                            r"(?:[^\S\n]*[:|»›–—-][^\S\n]*|(?=[A-ZÀ-Ý\"“'‘]))\S")
    phrase = re.compile(r"^(?i:" + lexicons.alternation([h for h in headers if " " in h])
                        + r")[^\S\n]+[A-ZÀ-Ý\"“]")
    glued_header = re.compile(r"(?:(?<=^)|(?<=[\s.!?\"”’)]))"
                              + lexicons.alternation(headers, bounded=False)
                              + r"(?=[A-ZÀ-Ý\"“])", re.M)
    spans = textunits.lines(text)
    out: list[Removal] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        line = text[start:end].strip()
        if bare.match(line):
            last = end
            j = i + 1
            taken = 0
            while j < len(spans) and taken < MAX_BLOCK_LINES:
                s, e = spans[j]
                item = text[s:e]
                if item.strip() and not _title_like(item):
                    break
                if item.strip():
                    last = e
                    taken += 1
                j += 1
            out.append(whole_line(text, start, last, "related", "related-links block"))
            i = j
            continue
        if (with_title.match(line) or phrase.match(line)) and _title_like(line) \
                and not glued_header.match(line):
            out.append(whole_line(text, start, end, "related", "related link"))
        i += 1
    # A header glued to its link's title, inside a paragraph or opening a line: the title
    # runs to the point where it is glued to the next sentence, or to the line's end.
    for m in glued_header.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        cut = glue_point(text, m.end())
        if cut is None:
            if text[line_start:m.start()].strip() or not _title_like(text[m.start():line_end]):
                continue  # no way to tell where the title ends
            out.append(whole_line(text, line_start, line_end, "related", "related link",
                                   glued=True))
        elif n_words(text[m.end():cut]) >= 2:
            start, end = widen_to_line(text, m.start(), cut)
            out.append(Removal(start, end, "related", "related link", glued=True))
    return out

