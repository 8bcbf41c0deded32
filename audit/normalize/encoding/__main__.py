"""Maintenance commands for the encoding repair's generated data.

    python -m audit.normalize.encoding letter-pairs [PATH]
"""

from __future__ import annotations

import sys
from pathlib import Path

from audit.normalize.encoding import letterpairs


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "letter-pairs":
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = letterpairs.write(Path(argv[1]) if len(argv) > 1 else letterpairs.PATH)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
