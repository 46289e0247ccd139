"""Working-day deadlines across weekends and Norwegian public holidays, over several years."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.core.working_days import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize(
    ("sent", "days", "deadline", "why"),
    [
        (date(2026, 11, 23), 3, date(2026, 11, 26), "Monday + 3 = Thursday"),
        (date(2026, 11, 20), 3, date(2026, 11, 25), "Friday: the weekend does not count"),
        (date(2026, 11, 21), 3, date(2026, 11, 25), "sent on a Saturday"),
        (
            date(2026, 12, 23),
            3,
            date(2026, 12, 29),
            "Christmas Day 2026 (Fri); Boxing Day is a Saturday",
        ),
        (date(2027, 12, 23), 3, date(2027, 12, 28), "Christmas 2027 falls on a weekend"),
        (date(2025, 12, 22), 3, date(2025, 12, 29), "Christmas 2025: Thu 25 and Fri 26"),
        (date(2026, 12, 30), 3, date(2027, 1, 5), "New Year's Day 2027"),
        (date(2026, 3, 31), 3, date(2026, 4, 8), "Easter 2026: Maundy Thursday to Easter Monday"),
        (date(2027, 3, 24), 3, date(2027, 4, 1), "Easter 2027 (25–29 March)"),
        (date(2028, 4, 12), 3, date(2028, 4, 20), "Easter 2028 (13–17 April)"),
        (date(2026, 5, 15), 3, date(2026, 5, 20), "17 May 2026 is a Sunday"),
        (date(2027, 5, 14), 3, date(2027, 5, 20), "17 May 2027 is a Monday; also Whit Monday"),
        (date(2028, 5, 16), 3, date(2028, 5, 22), "17 May 2028 is a Wednesday"),
        (date(2029, 5, 16), 1, date(2029, 5, 18), "17 May 2029 is a Thursday"),
        (date(2026, 5, 13), 1, date(2026, 5, 15), "Ascension Day 2026 (14 May)"),
        (date(2026, 4, 30), 1, date(2026, 5, 4), "1 May 2026 is a Friday"),
        (date(2026, 11, 23), 0, date(2026, 11, 23), "no days: the same day"),
        (date(2026, 11, 23), 10, date(2026, 12, 7), "two working weeks"),
    ],
)
def test_add_working_days(sent, days, deadline, why):
    assert add_working_days(sent, days) == deadline, why


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 4, 2),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 17),
        date(2027, 5, 17),
        date(2026, 5, 25),
        date(2026, 1, 1),
        date(2026, 11, 28),
    ],
)
def test_holidays_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


def test_christmas_eve_is_an_ordinary_working_day_in_law():
    assert is_working_day(date(2026, 12, 24))


def test_working_days_between_inverts_add():
    start = date(2026, 12, 18)
    for n in range(0, 25):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
