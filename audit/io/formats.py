"""Loaders per input format. Each returns the Documents it could read and a LoadError for
everything it could not, so one bad row or file never stops the rest of the corpus."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from audit.io.decode import DecodeError, decode
from audit.io.records import RowError, parse_date, to_document
from audit.model import Document, LoadError

Loaded = tuple[list[Document], list[LoadError]]


def read_text(path: Path) -> str:
    """Read and decode a file; raise DecodeError or OSError."""
    return decode(path.read_bytes())[0]


def _rows(path: Path, rows: Iterable[tuple[int, Any]], *, fields: Mapping[str, str] | None,
          id_prefix: str, stem: str) -> Loaded:
    docs: list[Document] = []
    errors: list[LoadError] = []
    for number, record in rows:
        if isinstance(record, LoadError):
            errors.append(record)
            continue
        if not isinstance(record, Mapping):
            errors.append(LoadError(str(path), f"expected an object, got "
                                    f"{type(record).__name__}", row=number))
            continue
        try:
            docs.append(to_document(record, default_id=f"{stem}:{number}", path=str(path),
                                    fields=fields, id_prefix=id_prefix))
        except RowError as exc:
            errors.append(LoadError(str(path), str(exc), row=number))
    return docs, errors


def load_jsonl(path: Path, *, fields: Mapping[str, str] | None = None,
               id_prefix: str = "") -> Loaded:
    try:
        text = read_text(path)
    except (DecodeError, OSError) as exc:
        return [], [LoadError(str(path), str(exc), offset=getattr(exc, "offset", None))]

    def rows() -> Iterator[tuple[int, Any]]:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, LoadError(str(path), f"malformed JSON: {exc.msg} at column "
                                        f"{exc.colno}", row=number)

    return _rows(path, rows(), fields=fields, id_prefix=id_prefix, stem=path.stem)


def load_csv(path: Path, *, fields: Mapping[str, str] | None = None,
             id_prefix: str = "") -> Loaded:
    try:
        text = read_text(path)
    except (DecodeError, OSError) as exc:
        return [], [LoadError(str(path), str(exc), offset=getattr(exc, "offset", None))]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    text_field = (fields or {}).get("text", "text")
    if reader.fieldnames is None or text_field not in reader.fieldnames:
        have = ", ".join(reader.fieldnames or []) or "none"
        return [], [LoadError(str(path), f"no '{text_field}' column (columns: {have}); "
                              "choose one with --text-field")]
    # Row numbers count the header as row 1, as a spreadsheet shows them.
    return _rows(path, ((n, r) for n, r in enumerate(reader, start=2)), fields=fields,
                 id_prefix=id_prefix, stem=path.stem)


def load_parquet(path: Path, *, fields: Mapping[str, str] | None = None,
                 id_prefix: str = "") -> Loaded:
    try:
        import pyarrow.parquet as pq
    except ModuleNotFoundError:
        return [], [LoadError(str(path), "reading Parquet needs pyarrow: "
                              "pip install 'source-audit[parquet]'")]
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several unrelated types for bad files
        return [], [LoadError(str(path), f"not a readable Parquet file: {exc}")]
    return _rows(path, enumerate(table.to_pylist(), start=1), fields=fields,
                 id_prefix=id_prefix, stem=path.stem)


def load_dataframe(frame: Any, *, fields: Mapping[str, str] | None = None,
                   name: str = "dataframe") -> Loaded:
    """A pandas or polars DataFrame, one row a document."""
    if hasattr(frame, "to_dicts"):  # polars
        records = frame.to_dicts()
    elif hasattr(frame, "to_dict"):  # pandas
        records = frame.to_dict(orient="records")
    else:
        raise TypeError(f"not a pandas or polars DataFrame: {type(frame).__name__}")
    text_field = (fields or {}).get("text", "text")
    if text_field not in list(frame.columns):
        return [], [LoadError(name, f"no '{text_field}' column (columns: "
                              f"{', '.join(map(str, frame.columns))})")]
    return _rows(Path(name), enumerate(records, start=0), fields=fields, id_prefix="",
                 stem=name)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Split YAML front matter (``---`` … ``---``) from a document's body.

    Returns the metadata, the body, and how many lines precede the body in the file (so a
    reporter can give file line numbers although offsets point into the body).
    """
    lines = text.split("\n")
    if not text.startswith("---") or lines[0].strip() != "---":
        return {}, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            if not isinstance(meta, dict):
                raise ValueError("front matter is not a mapping")
            rest = "\n".join(lines[i + 1:])
            body = rest.lstrip("\n")
            return meta, body, i + 1 + (len(rest) - len(body))
    raise ValueError("front matter opened with '---' is never closed")


def load_text_file(path: Path, *, doc_id: str, story: str | None = None) -> Loaded:
    """A ``.txt`` or ``.md`` file: one document, optional YAML front matter."""
    try:
        text = read_text(path)
    except (DecodeError, OSError) as exc:
        return [], [LoadError(str(path), str(exc), offset=getattr(exc, "offset", None))]
    try:
        meta, body, line_offset = split_front_matter(text)
    except (ValueError, yaml.YAMLError) as exc:
        return [], [LoadError(str(path), f"bad front matter: {exc}")]
    if not body.strip():
        return [], [LoadError(str(path), "no text after the front matter" if meta
                              else "empty file (white space only)")]
    known = ("source", "url", "published", "language", "story")
    return [Document(
        id=doc_id,
        text=body,
        source=str(meta["source"]) if meta.get("source") else None,
        path=str(path),
        url=str(meta["url"]) if meta.get("url") else None,
        published=parse_date(meta.get("published")),
        language=str(meta["language"]) if meta.get("language") else None,
        story=str(meta["story"]) if meta.get("story") else story,
        meta={**{k: v for k, v in meta.items() if k not in known},
              "line_offset": line_offset},
    )], []
