"""Numbers as news writes them: digit styles, words, scales, and their precision."""

from __future__ import annotations

import pytest

from audit.extract.numbers import find_numbers


def values(text: str) -> list[tuple[str, float]]:
    return [(text[n.start:n.end], n.value) for n in find_numbers(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("1,517 people", [("1,517", 1517)]),
    ("1 517 people", [("1 517", 1517)]),
    ("1\u202f517 people", [("1\u202f517", 1517)]),
    ("12.000 people", [("12.000", 12000)]),   # continental thousands before a word
    ("a ratio of 4.800", [("4.800", 4.8)]),    # alone, a decimal
    ("1.234.567 votes", [("1.234.567", 1234567)]),
    ("1.111,11 euros", [("1.111,11", 1111.11)]),
    ("3.1 trillion", [("3.1 trillion", 3.1e12)]),
    ("$50bn a year", [("50bn", 5e10)]),
    ("10k runners", [("10k", 10000)]),
    ("two hundred and six", [("two hundred and six", 206)]),
    ("twenty-one trillion", [("twenty-one trillion", 21e12)]),
    ("three million and a half", [("three million and a half", 3.5e6)]),
    ("two and a half hours", [("two and a half", 2.5)]),
    ("half a dozen eggs", [("half a dozen", 6)]),
    ("minus five", [("minus five", -5)]),
    ("from 1000 - 5000", [("1000", 1000), ("5000", 5000)]),
])
def test_values(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "COVID-19 spread",          # a code, not a count
    "the 21st century",         # an ordinal
    "on Tuesday (11/2)",        # a day/month date
    "a third party",            # an ordinal word
    "claims could reach € million",  # a scale whose number was dropped
    "29km of road",             # glued to a unit it does not scale
])
def test_not_numbers(text):
    assert values(text) == []


@pytest.mark.parametrize(("text", "precision"), [
    ("1,517", 1), ("1,500", 100), ("100,000", 100000), ("3 trillion", 1e12),
    ("3.1 trillion", 1e11), ("twenty", 10), ("twenty-one", 1), ("4.8", 0.1),
])
def test_precision_is_the_last_significant_place(text, precision):
    (n,) = find_numbers(text)
    assert n.precision == pytest.approx(precision)
