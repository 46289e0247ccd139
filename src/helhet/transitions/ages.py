"""Calendar arithmetic for ages and horizons, with 29 February handled one way everywhere.

A person born on 29 February reaches a new age on 1 March in a year without that day, which
is what ``consent.services.age_on`` already counts. Adding months keeps the day of the month,
clamped to the month's length (31 August + 6 months is the last day of February).
"""

from __future__ import annotations

import calendar
from datetime import date

from helhet.consent.policies import ADULT_AGE, age_on

__all__ = ["ADULT_AGE", "add_months", "age_on", "birthday_at", "born_on_or_before"]


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def birthday_at(birth_date: date, age: int) -> date:
    """The day a person born on ``birth_date`` reaches ``age`` (29 February → 1 March)."""
    year = birth_date.year + age
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def born_on_or_before(day: date, age: int) -> date:
    """The latest birth date of someone who has reached ``age`` on ``day``.

    ``birth_date <= born_on_or_before(day, age)`` is the same test as
    ``birthday_at(birth_date, age) <= day``, so it can filter in SQL.
    """
    year = day.year - age
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)
