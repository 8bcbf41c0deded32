"""The figure extractor against an outside reference: Microsoft Recognizers-Text's English
Number, NumberRange, Percent and Currency specs (../shared/peer-suites/recognizers-text,
MIT; read from there, never copied).

A case passes when we find exactly the expected entities, with the same span and value:

- Number: ``find_numbers`` spans and values.
- NumberRange: the figure's span and the finite ends of the expected interval against
  the numbers we read (``stated``), with the open side matching our qualifier class.
  Where we differ on purpose: our intervals are bounded and widened by rounding for
  comparing sources (``more than 30`` is not ``(30,)`` but [30, 50]), so only the ends
  are compared; a unit after a figure stays in our span (``more than thirty years``).
- Percent: kind ``percent`` and the value.
- Currency: the span without the qualifier (``core_text``), the value in the main unit
  (``50 cents`` is 0.50 dollars), and the ISO code; a bare ``$`` reads as USD, which the
  suite leaves unresolved. Entities without a value (``dollar`` alone) are not figures.

The news-shaped subset leaves out notations news prose does not use for figures: powers
and scientific notation, slash fractions, ratios (``one over three``, ``2 in 5``),
comparison symbols, ordinal fractions (``three twenty-firsts``), glued currency codes
(``USD115``), coin compounds (``3 dollars 50 cents``), Indian digit grouping, phone
numbers and addresses. The rates asserted are the ones measured (rounded down).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from audit.extract.figures import extract_figures
from audit.extract.numbers import find_numbers

SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "peer-suites" / \
    "recognizers-text"
pytestmark = pytest.mark.skipif(not SUITE.is_dir(), reason=f"peer suite absent: {SUITE}")

NOT_NEWS = re.compile(
    r"\^|\de[+-]?\d|x10|\d\s*/\s*\d|\bover\s+(?:\d|one|two|three|twenty)|\bout of\b"
    r"|\b\d+\s+in\s+\w+\b|[<>=~]|\w+(?:ths|firsts?|fifths?|ninths?|eighths?|thirtieth)\b"
    r"|(?:usd|eur|gbp|cad|aud|nzd|mxn)\$?\s?\d|\d(?:usd|eur)|\bm(?:usd|eur|gbp|aud)\b"
    r"|dollars?\s+(?:and\s+)?(?:\d|forty|fifty|one|two)|\$\s*\d[\d.,]*\s*(?:dollars|\$)"
    r"|\d+\s*\$|cents?\b.*\bdollars|kuai|mao|satoshi|\d{1,2},\d{2},\d{3}|\+\d-\d|\d+\.\d+\.\d+\.\d"
    r"|[⅔¾⅙½]|\bnought\b|\bnaught\b|\btrillionths?\b|\bdoz?s\b",
    re.IGNORECASE)


def _cases(name: str) -> list[dict]:
    return json.loads((SUITE / f"{name}.json").read_text(encoding="utf-8-sig"))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().casefold())


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def number_case(case: dict) -> bool:
    text = case["Input"]
    got = [(_norm(text[n.start:n.end]), n.value) for n in find_numbers(text)]
    want = [(_norm(r["Text"]), float(r["Resolution"]["value"])) for r in case["Results"]]
    return len(got) == len(want) and all(
        g[0] == w[0] and _close(g[1], w[1]) for g, w in zip(got, want, strict=True))


def _interval(value: str) -> tuple[float | None, float | None]:
    m = re.fullmatch(r"[\[(](-?[\d.]*),(-?[\d.]*)[\])]", value)
    assert m, value
    return (float(m.group(1)) if m.group(1) else None,
            float(m.group(2)) if m.group(2) else None)


def range_case(case: dict) -> bool:
    figs = extract_figures(case["Input"])
    if len(figs) != len(case["Results"]):
        return False
    for f, r in zip(figs, case["Results"], strict=True):
        text = _norm(r["Text"])
        if _norm(f.text) != text and not (f.kind == "measure"
                                          and _norm(f.text).startswith(text)):
            return False
        low, high = _interval(r["Resolution"]["value"])
        if low is not None and not _close(f.stated[0], low):
            return False
        if high is not None and not _close(f.stated[1], high):
            return False
        if high is None and f.qualifier not in ("above", "at_least"):
            return False
        if low is None and f.qualifier not in ("under", "at_most"):
            return False
    return True


def percent_case(case: dict) -> bool:
    figs = [f for f in extract_figures(case["Input"]) if f.kind == "percent"]
    want = [r for r in case["Results"] if r["Resolution"].get("value") not in (None, "null")]
    return len(figs) == len(want) and all(
        _norm(f.core_text) == _norm(r["Text"])
        and _close(f.stated[0], float(r["Resolution"]["value"].rstrip("%")))
        for f, r in zip(figs, want, strict=True))


SUBUNITS = {"Cent", "Pence", "Penny"}
ISO = {"Dollar": "USD", "Cent": "USD", "Pound": "GBP", "Pence": "GBP", "Penny": "GBP"}


def currency_case(case: dict) -> bool:
    figs = [f for f in extract_figures(case["Input"]) if f.kind == "money"]
    want = [r for r in case["Results"] if r["Resolution"].get("value") is not None]
    if len(figs) != len(want):
        return False
    for f, r in zip(figs, want, strict=True):
        res = r["Resolution"]
        value = float(res["value"]) / (100 if res.get("unit") in SUBUNITS else 1)
        iso = res.get("isoCurrency") or ISO.get(res.get("unit"))
        if _norm(f.core_text) != _norm(r["Text"]) or not _close(f.stated[0], value):
            return False
        if iso and f.unit != iso:
            return False
    return True


def rates(name: str, check) -> tuple[float, float]:
    cases = _cases(name)
    passed = [check(c) for c in cases]
    news = [p for c, p in zip(cases, passed, strict=True) if not NOT_NEWS.search(c["Input"])]
    return sum(passed) / len(cases), sum(news) / len(news)


@pytest.mark.parametrize(("name", "check", "all_rate", "news_rate"), [
    ("NumberModel", number_case, 0.60, 0.77),
    ("NumberRangeModel", range_case, 0.51, 0.58),
    ("PercentModel", percent_case, 0.90, 1.00),
    ("CurrencyModel", currency_case, 0.76, 0.91),
])
def test_pass_rate(name, check, all_rate, news_rate):
    overall, news = rates(name, check)
    assert overall >= all_rate, f"{name}: {overall:.1%} of all cases"
    assert news >= news_rate, f"{name}: {news:.1%} of the news-shaped cases"


def test_news_subset_is_most_of_the_suite():
    # the filter must not hide the suite: most cases stay in the news-shaped subset
    for name in ("NumberModel", "NumberRangeModel", "PercentModel", "CurrencyModel"):
        cases = _cases(name)
        kept = [c for c in cases if not NOT_NEWS.search(c["Input"])]
        assert len(kept) >= 0.6 * len(cases), name
