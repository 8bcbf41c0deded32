"""``--format json``: the ``source-audit/findings@1`` document (schema in audit/schemas/).

When a baseline or an ignore file was applied, ``findings`` holds only the new findings and
an additional ``triage`` key says what happened to the others (known, fixed, ignored,
stale ignore entries); version 1 allows added keys.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from audit.report import writer

if TYPE_CHECKING:
    from audit.engine import Result


@writer("json")
def write_json(result: Result, stream: TextIO) -> None:
    data = result.to_dict()
    triage = getattr(result, "triage", None)
    if triage is not None:
        data["triage"] = triage.to_dict()
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
