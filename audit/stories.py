"""Stage 4, group into stories: documents about the same event.

An explicit story (a field, front matter, or a folder with a ``story.yaml``) wins. Documents
without one are each their own story until similarity grouping is added.
"""

from __future__ import annotations

from collections.abc import Sequence

from audit.checks.context import AuditedDocument
from audit.model import Story


def group(documents: Sequence[AuditedDocument]) -> list[Story]:
    explicit: dict[str, list[str]] = {}
    loose: list[str] = []
    for d in documents:
        if d.document.story:
            explicit.setdefault(d.document.story, []).append(d.id)
        else:
            loose.append(d.id)
    stories = [Story(sid, tuple(ids), "explicit") for sid, ids in explicit.items()]
    stories += [Story(i, (i,), "single") for i in loose]
    return stories
