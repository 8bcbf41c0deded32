"""Extractors the cross-source stage builds on: figures, names and dates in repaired text.

- ``numbers``: numbers as written (digit styles, words, scales) with their precision.
- ``figures`` + ``context``: figures with their qualifier, range, unit, the interval they
  allow, and what they count (noun, verbs, rate, places, time scope).
- ``names``: people, places and organisations, with roles and kinds.
- ``dates``: weekdays, dates and relative days resolved against the publication date.
- ``gaps``: places where a number seems to have been dropped.

Every extractor is a pure function of a text (and a publication date); lexicons are YAML
under ``rules/lexicons/<lang>/`` (``lexicon``). Nothing here knows documents or stories.
"""
