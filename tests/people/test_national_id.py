from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helhet.people import national_id as nid
from helhet.people.errors import NationalIdInvalid
from helhet.people.services import national_id_check


def test_synthetic_number_parses_with_birth_date():
    value = nid.synthetic_for(date(1985, 4, 2), random.Random(1))
    parsed = nid.parse(value)
    assert parsed.synthetic
    assert parsed.birth_date == date(1985, 4, 2)
    assert int(value[2:4]) == 84  # April + 80


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2039, 12, 31)), st.integers(0, 10**6))
def test_every_generated_synthetic_number_is_valid(birth, seed):
    value = nid.synthetic_for(birth, random.Random(seed))
    parsed = nid.parse(value)
    assert parsed.synthetic and parsed.birth_date == birth


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1234567890", "exactly 11 digits"),
        ("123456789012", "exactly 11 digits"),
        ("0284851234a", "exactly 11 digits"),
        ("", "exactly 11 digits"),
    ],
)
def test_wrong_length_or_characters(value, reason):
    with pytest.raises(nid.InvalidNationalId, match=reason):
        nid.parse(value)


def test_each_check_digit_is_verified():
    value = nid.synthetic_for(date(1990, 12, 24), random.Random(3))
    for position in (9, 10):
        broken = value[:position] + str((int(value[position]) + 1) % 10) + value[position + 1 :]
        with pytest.raises(nid.InvalidNationalId, match="check digits"):
            nid.parse(broken)


def test_impossible_date_is_rejected():
    # 31 February (month 82 = synthetic February) with check digits made to fit.
    stem = "318290123"
    k1 = nid._check_digit(stem, nid._W1)
    assert k1 is not None
    k2 = nid._check_digit(stem + str(k1), nid._W2)
    assert k2 is not None
    with pytest.raises(nid.InvalidNationalId, match="birth date"):
        nid.parse(f"{stem}{k1}{k2}")


def _real_number() -> str:
    """A well-formed number for 1 January 1985 with a real month (no + 80)."""
    for individual in range(100, 500):
        nine = f"010185{individual:03d}"
        k1 = nid._check_digit(nine, nid._W1)
        k2 = nid._check_digit(nine + str(k1), nid._W2) if k1 is not None else None
        if k1 is not None and k2 is not None:
            return f"{nine}{k1}{k2}"
    raise AssertionError("no valid number found")


def test_real_numbers_are_refused_outside_production():
    real = _real_number()
    assert not nid.parse(real).synthetic
    with pytest.raises(NationalIdInvalid, match="synthetic"):
        national_id_check(real)


def test_real_numbers_are_accepted_in_production(settings):
    settings.ALLOW_REAL_NATIONAL_IDS = True
    assert national_id_check(_real_number()).birth_date == date(1985, 1, 1)
