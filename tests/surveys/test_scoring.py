"""Scoring: reverse coding and construct scores worked out by hand, the BCa interval against
scipy called directly, the bands at their thresholds, degenerate data, the histogram."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats

from helhet.surveys import results, rounds
from helhet.surveys.scoring import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONCERN_BELOW,
    STRENGTH_FROM,
    Band,
    band,
    band_certain,
    bca_difference,
    bca_interval,
    histogram,
    respondent_scores,
)
from tests.surveys.conftest import at


def test_respondent_scores_reverse_code_negative_statements():
    items = {
        1: SimpleNamespace(construct="governance", reverse=False),
        2: SimpleNamespace(construct="governance", reverse=True),
        3: SimpleNamespace(construct="trust", reverse=True),
    }
    # 5 and (6 − 2 = 4) → 4.5; trust: 6 − 1 = 5. An unknown item is ignored.
    assert respondent_scores({1: 5, 2: 2, 3: 1, 99: 1}, items) == {
        "governance": 4.5,
        "trust": 5.0,
    }
    # Only the answered statements count: no trust score without a trust answer.
    assert respondent_scores({2: 5}, items) == {"governance": 1.0}


def test_round_scores_worked_out_by_hand(team, small_instrument, make_round, answered):
    round = make_round(small_instrument, mode="named")
    # GOV2 is reverse-coded. Respondent scores: governance (5+4)/2=4.5, (4+2)/2=3.0,
    # (2+1)/2=1.5 → mean 3.0; trust 3 and 5 (the third left it out) → mean 4.0, n = 2.
    answered(
        round,
        [
            {"GOV1": 5, "GOV2": 2, "TRU1": 3},
            {"GOV1": 4, "GOV2": 4, "TRU1": 5},
            {"GOV1": 2, "GOV2": 5},
        ],
    )
    found = results.round_results(actor=team.researcher, round_id=round.pk)
    assert found.withheld is None and found.respondents == 3 and found.invited == 3
    governance, trust = found.constructs
    assert (governance.construct, governance.n, governance.mean) == ("governance", 3, 3.0)
    assert governance.band == Band.BORDERLINE  # exactly on the lower threshold
    assert (trust.construct, trust.n, trust.mean) == ("trust", 2, 4.0)
    assert trust.band == Band.STRENGTH  # exactly on the upper threshold
    # Distribution of the answers as given (before reversing), per statement.
    by_code = {i.item.code: i for i in found.items}
    assert by_code["GOV2"].counts == [0, 1, 0, 1, 1]
    assert by_code["GOV2"].mean == pytest.approx((4 + 2 + 1) / 3)
    assert by_code["TRU1"].counts == [0, 0, 1, 0, 1] and by_code["TRU1"].n == 2
    assert [b.count for b in governance.histogram] == [0, 1, 0, 0, 1, 0, 0, 1]
    assert found.response_rate == 1.0


def test_bca_interval_matches_scipy_and_contains_the_mean():
    values = [3.5, 4.0, 2.5, 3.0, 4.5, 3.75, 2.0, 4.25, 3.0, 3.5]
    interval = bca_interval(values)
    direct = stats.bootstrap(
        (np.sort(values),),  # the scores, in sorted order
        np.mean,
        confidence_level=0.95,
        n_resamples=BOOTSTRAP_RESAMPLES,
        method="BCa",
        rng=np.random.default_rng(BOOTSTRAP_SEED),
    ).confidence_interval
    assert interval is not None
    assert interval.low == pytest.approx(direct.low, abs=1e-12)
    assert interval.high == pytest.approx(direct.high, abs=1e-12)
    assert interval.low < np.mean(values) < interval.high
    # The same scores give the same interval every time and in any order.
    assert bca_interval(list(reversed(values))) == interval


def test_round_interval_is_the_bca_interval_of_respondent_scores(
    team, small_instrument, make_round, answered
):
    round = make_round(small_instrument)
    sheets = [
        {"GOV1": a, "GOV2": b, "TRU1": c}
        for a, b, c in [(5, 1, 4), (4, 2, 4), (3, 3, 2), (2, 4, 3), (4, 1, 5), (3, 2, 4), (5, 2, 3)]
    ]
    answered(round, sheets)

    rounds.round_close(actor=team.researcher, round_id=round.pk)
    found = results.round_results(actor=team.researcher, round_id=round.pk)
    governance = found.construct("governance")
    expected = [(a + 6 - b) / 2 for a, b, _c in [(s["GOV1"], s["GOV2"], s["TRU1"]) for s in sheets]]
    assert governance is not None and governance.mean == pytest.approx(np.mean(expected))
    assert governance.interval == bca_interval(expected)
    assert governance.interval.low < governance.mean < governance.interval.high


@pytest.mark.parametrize(
    ("values", "why"),
    [([], "no respondents"), ([4.0], "one respondent"), ([3.0, 3.0, 3.0], "all the same")],
)
def test_no_interval_without_variation_to_resample(values, why):
    assert bca_interval(values) is None, why


def test_bca_with_two_respondents_or_skewed_data_does_not_fail():
    assert bca_interval([2.0, 4.0]) is None or bca_interval([2.0, 4.0]).low <= 3.0
    skewed = [1.0] * 9 + [5.0]
    interval = bca_interval(skewed)
    assert interval is None or interval.low <= np.mean(skewed) <= interval.high


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (5.0, Band.STRENGTH),
        (STRENGTH_FROM, Band.STRENGTH),
        (STRENGTH_FROM - 1e-12, Band.STRENGTH),  # floating-point noise, not a real difference
        (3.99, Band.BORDERLINE),
        (CONCERN_BELOW, Band.BORDERLINE),
        (2.99, Band.CONCERN),
        (1.0, Band.CONCERN),
    ],
)
def test_bands_at_the_thresholds(score, expected):
    assert band(score) == expected


def test_band_is_certain_only_when_the_interval_stays_in_one_band():
    from helhet.surveys.scoring import Interval

    assert band_certain(Interval(3.1, 3.9))
    assert not band_certain(Interval(3.8, 4.2))
    assert not band_certain(None)


def test_difference_interval_and_histogram_edges():
    later, earlier = [4.0, 4.5, 3.5, 4.0, 5.0], [2.0, 2.5, 3.0, 2.0, 2.5]
    diff = bca_difference(later, earlier)
    assert diff is not None and diff.low > 0  # a clear improvement
    assert bca_difference([3.0, 3.0], [3.0, 3.0]) is None
    bins = histogram([1.0, 1.49, 1.5, 4.99, 5.0])
    assert [b.count for b in bins] == [2, 1, 0, 0, 0, 0, 0, 2]
    assert (bins[0].low, bins[-1].high) == (1.0, 5.0)


def test_at_helper_is_in_oslo():
    from datetime import date

    assert at(date(2026, 3, 2)).utcoffset().total_seconds() == 3600
