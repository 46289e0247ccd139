"""Norwegian national identity numbers (fødselsnummer), with the synthetic-number convention.

Eleven digits: DDMMYY, a three-digit individual number, two check digits (mod 11). Test data
adds 80 to the month, so a synthetic number can never belong to a real person. D-numbers add
40 to the day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_noop as N_

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
SYNTHETIC_MONTH_OFFSET = 80
D_NUMBER_DAY_OFFSET = 40


class InvalidNationalId(ValueError):
    pass


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    check = (11 - remainder) % 11
    return None if check == 10 else check


def _century(year2: int, individual: int) -> int:
    if individual <= 499:
        return 1900
    if individual <= 749 and year2 >= 54:
        return 1800
    if individual >= 900 and year2 >= 40:
        return 1900
    return 2000


@dataclass(frozen=True)
class NationalId:
    value: str
    birth_date: date
    synthetic: bool
    d_number: bool


def parse(value: str) -> NationalId:
    """Validate a national ID and read its birth date. Raises InvalidNationalId with a reason."""
    value = (value or "").strip().replace(" ", "")
    if len(value) != 11 or not value.isdigit():
        raise InvalidNationalId(N_("A national identity number has exactly 11 digits."))
    if _check_digit(value[:9], _W1) != int(value[9]) or _check_digit(value[:10], _W2) != int(
        value[10]
    ):
        raise InvalidNationalId(
            N_("The check digits of the national identity number do not match.")
        )
    day, month, year2, individual = (
        int(value[:2]),
        int(value[2:4]),
        int(value[4:6]),
        int(value[6:9]),
    )
    d_number = day > D_NUMBER_DAY_OFFSET
    if d_number:
        day -= D_NUMBER_DAY_OFFSET
    synthetic = month > SYNTHETIC_MONTH_OFFSET
    if synthetic:
        month -= SYNTHETIC_MONTH_OFFSET
    year = _century(year2, individual) + year2
    try:
        birth = date(year, month, day)
    except ValueError:
        raise InvalidNationalId(
            N_("The national identity number does not contain a valid birth date.")
        ) from None
    return NationalId(value=value, birth_date=birth, synthetic=synthetic, d_number=d_number)


def synthetic_for(birth_date: date, rng: random.Random) -> str:
    """A valid synthetic national ID (month + 80) for a birth date, drawn with ``rng``."""
    if 1900 <= birth_date.year <= 1999:
        low, high = 0, 499
    elif 2000 <= birth_date.year <= 2039:
        low, high = 500, 999
    else:
        raise ValueError("synthetic IDs are made for birth years 1900-2039")
    month = birth_date.month + SYNTHETIC_MONTH_OFFSET
    stem = f"{birth_date.day:02d}{month:02d}{birth_date.year % 100:02d}"
    for _ in range(1000):
        individual = rng.randint(low, high)
        if birth_date.year >= 2000 and individual < 750 and birth_date.year % 100 >= 54:
            continue  # those numbers also mean the 1800s
        if birth_date.year >= 2000 and individual >= 900 and birth_date.year % 100 >= 40:
            continue  # those numbers also mean the 1900s
        nine = f"{stem}{individual:03d}"
        k1 = _check_digit(nine, _W1)
        if k1 is None:
            continue
        k2 = _check_digit(nine + str(k1), _W2)
        if k2 is None:
            continue
        return f"{nine}{k1}{k2}"
    raise RuntimeError("no synthetic ID found")  # practically unreachable
