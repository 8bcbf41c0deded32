"""``source-audit fix``: write repaired documents.

Text files keep their front matter and relative path; rows of JSON Lines, CSV or Parquet
files are written as JSON Lines with the text field repaired. Inputs are never modified
unless ``in_place`` is asked for, and then atomically, with a ``.orig`` backup.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from audit.io.write import atomic_write_text

if TYPE_CHECKING:
    from audit.checks.context import AuditedDocument
    from audit.engine import Result


def _front_matter(doc: AuditedDocument) -> str:
    lines = int(doc.document.meta.get("line_offset", 0))
    if not lines or not doc.document.path:
        return ""
    raw = Path(doc.document.path).read_text(encoding="utf-8", errors="replace")
    return "".join(raw.splitlines(keepends=True)[:lines])


def write_fixed(result: Result, *, output: Path | None, in_place: bool = False) -> int:
    """Write each repaired document; return how many changed."""
    changed = 0
    rows: dict[str, list[AuditedDocument]] = defaultdict(list)
    written: set[Path] = set()
    for doc in result.documents:
        path = doc.document.path
        if doc.text != doc.original:
            changed += 1
        if path and path.endswith((".txt", ".md")):
            target = Path(path) if in_place else Path(output) / (doc.id + Path(path).suffix)
            if in_place and doc.text == doc.original:
                continue
            atomic_write_text(target, _front_matter(doc) + doc.text, backup=in_place)
        else:
            rows[path or "documents"].append(doc)
    for path, docs in rows.items():
        if in_place and not path.endswith(".jsonl"):
            raise ValueError(f"{path}: --in-place rewrites .txt, .md and .jsonl only; "
                             "use --output for other formats")
        folder = docs[0].id.rsplit("/", 1)[0] if "/" in docs[0].id else ""
        lines = []
        for d in docs:
            # The id as the row gave it: the loader prefixed the sub-folder.
            own_id = d.id[len(folder) + 1:] if folder and d.id.startswith(folder + "/") \
                else d.id
            record = {"id": own_id, "text": d.text, **{k: v for k, v in d.document.meta.items()
                                                      if isinstance(v, (str, int, float))}}
            for key in ("source", "url", "language", "story"):
                if getattr(d.document, key):
                    record[key] = getattr(d.document, key)
            if d.document.published:
                record["published"] = d.document.published.isoformat()
            lines.append(json.dumps(record, ensure_ascii=False))
        if in_place:
            target = Path(path)
        else:
            # Keep the sub-folder so two folders' ``articles.csv`` do not collide.
            target = Path(output) / folder / (Path(path).stem + ".jsonl")
            while target in written:
                target = target.with_name(target.stem + "-" + Path(path).suffix.lstrip(".")
                                          + ".jsonl")
        written.add(target)
        atomic_write_text(target, "\n".join(lines) + "\n", backup=in_place)
    return changed
