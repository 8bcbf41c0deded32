"""Stage 1, load: files, folders, JSON Lines, CSV, Parquet, DataFrames and bytes to Documents.

``load`` never raises for bad input: it returns what it could read and a ``LoadError`` per
file or row it could not, each naming the file and the row or byte offset.

In a folder, a document's id is its path relative to the folder without extension; rows of
a JSON Lines, CSV or Parquet file found in a folder take their id column (or
``<file stem>:<row>``) prefixed with the file's sub-folder. A sub-folder names a story when
it holds a ``story.yaml`` (with an optional ``id``); front matter ``story:`` wins over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from audit.io.decode import DecodeError, decode
from audit.io.formats import (
    load_csv,
    load_dataframe,
    load_jsonl,
    load_parquet,
    load_text_file,
)
from audit.io.records import RowError, to_document
from audit.model import Document, LoadError

TEXT_SUFFIXES = (".txt", ".md")
TABLE_LOADERS = {".jsonl": load_jsonl, ".ndjson": load_jsonl, ".csv": load_csv,
                 ".parquet": load_parquet}
STORY_MARKER = "story.yaml"
# Files a corpus folder may hold that are not documents.
_NOT_DOCUMENTS = {STORY_MARKER, "expected.yaml", "README.md", "LICENSE", "LICENSE.txt"}

__all__ = ["DecodeError", "LoadResult", "decode", "load", "load_bytes", "load_dataframe"]


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def extend(self, docs: Iterable[Document], errors: Iterable[LoadError]) -> None:
        self.documents.extend(docs)
        self.errors.extend(errors)


def _story_of(folder: Path, root: Path, cache: dict[Path, str | None]) -> str | None:
    """The story a folder names through its ``story.yaml``, inherited by sub-folders."""
    if folder in cache:
        return cache[folder]
    story = None
    marker = folder / STORY_MARKER
    if marker.is_file():
        try:
            data = yaml.safe_load(marker.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            data = {}
        story = str(data.get("id") or folder.relative_to(root).as_posix() or folder.name)
    elif folder != root and root in folder.parents:
        story = _story_of(folder.parent, root, cache)
    cache[folder] = story
    return story


def _load_file(path: Path, root: Path | None, fields: Mapping[str, str] | None,
               stories: dict[Path, str | None]) -> tuple[list[Document], list[LoadError]]:
    suffix = path.suffix.lower()
    rel_dir = ""
    story = None
    if root is not None:
        rel = path.relative_to(root)
        rel_dir = rel.parent.as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        story = _story_of(path.parent, root, stories)
        doc_id = rel.with_suffix("").as_posix()
    else:
        doc_id = path.with_suffix("").name
    if suffix in TEXT_SUFFIXES:
        return load_text_file(path, doc_id=doc_id, story=story)
    loader = TABLE_LOADERS.get(suffix)
    if loader is None:
        return [], [LoadError(str(path), f"unsupported file type '{suffix or path.name}' "
                              f"(known: {', '.join(TEXT_SUFFIXES + tuple(TABLE_LOADERS))})")]
    docs, errors = loader(path, fields=fields, id_prefix=rel_dir)
    if story:
        docs = [d if d.story else replace(d, story=story) for d in docs]
    return docs, errors


def load(paths: str | Path | Iterable[str | Path], *,
         fields: Mapping[str, str] | None = None) -> LoadResult:
    """Load files and folders. Folders are walked recursively, in sorted order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = LoadResult()
    stories: dict[Path, str | None] = {}
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            result.errors.append(LoadError(str(path), "no such file or folder"))
        elif path.is_dir():
            found = False
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                rel_parts = child.relative_to(path).parts
                if any(part.startswith(".") for part in rel_parts):
                    continue
                if child.name in _NOT_DOCUMENTS or child.suffix.lower() in (".yaml", ".yml"):
                    continue
                if child.suffix.lower() not in TEXT_SUFFIXES + tuple(TABLE_LOADERS):
                    # Folders hold other files (images, notes); say so, but not as an error
                    # that blocks the run.
                    result.errors.append(LoadError(str(child), "skipped: not a document "
                                                   f"type ({child.suffix or 'no suffix'})"))
                    continue
                found = True
                result.extend(*_load_file(child, path, fields, stories))
            if not found:
                result.errors.append(LoadError(str(path), "no .txt, .md, .jsonl, .csv or "
                                               ".parquet files in this folder"))
        else:
            result.extend(*_load_file(path, None, fields, stories))
    _reject_duplicates(result)
    return result


def _reject_duplicates(result: LoadResult) -> None:
    seen: dict[str, Document] = {}
    kept: list[Document] = []
    for doc in result.documents:
        if doc.id in seen:
            first = seen[doc.id]
            result.errors.append(LoadError(doc.path or doc.id, f"duplicate document id "
                                           f"'{doc.id}' (first in {first.path}); skipped"))
            continue
        seen[doc.id] = doc
        kept.append(doc)
    result.documents = kept


def load_bytes(data: bytes, *, id: str, **metadata: Any) -> Document:
    """One document from raw bytes, decoded with detection. Raises DecodeError."""
    text, _ = decode(data)
    try:
        return to_document({"text": text, "id": id, **metadata}, default_id=id, path=None)
    except RowError as exc:
        raise DecodeError(str(exc), 0) from None
