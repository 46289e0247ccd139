"""A synthetic survey the size and shape of seed 004 (244 units), for tests and the bench.

Shares follow the paper's Table 2 roughly; every figure is made up, no real unit is in it.
"""

from __future__ import annotations

import random

from helhet.observatory.survey_file import survey_csv

UNIT_MIX = (("nursing_home", 128), ("home_care", 94), ("integrated", 11), ("other", 11))
RUNS = {
    "nursing_home": {
        "day_centre": 0.35,
        "cultural_nursing_home": 0.9,
        "physical": 0.6,
        "social": 0.95,
    },
    "home_care": {
        "day_centre": 0.3,
        "food_delivery": 0.35,
        "cultural_home_care": 0.4,
        "physical": 0.4,
        "social": 0.7,
    },
    "integrated": {
        "day_centre": 0.6,
        "food_delivery": 0.5,
        "cultural_nursing_home": 0.8,
        "cultural_home_care": 0.5,
        "physical": 0.6,
        "social": 0.9,
    },
    "other": {"day_centre": 0.7, "physical": 0.4, "social": 0.8},
}
# municipality, voluntary, joint, other, unsure, varies
MIX = {
    "day_centre": (0.88, 0.01, 0.05, 0.0, 0.04, 0.02),
    "food_delivery": (0.55, 0.13, 0.2, 0.0, 0.07, 0.05),
    "cultural_nursing_home": (0.4, 0.25, 0.2, 0.02, 0.03, 0.1),
    "cultural_home_care": (0.2, 0.35, 0.2, 0.03, 0.12, 0.1),
    "physical": (0.5, 0.12, 0.2, 0.02, 0.06, 0.1),
    "social": (0.15, 0.4, 0.2, 0.02, 0.03, 0.2),
}
CHOICES = ("municipality", "voluntary", "joint", "other", "unsure", "varies")


def seed004_rows(
    seed: int = 4, scale: int = 1, *, all_answer: bool = False
) -> list[tuple[str, str, str, str]]:
    """``all_answer``: every unit gives at least one answer that is counted (the 244 units of
    the survey all answered), so all of them are resampled."""
    rng = random.Random(seed)
    rows = []
    number = 0
    for unit_type, count in UNIT_MIX:
        for _ in range(count * scale):
            number += 1
            unit = []
            for activity, p in RUNS[unit_type].items():
                if rng.random() < p:
                    (who,) = rng.choices(CHOICES, weights=MIX[activity])
                    unit.append((f"U{number:04d}", unit_type, activity, who))
            if all_answer and all(who in ("unsure", "varies") for *_, who in unit):
                (who,) = rng.choices(CHOICES[:4], weights=MIX["social"][:4])
                unit = [row for row in unit if row[2] != "social"]
                unit.append((f"U{number:04d}", unit_type, "social", who))
            rows += unit
    return rows


def seed004_csv(seed: int = 4, scale: int = 1, *, all_answer: bool = False) -> str:
    return survey_csv(seed004_rows(seed, scale, all_answer=all_answer))
