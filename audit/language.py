"""Language identification, deterministic and offline.

langdetect is seeded (``DetectorFactory.seed = 0``) and each call builds its detector from
that seed, so the same text gives the same answer on every run and in every process. Its
profiles ship inside the package; nothing is downloaded.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 40  # below this, langdetect guesses; a headline is not evidence
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect.detector_factory import _factory as factory

    return factory


def detect(text: str, min_letters: int = MIN_LETTERS) -> tuple[str, float] | None:
    """The most probable language of ``text`` and its probability, or None if too short."""
    if len(_LETTERS.findall(text)) < min_letters:
        return None
    detector = _factory().create()
    detector.append(text)
    try:
        best = detector.get_probabilities()[0]
    except Exception:  # langdetect raises LangDetectException on featureless text
        return None
    return best.lang, best.prob


def detect_document(text: str) -> str | None:
    """A document's main language (first 5,000 characters are plenty)."""
    found = detect(text[:5000])
    return found[0] if found else None
