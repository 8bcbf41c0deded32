"""Date mentions resolved against the publication date, offline and deterministic."""

from __future__ import annotations

from datetime import date

import pytest

from audit.extract.dates import extract_dates, weekday_before

WED_12_FEB = date(2025, 2, 12)


def resolved(text: str, published: date | None = WED_12_FEB) -> list[tuple[str, date | None]]:
    return [(m.text, m.day) for m in extract_dates(text, published)]


@pytest.mark.parametrize(("text", "day"), [
    ("The ferry capsized on Tuesday night.", date(2025, 2, 11)),
    ("Rescuers said on Wednesday they would go on.", date(2025, 2, 12)),  # the same day
    ("It sank last Wednesday.", date(2025, 2, 5)),  # "last" is never today
    ("Talks resume next Monday.", date(2025, 2, 17)),
    ("The ferry capsized on Tuesday, February 11.", date(2025, 2, 11)),
    ("It sank on the night of 11 February.", date(2025, 2, 11)),
    ("It was found yesterday.", date(2025, 2, 11)),
    ("The fire started on 22 August 2025.", date(2025, 8, 22)),
])
def test_resolution(text, day):
    ((_, got),) = resolved(text)
    assert got == day


def test_weekdays_without_a_publication_date_stay_weekdays():
    (m,) = extract_dates("Interpol said on Friday it would act.", None)
    assert m.day is None and m.weekday == 4
    (m,) = extract_dates("Interpol announced on Friday December 8 that it had acted.", None)
    assert m.weekday == 4 and m.day is None  # no year: nothing to resolve against


def test_friday_december_8_and_8_december_2023_agree():
    published = date(2023, 12, 9)
    (a,) = extract_dates("Interpol announced on Friday December 8 its results.", published)
    (b,) = extract_dates("Results published 8 December 2023.", published)
    assert a.day == b.day == date(2023, 12, 8)
    assert a.agrees(b) and not a.inconsistent


def test_a_weekday_that_does_not_fit_its_date():
    (m,) = extract_dates("The raid took place on Thursday, 8 December 2023.", None)
    assert m.inconsistent  # 8 December 2023 was a Friday


def test_roles():
    mentions = extract_dates("The operation ran from 20 January to 2 March and began "
                             "well.", date(2025, 3, 6))
    assert [(m.text, m.role) for m in mentions] == [("20 January", "start"),
                                                    ("2 March", "end")]
    (m,) = extract_dates("The fire has raged since Friday.", date(2025, 8, 24))
    assert m.role == "start" and m.day == date(2025, 8, 22)


def test_numeric_day_month_is_no_date_we_guess():
    assert resolved("It sank on Tuesday night (11/2).") == [("Tuesday night",
                                                              date(2025, 2, 11))]


def test_may_alone_is_a_verb():
    assert resolved("Officials may resume the search.") == []


def test_weekday_rule():
    assert weekday_before(WED_12_FEB, 2) == WED_12_FEB
    assert weekday_before(WED_12_FEB, 2, "last") == date(2025, 2, 5)
    assert weekday_before(WED_12_FEB, 1) == date(2025, 2, 11)
