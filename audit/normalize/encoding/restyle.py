"""Optional restyling, off by default: the auditor repairs damage, it does not restyle.

Each restyler maps single characters to their plain forms, using ftfy's own tables, so a
user who wants ftfy's full clean-up can have it and still get one Repair per change.
"""

from __future__ import annotations

import re
from functools import cache

from audit.normalize.encoding.trail import Edit


@cache
def _table(name: str) -> dict[str, str]:
    from ftfy import chardata

    if name == "uncurl_quotes":
        out = {}
        for ch in "\u02bc\u2018\u2019\u201a\u201b":
            out[ch] = "'"
        for ch in "\u201c\u201d\u201e\u201f":
            out[ch] = '"'
        return out
    if name == "fix_ligatures":
        return {chr(k): v for k, v in chardata.LIGATURES.items()}
    if name == "fix_width":
        return {chr(k): v for k, v in chardata.WIDTH_MAP.items()}
    raise KeyError(name)


def restyle_edits(text: str, name: str) -> list[Edit]:
    """Edits that replace each character ``name``'s table lists."""
    table = _table(name)
    if not table:
        return []
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]+")
    return [Edit(m.start(), m.end(), "".join(table[c] for c in m.group()), {"style": name})
            for m in pattern.finditer(text)]
