"""Stage 5, check across sources: within a story, align names, figures and dates.

``enrich`` returns the Story with its claims matrix and names table; the story rules
(registered with ``@story_check``) report the disagreements.
"""

from __future__ import annotations

from audit.checks.context import StoryContext
from audit.model import Story


def enrich(story: Story, ctx: StoryContext) -> Story:
    """The Story with what the cross-source stage aligned (nothing yet)."""
    return story
