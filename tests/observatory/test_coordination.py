"""The statistics of the coordination analysis, and properties of their BCa intervals."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

from helhet.observatory.coordination import STATISTIC_NAMES, analyse, statistics_of
from helhet.observatory.errors import AnalysisSettingsInvalid
from helhet.observatory.survey_file import ACTIVITIES, COORDINATORS, parse_survey_csv
from helhet.volunteering.models import COUNTED_COORDINATORS, SURVEY_CATEGORIES


def test_codes_are_those_of_the_volunteering_module():
    assert tuple(SURVEY_CATEGORIES) == ACTIVITIES
    assert tuple(COUNTED_COORDINATORS) == COORDINATORS


def test_36_statistics_in_the_documented_order():
    assert len(STATISTIC_NAMES) == 36
    assert STATISTIC_NAMES[:5] == (
        "share:day_centre:municipality",
        "share:day_centre:voluntary",
        "share:day_centre:joint",
        "share:day_centre:other",
        "share:food_delivery:municipality",
    )
    assert STATISTIC_NAMES[23] == "share:social:other"
    assert STATISTIC_NAMES[24:30] == tuple(f"diff:{a}" for a in ACTIVITIES)
    assert STATISTIC_NAMES[30:] == (
        "stat_vs_non:municipality",
        "stat_vs_non:voluntary",
        "stat_vs_non:joint",
        "stat_vs_non_wo_social:municipality",
        "stat_vs_non_wo_social:voluntary",
        "stat_vs_non_wo_social:joint",
    )


def _expected_by_hand() -> dict[str, F]:
    # Included answers per activity (unsure and varies left out), from conftest.HAND_MADE:
    #   day centre    U1 M, U2 M, U3 J            (U4 unsure)
    #   food delivery U2 V, U3 M, U5 M
    #   cultural NH   U1 J, U4 M
    #   cultural HC   U2 V, U5 J
    #   physical      U2 M, U3 O, U5 M
    #   social        U1 V, U3 V, U4 M            (U5 varies, U6 unsure)
    shares = {
        "day_centre": (F(2, 3), F(0), F(1, 3), F(0)),
        "food_delivery": (F(2, 3), F(1, 3), F(0), F(0)),
        "cultural_nursing_home": (F(1, 2), F(0), F(1, 2), F(0)),
        "cultural_home_care": (F(0), F(1, 2), F(1, 2), F(0)),
        "physical": (F(2, 3), F(0), F(0), F(1, 3)),
        "social": (F(1, 3), F(2, 3), F(0), F(0)),
    }
    out = {
        f"share:{a}:{c}": shares[a][i]
        for a in shares
        for i, c in enumerate(("municipality", "voluntary", "joint", "other"))
    }
    out |= {f"diff:{a}": shares[a][0] - shares[a][1] for a in shares}
    # Statutory: mean over day centre and food delivery. Municipality (2/3 + 2/3)/2 = 2/3;
    # non-statutory (1/2 + 0 + 2/3 + 1/3)/4 = 3/8; without social (1/2 + 0 + 2/3)/3 = 7/18.
    out["stat_vs_non:municipality"] = F(2, 3) - F(3, 8)
    out["stat_vs_non_wo_social:municipality"] = F(2, 3) - F(7, 18)
    # Voluntary: statutory (0 + 1/3)/2 = 1/6; non (0 + 1/2 + 0 + 2/3)/4 = 7/24; w/o social 1/6.
    out["stat_vs_non:voluntary"] = F(1, 6) - F(7, 24)
    out["stat_vs_non_wo_social:voluntary"] = F(0)
    # Joint: statutory (1/3 + 0)/2 = 1/6; non (1/2 + 1/2 + 0 + 0)/4 = 1/4; w/o social 1/3.
    out["stat_vs_non:joint"] = F(1, 6) - F(1, 4)
    out["stat_vs_non_wo_social:joint"] = F(1, 6) - F(1, 3)
    return out


def test_exact_values_on_a_hand_made_file(hand_made_csv):
    survey = parse_survey_csv(hand_made_csv)
    result = analyse(survey, replications=1000, seed=3)
    expected = _expected_by_hand()
    assert [s.name for s in result.statistics] == list(STATISTIC_NAMES)
    for s in result.statistics:
        assert s.estimate == pytest.approx(float(expected[s.name]), abs=1e-12), s.name
    assert expected["stat_vs_non:municipality"] == F(7, 24)
    assert expected["stat_vs_non:voluntary"] == F(-1, 8)
    # U6 answered only "unsure": not a resampled unit; three answers were left out.
    assert (result.units, result.answers, result.left_out) == (5, 16, 3)


def test_an_activity_nobody_answered_has_no_estimate(hand_made_csv):
    lines = [ln for ln in hand_made_csv.splitlines() if "food_delivery" not in ln]
    result = analyse(parse_survey_csv("\n".join(lines)), replications=1000, seed=1)
    assert result.statistic("share:food_delivery:municipality").estimate is None
    assert result.statistic("share:food_delivery:municipality").ci is None
    assert result.statistic("stat_vs_non:municipality").estimate is None
    assert result.statistic("share:social:voluntary").estimate == pytest.approx(2 / 3)
    assert result.as_json()["statistics"][4] == {  # type: ignore[index]
        "name": "share:food_delivery:municipality",
        "estimate": None,
        "ci": None,
    }


def test_statistics_of_many_totals_at_once_match_one_by_one(seed004_csv):
    counts = parse_survey_csv(seed004_csv).counts
    rows = counts[:40]
    together = statistics_of(rows)
    for i in range(40):
        np.testing.assert_array_equal(together[i], statistics_of(rows[i]))


# --- interval properties --------------------------------------------------------------------


@pytest.fixture
def seed004_result(seed004_csv):
    return analyse(parse_survey_csv(seed004_csv), seed=11)


def test_every_interval_is_ordered_and_holds_its_estimate(seed004_result):
    with_interval = [s for s in seed004_result.statistics if s.ci is not None]
    assert len(with_interval) >= 30
    for s in with_interval:
        assert s.ci[0] <= s.estimate <= s.ci[1], s
        assert s.ci[0] < s.ci[1], s


def test_a_share_that_is_zero_everywhere_has_no_interval(seed004_csv):
    survey = parse_survey_csv(seed004_csv)
    day_centre_other = ACTIVITIES.index("day_centre") * 4 + COORDINATORS.index("other")
    assert survey.counts[:, day_centre_other].sum() == 0
    result = analyse(survey, seed=2)
    stat = result.statistic("share:day_centre:other")
    assert stat.estimate == 0.0 and stat.ci is None
    assert result.as_json()["statistics"][3]["ci"] is None  # type: ignore[index]


def test_the_same_seed_gives_the_same_output_and_another_seed_other_intervals(seed004_csv):
    survey = parse_survey_csv(seed004_csv)
    first = analyse(survey, replications=2000, seed=5).as_json()
    assert analyse(survey, replications=2000, seed=5).as_json() == first
    other = analyse(survey, replications=2000, seed=6).as_json()
    assert other != first
    differing = [
        a["name"]
        for a, b in zip(first["statistics"], other["statistics"], strict=True)  # type: ignore[call-overload]
        if a["ci"] != b["ci"]
    ]
    assert len(differing) >= 25
    unseeded = analyse(survey, replications=2000)
    assert unseeded.seed is None and unseeded.as_json()["seed"] is None


def test_more_replications_narrow_the_monte_carlo_spread(seed004_csv):
    survey = parse_survey_csv(seed004_csv)

    def spread(replications: int) -> float:
        ends = np.array(
            [
                [
                    s.ci
                    for s in analyse(survey, replications=replications, seed=seed).statistics[:24]
                    if s.ci
                ]
                for seed in range(8)
            ]
        )
        return float(ends.std(axis=0).mean())

    few, many = spread(1000), spread(10_000)
    # Monte Carlo error falls like 1/sqrt(B): about a third with ten times the replicates.
    assert many < few * 0.6, (few, many)


def test_significance_is_zero_outside_the_interval(seed004_result):
    for s in seed004_result.statistics:
        if s.kind == "share":
            assert s.significant is None
        elif s.ci is not None:
            assert s.significant == (not s.ci[0] <= 0 <= s.ci[1])
    assert seed004_result.statistic("diff:day_centre").significant is True


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"replications": 999}, "replications"),
        ({"replications": 100_001}, "replications"),
        ({"confidence": 0.0}, "confidence"),
        ({"confidence": 1.0}, "confidence"),
        ({"confidence": float("nan")}, "confidence"),
        ({"seed": -1}, "seed"),
    ],
)
def test_settings_out_of_range_are_refused(hand_made_csv, given, field):
    with pytest.raises(AnalysisSettingsInvalid) as caught:
        analyse(parse_survey_csv(hand_made_csv), **given)
    assert field in caught.value.details
