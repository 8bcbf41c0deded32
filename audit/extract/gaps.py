"""Places where a number seems to have been dropped from a sentence.

A gap is a qualifier with no number after it (``more than  were rescued``), a currency sign
or a scale with no number (``$ million``), a verb and its object torn apart by a double
space (``had rescued  passengers``), or a determiner followed directly by a verb (``The
could be held``). The cross-source stage only reports a gap where other sources give the
figure that belongs there; the document stage judges gaps on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from audit.extract import lexicon


@dataclass(frozen=True)
class Gap:
    start: int  # where the missing figure would stand (an empty span is allowed)
    end: int
    evidence: str  # the text that shows the gap


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    data = lexicon.raw("figures")
    quals = sorted({str(p) for q in data["qualifiers"].values() for p in q.get("before", [])
                    if str(p)[:1].isalpha()}, key=len, reverse=True)
    qual = "|".join(r"\s+".join(map(re.escape, q.split())) for q in quals)
    scales = "|".join(sorted((re.escape(k) for k in data["scales"] if len(k) > 2), key=len,
                             reverse=True))
    currencies = "|".join(sorted((re.escape(k) for k in data["currency"]["before"]
                                  if not k[:1].isalpha()), key=len, reverse=True))
    aux = "|".join(sorted(map(re.escape, lexicon.group("figures", "auxiliaries")[:20]),
                          key=len, reverse=True))
    return [
        # "more than  were rescued", "nearly of the"
        re.compile(rf"(?<![\w-])(?:{qual})(?P<gap>\s+)(?=(?:{aux}|of|in)\b)", re.I),
        # "$ million", "€ million", "US$ bn"
        re.compile(rf"(?:{currencies})(?P<gap>\s*)(?=(?:{scales})\b)", re.I),
        # "rescued  passengers": a double space inside a clause
        re.compile(r"(?<=[a-z,])(?P<gap>[ \u00a0]{2,})(?=[a-z])"),
        # "The could be held": a determiner straight before a modal
        re.compile(r"(?<![\w-])(?:The|the|These|these|Those|those)(?P<gap>\s+)"
                   r"(?=(?:could|would|should|were|are|have|had|can|may|might|will)\b)"),
    ]


def find_gaps(text: str, start: int = 0, end: int | None = None) -> list[Gap]:
    """Gaps in ``text[start:end]``, left to right."""
    end = len(text) if end is None else end
    found: dict[int, Gap] = {}
    for pattern in _patterns():
        for m in pattern.finditer(text, start, end):
            pos = m.start("gap")
            found.setdefault(pos, Gap(pos, m.end("gap"), m.group()))
    return [found[k] for k in sorted(found)]
