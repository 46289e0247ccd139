"""Working days in Norway: weekdays that are not public holidays.

Deadlines between agencies are counted in working days. The public holidays come from the
``holidays`` package (Norway: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and
Monday, 1 May, Ascension Day, 17 May, Whit Sunday and Monday, Christmas Day and Boxing Day).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from holidays.countries.norway import Norway


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(Norway(years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count).

    Sent on a Friday with 3 working days: the deadline is the end of Wednesday.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n))
    )
