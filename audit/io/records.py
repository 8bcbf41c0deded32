"""Records to Documents: the part shared by JSON Lines, CSV, Parquet and DataFrames.

Each loader yields ``(row number, mapping)``; ``to_document`` applies the field names of the
configuration and says precisely what is wrong with a row that cannot be used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from audit.model import Document

DEFAULT_FIELDS = {f: f for f in ("text", "id", "source", "url", "published", "language",
                                 "story")}


class RowError(ValueError):
    """A record that cannot become a Document."""


def parse_date(value: Any) -> dt.date | None:
    """A publication date from an ISO string, a date or a datetime; None if absent or unclear."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _optional(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return None
    return str(value)


def to_document(record: Mapping[str, Any], *, default_id: str, path: str | None,
                fields: Mapping[str, str] | None = None, id_prefix: str = "",
                source: str | None = None) -> Document:
    f = {**DEFAULT_FIELDS, **(fields or {})}
    if f["text"] not in record:
        raise RowError(f"no '{f['text']}' field (fields: {', '.join(map(str, record))}); "
                       "choose one with --text-field")
    text = record[f["text"]]
    if not isinstance(text, str):
        raise RowError(f"'{f['text']}' is {type(text).__name__}, not text")
    if not text.strip():
        raise RowError(f"'{f['text']}' is empty")
    doc_id = _optional(record, f["id"]) or default_id
    published_raw = record.get(f["published"])
    known = {f[k] for k in f}
    meta = {k: v for k, v in record.items() if k not in known}
    if published_raw is not None and parse_date(published_raw) is None:
        meta["published_raw"] = str(published_raw)
    return Document(
        id=id_prefix + doc_id,
        text=text,
        source=_optional(record, f["source"]) or source,
        path=path,
        url=_optional(record, f["url"]),
        published=parse_date(published_raw),
        language=_optional(record, f["language"]),
        story=_optional(record, f["story"]),
        meta=meta,
    )
