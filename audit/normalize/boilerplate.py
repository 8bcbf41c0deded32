"""Page furniture: ads, polls, related links, credits, copyright notices, teasers.

Scrapers keep what a page showed around the article, often glued to the article's own text
with no space (``PollDo you think …?YesNo``, ``…Learn MoreUndoWhile most cases``). Each fix
below finds one kind of furniture in the text it is given and returns a ``Removal`` per
piece; ``remove_boilerplate`` merges them and deletes them, so the sentence next to the
furniture is kept word for word. The phrases come from ``rules/lexicons/<lang>/
boilerplate.yaml`` for every language at once, because a document's language is not known
yet when it is normalized.

The docstring examples run as doctests: ``show(fix, text)`` applies one fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from audit import lexicons, textunits
from audit.model import Repair
from audit.normalize import apply_repairs, normalizer

NAME = "boilerplate"
MAX_WIDGET_GAP = 80      # ad text between two widget labels ("Set The StandardCFA Institute")
MAX_BLOCK_LINES = 30     # headlines listed under one "Related news" header
MAX_FURNITURE_WORDS = 25


@dataclass(frozen=True)
class Removal:
    start: int
    end: int
    kind: str
    reason: str
    glued: bool = False


Fix = Callable[[str], list[Removal]]


def _lex(group: str) -> tuple[str, ...]:
    return lexicons.merged("boilerplate", group)


@cache
def _glued_alternation(group: str) -> str:
    """Entries that may be glued to the text on their left, but not run into a lowercase
    letter on their right (``Undo`` in ``UndoWhile``, not in ``Undone``)."""
    return lexicons.alternation(_lex(group), bounded=False) + r"(?![a-zà-ÿ])"


@cache
def _line_start(group: str) -> re.Pattern[str]:
    return re.compile(r"^[^\S\n]*" + lexicons.alternation(_lex(group)), re.I)


def _n_words(s: str) -> int:
    return len(textunits.WORD.findall(s))


def _widen_to_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in horizontal white space up to the line start on the left, if nothing else is
    there, so a widget that opened a line leaves no indentation behind."""
    left = start
    while left > 0 and text[left - 1] in " \t\u00a0":
        left -= 1
    if left == 0 or text[left - 1] == "\n":
        start = left
    return start, end


