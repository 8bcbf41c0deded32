"""source-audit: audit text corpora gathered from many outlets.

    >>> import audit
    >>> audit.fix_text("France\u9225\u6a9a economy")  # UTF-8 read as GBK
    'France’s economy'

The public API is small and imported lazily, so ``import audit`` stays fast:

- ``fix_text(text) -> str``: the default encoding repair, like ``ftfy.fix_text``.
- ``check(paths_or_documents, config=None) -> Result``: the whole audit.
- ``load(paths) -> LoadResult``: documents and load errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from audit.config import Config
    from audit.engine import Result
    from audit.io import LoadResult
    from audit.model import Document

__version__ = "0.1.0"
__all__ = ["check", "fix_text", "load"]


def fix_text(text: str, **options: Any) -> str:
    """Repair mojibake in ``text`` (encoding only), like ``ftfy.fix_text``."""
    from audit.normalize.encoding import fix_text as _fix_text

    return _fix_text(text, **options)


def load(paths: str | Path | Iterable[str | Path], **kwargs: Any) -> LoadResult:
    """Load documents from files and folders (see ``audit.io.load``)."""
    from audit.io import load as _load

    return _load(paths, **kwargs)


def check(source: str | Path | Iterable[str | Path | Document],
          config: Config | None = None) -> Result:
    """Audit paths or Documents and return the Result."""
    from audit.engine import run
    from audit.model import Document

    items = [source] if isinstance(source, (str, Path, Document)) else list(source)
    docs = [i for i in items if isinstance(i, Document)]
    paths = [i for i in items if not isinstance(i, Document)]
    errors = []
    if paths:
        loaded = load(paths, fields=config.fields if config else None)
        docs += loaded.documents
        errors = loaded.errors
    return run(docs, config, errors=errors)
