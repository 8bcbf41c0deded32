"""Figures: qualifiers and ranges become intervals, and each figure knows what it counts."""

from __future__ import annotations

import math

import pytest

from audit.extract.figures import extract_figures


def one(text: str):
    figs = extract_figures(text)
    assert len(figs) == 1, [f.text for f in figs]
    return figs[0]


@pytest.mark.parametrize(("text", "span", "low", "high"), [
    # a plain figure allows its rounding: half a unit of its last significant digit
    ("Police arrested 1,517 people.", "1,517", 1516.5, 1517.5),
    ("Police arrested 1,500 people.", "1,500", 1450, 1550),
    # "about" allows 10 % and the rounding
    ("The fire destroyed about 1,800 homes.", "about 1,800", 1570, 2030),
    # "more than" is a floor, not by an order of magnitude
    ("Police made more than 1,500 arrests.", "more than 1,500", 1500, 2350),
    ("Nearly 3,500 people were arrested.", "Nearly 3,500", 2925, 3500),
    ("Police arrested at least 23 people.", "at least 23", 23, 35.5),
    ("Gusts reached up to 80 km/h.", "up to 80 km/h", 0, 80),
    ("Fewer than 1,000 people were arrested.", "Fewer than 1,000", 500, 1000),
])
def test_qualifiers_become_intervals(text, span, low, high):
    f = one(text)
    assert f.text == span
    assert (f.low, f.high) == (pytest.approx(low), pytest.approx(high))


def test_ranges_share_their_unit_and_scale():
    f = one("Drug trafficking contributes 40 to 70% of their income.")
    assert (f.text, f.kind, f.unit, f.stated) == ("40 to 70%", "percent", "%", (40, 70))
    f = one("They move $2 to $3 trillion a year.")
    assert f.stated == (2e12, 3e12) and f.kind == "money" and f.unit == "USD"
    f = one("Between 20 and 30 people were hurt.")
    assert f.text == "Between 20 and 30" and f.stated == (20, 30)


def test_vague_amounts():
    tens = one("Tens of thousands were trafficked.")
    hundreds = one("Hundreds of thousands were trafficked.")
    assert (tens.low, tens.high) == (10_000, 100_000)
    assert hundreds.low == 200_000
    assert not tens.overlaps(hundreds)
    # a bare plural is literally true of any larger amount
    assert math.isinf(one("Billions of dollars were lost.").high)
    assert one("Dozens are missing.").low == 24


@pytest.mark.parametrize(("text", "kind", "unit", "value"), [
    ("They earn US$3 trillion a year.", "money", "USD", 3e12),
    ("It cost €2 million.", "money", "EUR", 2e6),
    ("It cost 361 million pounds.", "money", "GBP", 361e6),
    ("The rupiah fell 1.20 cents.", "money", "USD", 0.012),
    ("Forty percent were antibiotics.", "percent", "%", 40),
    ("They burned 12 000 hectares.", "measure", "ha", 12000),
    ("Waves as high as four meters hit the ship.", "measure", "m", 4),
])
def test_units(text, kind, unit, value):
    f = one(text)
    assert (f.kind, f.unit) == (kind, unit)
    assert f.stated[0] == pytest.approx(value)


def test_what_a_figure_counts():
    f = one("Hundreds of thousands of people have been trafficked by gangs.")
    assert f.noun == "people" and "trafficked" in f.verbs
    f = one("The crime trend has seen tens of thousands trafficked in Southeast Asia.")
    assert f.noun is None and "trafficked" in f.verbs and "southeast asia" in f.places
    f = one("A ferry carrying 226 people capsized.")
    assert f.verbs == {"capsized"}  # the subject's verb, after the figure
    f = one("One group makes $50 billion a year.")
    assert f.period == "year" and "earn" in f.verbs  # make/earn are one verb
    f = one("Operations led to nearly 3,500 arrests since 2021.")
    assert f.noun == "arrests" and f.scope == {"since:2021"}
    f = one("It took 9.3 million doses of counterfeit medicines.")
    assert f.noun_text == "doses"


def test_dates_years_and_times_are_no_figures():
    text = ("The ferry, built in 1998, left at 19.00 local time on 7 June 2023 and "
            "sank around 7 p.m.")
    assert extract_figures(text) == []


def test_table_rows_are_skipped():
    text = "Arrests by region:\n| Latin America | 702 |\n| Africa | 489 |\n"
    assert extract_figures(text) == []
    assert extract_figures("Arrests by region:\nLatin America\t702\n") == []


def test_lone_one_is_not_a_figure():
    assert extract_figures("Divers found no one alive; one of them said so.") == []
