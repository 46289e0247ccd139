"""The BCa pieces on their own: R's normal-scale interpolation and the degenerate cases."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import norm

from helhet.observatory.bca import bca_intervals, normal_interpolation


def test_normal_interpolation_follows_r_norm_inter():
    ordered = np.arange(1.0, 10.0)[:, None]  # B = 9 replicates: 1, 2, …, 9
    alpha = np.array([[0.25, 0.5, 0.05, 0.95, 0.93]])
    got = normal_interpolation(ordered, np.array([9]), alpha)[0]
    # 0.25: rank (9 + 1) · 0.25 = 2.5, between the 2nd and 3rd on the normal-quantile scale.
    z = norm.ppf
    expected_25 = 2 + (z(0.25) - z(0.2)) / (z(0.3) - z(0.2)) * (3 - 2)
    # 0.93: rank 9.3, between the 9th and the 10th (none), so the largest, 9.
    assert got == pytest.approx([expected_25, 5.0, 1.0, 9.0, 9.0])
    # Not the linear interpolation numpy's percentile would give (2.5 at rank 2.5).
    assert got[0] != pytest.approx(2.5)


def test_interpolation_uses_only_the_finite_replicates_of_each_column():
    ordered = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, np.nan], [4.0, np.nan]])
    got = normal_interpolation(ordered, np.array([4, 2]), np.array([[0.99, 0.99], [0.5, 0.5]]).T)
    assert got[0, 0] == 4.0 and got[1, 0] == 20.0
    assert got[0, 1] == pytest.approx(
        2 + (norm.ppf(0.5) - norm.ppf(0.4)) / (norm.ppf(0.6) - norm.ppf(0.4))
    )


def _jackknife(n: int, k: int) -> np.ndarray:
    return np.random.default_rng(0).normal(size=(n, k))


def test_degenerate_distributions_give_no_interval():
    rng = np.random.default_rng(1)
    normal = rng.normal(size=2000)
    replicates = np.column_stack(
        [
            normal,  # fine
            np.zeros(2000),  # constant
            np.abs(normal) + 1.0,  # nothing below the estimate 0.5: z0 = -inf
            np.abs(normal) * -1 - 1,  # everything below the estimate 0.5: z0 = +inf
            normal,  # jackknife without spread: acceleration 0/0
            np.where(normal > 0, normal, np.nan),  # finite half only: still fine
        ]
    )
    estimate = np.array([0.0, 0.0, 0.5, 0.5, 0.0, 0.8])
    jackknife = _jackknife(30, 6)
    jackknife[:, 4] = 1.0
    out = bca_intervals(estimate, replicates, jackknife, 0.95)
    assert np.isfinite(out[0]).all() and out[0, 0] < 0 < out[0, 1]
    assert np.isnan(out[1:5]).all()
    assert np.isfinite(out[5]).all() and out[5, 0] > 0


def test_without_bias_or_acceleration_bca_is_the_percentile_interval():
    replicates = np.random.default_rng(2).normal(size=(19_999, 1))
    estimate = np.median(replicates, axis=0)
    jackknife = np.vstack([np.full((10, 1), -1.0), np.full((10, 1), 1.0)])  # symmetric: a = 0
    (lo, hi) = bca_intervals(estimate, replicates, jackknife, 0.9)[0]
    ordered = np.sort(replicates[:, 0])
    # z0 = Φ⁻¹(9999/19999) ≈ 0: the 5 % and 95 % order statistics (ranks 1000 and 19000).
    assert lo == pytest.approx(ordered[999], abs=2e-3)
    assert hi == pytest.approx(ordered[18999], abs=2e-3)


def test_a_non_finite_estimate_has_no_interval():
    replicates = np.random.default_rng(3).normal(size=(1000, 1))
    out = bca_intervals(np.array([np.nan]), replicates, _jackknife(5, 1), 0.95)
    assert np.isnan(out).all()


def test_a_share_agrees_with_scipy_bootstrap_within_monte_carlo_error(seed004_csv):
    """scipy's BCa (ties split in half, linear percentiles) on the same units, for the
    municipality's share of physical activities: a ratio of per-unit counts."""
    from scipy.stats import bootstrap

    from helhet.observatory.coordination import analyse
    from helhet.observatory.survey_file import parse_survey_csv

    survey = parse_survey_csv(seed004_csv)
    columns = slice(4 * 4, 4 * 4 + 4)  # physical × the four coordinators
    named = survey.counts[:, 16]
    answered = survey.counts[:, columns].sum(axis=1)

    def share(numerator, denominator, axis=-1):  # type: ignore[no-untyped-def]
        return numerator.sum(axis=axis) / denominator.sum(axis=axis)

    theirs = bootstrap(
        (named, answered),
        share,
        paired=True,
        vectorized=True,
        n_resamples=10_000,
        method="BCa",
        rng=np.random.default_rng(5),
    ).confidence_interval
    ours = analyse(survey, seed=5).statistic("share:physical:municipality").ci
    assert ours is not None
    assert ours == pytest.approx((theirs.low, theirs.high), abs=0.03)
