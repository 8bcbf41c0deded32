"""Stages 3 and 5: document checks and cross-source checks, and the rule registry."""

from audit.checks.registry import (
    Example,
    Hit,
    Rule,
    all_rules,
    document_check,
    get,
    story_check,
)

__all__ = ["Example", "Hit", "Rule", "all_rules", "document_check", "get", "story_check"]
