"""``--format json``: the ``source-audit/findings@1`` document (schema in audit/schemas/)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from audit.report import writer

if TYPE_CHECKING:
    from audit.engine import Result


@writer("json")
def write_json(result: Result, stream: TextIO) -> None:
    json.dump(result.to_dict(), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