def _glued(text: str, start: int, end: int, inner: str) -> bool:
    """Furniture shares a line with other text, or its own labels run together."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    shares = bool(text[line_start:start].strip() or text[end:line_end].strip())
    return shares or bool(re.search(r"[a-zà-ÿ.?!][A-ZÀ-Ý]", inner))


_JUNCTION = re.compile(r"(?<=[a-zà-ÿ]{2})(?=[A-ZÀ-Ý])")
_LETTERS = re.compile(r"[^\W\d_]+")


def glue_point(text: str, start: int, limit: int = 200) -> int | None:
    """Where furniture glued to the next sentence ends: the first place after ``start``, on
    the same line and before any full stop, where a lowercase letter runs into a capital
    (``accidentsThe``) inside a letter run that is no known word ("YouTube" is one).

    >>> t = "Read alsoFerry checks tightenedThe ministry said"
    >>> t[glue_point(t, 9):]
    'The ministry said'
    """
    from wordfreq import zipf_frequency  # its word lists load on first use

    end = min(len(text), start + limit)
    line_end = text.find("\n", start, end)
    end = end if line_end == -1 else line_end
    stop = re.search(r"[.!?]\s", text[start:end])
    end = start + stop.start() if stop else end
    for m in _JUNCTION.finditer(text, start + 1, end):
        left = _LETTERS.search(text[max(0, m.start() - 40):m.start()][::-1])
        right = _LETTERS.match(text, m.start())
        word = (left.group()[::-1] if left else "") + (right.group() if right else "")
        if zipf_frequency(word.lower(), "en") == 0:
            return m.start()
    return None


def _whole_line(text: str, start: int, end: int, kind: str, reason: str,
                glued: bool = False) -> Removal:
    """A removal of line ``text[start:end]`` and its line break (the one before it, for
    the last line)."""
    if end < len(text) and text[end] == "\n":
        end += 1
    elif end == len(text) and start > 0 and text[start - 1] == "\n":
        start -= 1
    return Removal(start, end, kind, reason, glued)


def show(fix: Fix, text: str) -> str:
    """Apply one fix to ``text`` (for the examples)."""
    return apply_repairs(text, _to_repairs(text, _merge(fix(text))))


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
    strong = re.compile(lexicons.alternation(_lex("widget"), bounded=False))
    weak = re.compile(_glued_alternation("widget-cta"))
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
        start, end = _widen_to_line(text, start, end)
        out.append(Removal(start, end, "advert", "ad widget",
                           _glued(text, start, end, text[start:end])))
    return out


def remove_polls(text: str) -> list[Removal]:
    """A reader poll: a label, a question and at least two answers.

    >>> show(remove_polls, 'enduring "abuse".PollDo you think the ban will hold?YesNo\\nNext.')
    'enduring "abuse".\\nNext.'
    """
    label = _glued_alternation("poll")
    answers = _glued_alternation("poll-answer")
    pattern = re.compile(rf"(?<![A-Z]){label}[^\S\n]*[:–-]?[^\S\n]*"
                         rf"[A-ZÀ-Ý¿][^?\n]{{5,250}}\?[^\S\n]*"
                         rf"(?:{answers}[^\S\n]*[/|,]?[^\S\n]*){{2,}}")
    out = []
    for m in pattern.finditer(text):
        start, end = _widen_to_line(text, m.start(), m.end())
        out.append(Removal(start, end, "poll", "reader poll",
                           _glued(text, start, end, m.group())))
    return out


def _title_like(line: str) -> bool:
    line = line.strip()
    if not line or line[0].islower() or _n_words(line) > MAX_FURNITURE_WORDS:
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
    headers = _lex("related")
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
            out.append(_whole_line(text, start, last, "related", "related-links block"))
            i = j
            continue
        if (with_title.match(line) or phrase.match(line)) and _title_like(line) \
                and not glued_header.match(line):
            out.append(_whole_line(text, start, end, "related", "related link"))
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
            out.append(_whole_line(text, line_start, line_end, "related", "related link",
                                   glued=True))
        elif _n_words(text[m.end():cut]) >= 2:
            start, end = _widen_to_line(text, m.start(), cut)
            out.append(Removal(start, end, "related", "related link", glued=True))
    return out


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
        _lex("photo-credit-explicit")), re.I)
    photo = re.compile(r"^[^\S\n]*\(?" + lexicons.alternation(_lex("photo-credit"))
                       + r"[^\S\n]*(?:[:©|/]|\([cC]\)|[–-][^\S\n])", re.I)
    credit_marker = lexicons.alternation((*_lex("photo-credit-explicit"),
                                          *_lex("photo-credit")))
    # "… ashore at the port. (Photo credit: Jane Doe/Agency)" closing a caption line.
    trailing_photo = re.compile(r"(?<=[.!?\"”’])[^\S\n]*\((?i:" + credit_marker
                                + r")[^\S\n]*(?:[:©|/]|[^\S\n]*credit)[^()\n]{2,120}\)"
                                r"[^\S\n]*$", re.M)
    source_multi = re.compile(r"^[^\S\n]*" + lexicons.alternation(
        [w for w in _lex("source-line") if " " in w]), re.I)
    source_single = re.compile(_line_start("source-line").pattern + r"[^\S\n]*(?::|$)", re.I)
    trailing = re.compile(r"(?<=[.!?\"”’])[^\S\n]*\([^\S\n]*"
                          + lexicons.alternation(_lex("credit")) + r"[^()\n]{3,300}\)[^\S\n]*$",
                          re.M)
    out: list[Removal] = []
    first = next((s for s in textunits.lines(text) if text[s[0]:s[1]].strip()), None)
    for start, end in textunits.lines(text):
        line = text[start:end]
        if not line.strip() or _n_words(line) > MAX_FURNITURE_WORDS:
            continue
        short = _n_words(line) <= 15
        headline = (start, end) == first  # "By The Numbers" is a title, not a byline
        if short and (explicit.match(line) or photo.match(line)
                      or (line.strip().startswith("©") and _n_words(line) <= 6)):
            out.append(_whole_line(text, start, end, "credit", "photo credit"))
        elif short and (source_multi.match(line) or source_single.match(line)):
            out.append(_whole_line(text, start, end, "credit", "source line"))
        elif textunits.is_byline(line) and not headline:
            out.append(_whole_line(text, start, end, "credit", "byline"))
        elif textunits.is_credit(line):
            out.append(_whole_line(text, start, end, "credit", "reporting credit"))
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
    opener = re.compile(r"^(?:[©]|\([cC]\)|(?i:" + lexicons.alternation(_lex("copyright-start"))
                        + r")[^\S\n]*©?[^\S\n]*(?:19|20)\d\d)")
    rights = re.compile(lexicons.alternation(_lex("rights-reserved")), re.I)
    out = []
    for start, end in textunits.paragraphs(text):
        par = text[start:end]
        marked = "©" in par or re.search(r"\bcopyright\b", par, re.I)
        if _n_words(par) > 200:
            continue
        if opener.match(par) or (rights.search(par) and (marked or _n_words(par) <= 30)):
            out.append(_whole_line(text, start, end, "copyright", "copyright notice"))
    return out


def remove_line_furniture(text: str) -> list[Removal]:
    """Advertisement labels, subscriber teasers and share prompts on lines of their own.

    >>> show(remove_line_furniture, "It rained.\\nADVERTISEMENT\\nSubscribe to read the rest."
    ...      "\\nShare this article\\nIt stopped.")
    'It rained.\\nIt stopped.'
    """
    adverts = {w.casefold() for w in (*_lex("advert"), *_lex("widget"))}
    teaser = re.compile(lexicons.alternation(_lex("subscriber")), re.I)
    share = _line_start("share")
    out = []
    for start, end in textunits.lines(text):
        line = text[start:end].strip()
        if not line or _n_words(line) > MAX_FURNITURE_WORDS:
            continue
        if line.rstrip(" :.-–—").casefold() in adverts:
            out.append(_whole_line(text, start, end, "advert", "advertisement label"))
        elif teaser.search(line):
            out.append(_whole_line(text, start, end, "subscriber", "subscriber teaser"))
        elif share.match(line) and _n_words(line) <= 12:
            out.append(_whole_line(text, start, end, "share", "share prompt"))
    return out


FIXES: tuple[Fix, ...] = (
    remove_ad_widgets,
    remove_polls,
    remove_related_links,
    remove_copyright_notices,  # before credits: "© 2024 Agency" alone is a notice
    remove_credit_lines,
    remove_line_furniture,
)


def _merge(found: list[Removal]) -> list[Removal]:
    """Overlapping removals become one; the earliest names the kind."""
    out: list[Removal] = []
    for r in sorted(found, key=lambda r: (r.start, -r.end)):
        if out and r.start < out[-1].end:
            prev = out[-1]
            out[-1] = Removal(prev.start, max(prev.end, r.end), prev.kind, prev.reason,
                              prev.glued or r.glued)
        else:
            out.append(r)
    return out


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
        if (after and all(is_removed(s) for s in after) and _n_words(line) <= 3
                and not textunits.ends_sentence(line)):
            r = _whole_line(text, span[0], span[1], "credit", "agency line among page furniture")
            extra.append(r)
            removed.append((r.start, r.end))
            continue
        break
    return extra


def _to_repairs(text: str, removals: list[Removal]) -> list[Repair]:
    repairs = []
    for r in removals:
        left = text[r.start - 1] if r.start > 0 else "\n"
        right = text[r.end] if r.end < len(text) else "\n"
        # Glued furniture between two words: keep them apart.
        after = " " if not left.isspace() and not right.isspace() else ""
        repairs.append(Repair(NAME, r.start, r.end, text[r.start:r.end], after, r.reason,
                              meta={"kind": r.kind, "glued": r.glued}))
    return repairs


@normalizer(NAME, order=300)
def remove_boilerplate(text: str) -> tuple[str, list[Repair]]:
    """Delete page furniture, keeping the article text around it."""
    found = _merge([r for fix in FIXES for r in fix(text)])
    if found:
        found = _merge(found + _tail_furniture(text, found))
    repairs = _to_repairs(text, found)
    return (apply_repairs(text, repairs), repairs) if repairs else (text, [])
