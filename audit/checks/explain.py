"""``source-audit explain CODE``: a rule's documentation, from the rule itself."""

from __future__ import annotations

from audit.checks.registry import Rule


def render(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name}", "",
             f"category: {rule.category.value}    default severity: {rule.severity.value}"
             f"    scope: {rule.scope}", f"defined in: {rule.origin}", ""]
    lines.append(rule.doc or rule.summary)
    if rule.examples:
        lines += ["", "Examples"]
        for ex in rule.examples:
            lines.append(f"  bad:  {ex.bad}")
            if ex.good is not None:
                lines.append(f"  good: {ex.good}")
            if ex.note:
                lines.append(f"  ({ex.note})")
    return "\n".join(lines).rstrip() + "\n"
