"""Python document rules, one family per module. Importing a module registers its rules;
``audit.checks.document`` imports them all."""

MODULES = (
    "audit.checks.rules.b2xx_boilerplate",
    "audit.checks.rules.m1xx_markup",
    "audit.checks.rules.d304_truncated_paragraph",
    "audit.checks.rules.l6xx_language",
    "audit.checks.rules.n4xx_names_in_document",
)
