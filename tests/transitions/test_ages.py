"""Calendar arithmetic: birthdays, months ahead, and the SQL bound agree with age_on."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from helhet.transitions.ages import add_months, age_on, birthday_at, born_on_or_before


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 15), 6) == date(2025, 7, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_leap_day_birthdays_fall_on_1_march_in_other_years():
    born = date(2008, 2, 29)
    assert birthday_at(born, 18) == date(2026, 3, 1)
    assert birthday_at(born, 16) == date(2024, 2, 29)
    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18
    assert born_on_or_before(date(2024, 2, 29), 18) == date(2006, 2, 28)
    assert born_on_or_before(date(2024, 2, 29), 20) == date(2004, 2, 29)


days = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@given(birth=days, on=days, age=st.integers(min_value=0, max_value=30))
def test_bound_agrees_with_birthday_and_age(birth, on, age):
    reached = birthday_at(birth, age) <= on
    assert reached == (birth <= born_on_or_before(on, age))
    if birth <= on:
        assert reached == (age_on(birth, on) >= age)


@given(birth=days, age=st.integers(min_value=1, max_value=30))
def test_birthday_is_the_first_day_of_the_age(birth, age):
    day = birthday_at(birth, age)
    assert age_on(birth, day) == age
    assert age_on(birth, day - timedelta(days=1)) == age - 1
