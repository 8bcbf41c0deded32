"""Stage 3, check documents: the per-document rules.

Python rules live in ``audit.checks.rules`` (one family per module) and register when
imported; declarative rules come from the YAML rule sets under ``rules/`` (see
``audit.checks.declarative``). Importing this module registers every Python document rule.

Codes:

- B2xx boilerplate (from the boilerplate normalizer's repairs): B201 advertisement,
  B202 poll, B203 related-links, B204 credit-line, B205 copyright-notice,
  B206 subscriber-teaser, B207 share-prompt, B210 glued-boilerplate.
- M1xx markup (from the markup normalizer's repairs): M101 markdown-remnant,
  M102 html-remnant, M103 table-remnant, M104 caps-caption.
- D3xx dropped numbers and words: D301 quantifier-without-number, D302
  determiner-before-verb, D303 orphan-punctuation, D305 measure-without-number, D306
  number-gap, D307 determiner-before-preposition (YAML, ``rules/core``), D304
  truncated-paragraph (Python).
- L6xx language: L601 mixed-language, L602 unexpected-language.
- N450 name-spelling-in-document.
- X8xx translation artifacts (YAML, ``rules/translation``): X801 trade-for-trafficking,
  X802 tied-for-lured.
"""

from __future__ import annotations

import importlib

from audit.checks.rules import MODULES

for _module in MODULES:
    importlib.import_module(_module)
