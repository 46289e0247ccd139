"""Bias-corrected and accelerated (BCa) bootstrap intervals for many statistics at once.

Efron & Tibshirani (1993), ch. 14, with the conventions of R's ``boot.ci(type = "bca")``
where they matter, so that an analysis here and one in R agree up to Monte Carlo error. The
conventions, and where they differ from R, are set out in docs/observatory-statistics.md:

* bias correction ``z0 = Φ⁻¹(#{θ* < θ̂} / B)``: replicates strictly below the estimate, as R
  counts them (ties are not split), over the finite replicates only;
* acceleration from the jackknife over the resampled units (R's default for a ``boot``
  object is a regression estimate instead);
* endpoints by R's ``norm.inter``: between order statistics on the normal-quantile scale.

A statistic gets no interval (NaN) when its bootstrap distribution is degenerate: all
replicates equal, ``z0`` or the acceleration not finite, or no finite estimate.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm

# Replicates that differ from the estimate by rounding alone are ties, not "below"; the
# statistics here are shares in [0, 1] and differences of them.
TIE_TOLERANCE = 1e-12


def bca_intervals(
    estimate: NDArray[np.float64],
    replicates: NDArray[np.float64],
    jackknife: NDArray[np.float64],
    confidence: float,
    *,
    tie_tolerance: float = TIE_TOLERANCE,
) -> NDArray[np.float64]:
    """Intervals ``(k, 2)`` for ``k`` statistics; a row of NaN where there is none.

    ``estimate`` is ``(k,)``, ``replicates`` ``(B, k)`` (NaN where a replicate leaves a
    statistic undefined; such replicates are dropped for that statistic, as R drops
    non-finite ones), ``jackknife`` ``(n, k)``: each statistic with one unit left out.
    ``tie_tolerance`` 0 counts "below" exactly as R does, rounding noise included.
    """
    with np.errstate(all="ignore"):
        finite = np.isfinite(replicates)
        count = finite.sum(axis=0)
        ordered = np.sort(replicates, axis=0)  # NaN sort last, so row count-1 is the largest
        cols = np.arange(replicates.shape[1])
        last = np.maximum(count - 1, 0)
        spread = ordered[last, cols] - ordered[0, cols]
        below = ((replicates < estimate - tie_tolerance) & finite).sum(axis=0)
        z0 = norm.ppf(below / np.maximum(count, 1))

        influence = jackknife.mean(axis=0) - jackknife
        acceleration = (influence**3).sum(axis=0) / (6 * ((influence**2).sum(axis=0)) ** 1.5)

        tail = (1 - confidence) / 2
        z_alpha = norm.ppf(np.array([tail, 1 - tail]))
        shifted = z0[:, None] + z_alpha[None, :]
        adjusted = norm.cdf(z0[:, None] + shifted / (1 - acceleration[:, None] * shifted))

        ok = (
            np.isfinite(estimate)
            & (count >= 2)
            & (spread > tie_tolerance)
            & np.isfinite(z0)
            & np.isfinite(acceleration)
            & np.isfinite(jackknife).all(axis=0)
            & np.isfinite(adjusted).all(axis=1)
        )
        out = np.full((replicates.shape[1], 2), np.nan)
        if ok.any():
            out[ok] = normal_interpolation(ordered[:, ok], count[ok], adjusted[ok])
    return out


def normal_interpolation(
    ordered: NDArray[np.float64], count: NDArray[np.int64], alpha: NDArray[np.float64]
) -> NDArray[np.float64]:
    """R's ``norm.inter``: the ``alpha`` quantiles of each column of sorted replicates.

    Column ``j`` has ``count[j]`` finite values first; ``alpha`` is ``(k, m)``. Quantile
    ``α`` sits at rank ``(B + 1)α``; between ranks ``k`` and ``k + 1`` it is interpolated
    linearly in ``Φ⁻¹(rank / (B + 1))``, beyond the extremes it is the extreme itself.
    """
    with np.errstate(all="ignore"):
        b = count[:, None].astype(np.float64)
        rank = (b + 1) * alpha
        k = np.trunc(rank)
        cols = np.arange(ordered.shape[1])[:, None]
        lower = np.clip(k, 1, b).astype(np.int64) - 1
        upper = np.clip(k + 1, 1, b).astype(np.int64) - 1
        t_lower = ordered[lower, cols]
        t_upper = ordered[upper, cols]
        q_k = norm.ppf(k / (b + 1))
        q_k1 = norm.ppf((k + 1) / (b + 1))
        between = t_lower + (norm.ppf(alpha) - q_k) / (q_k1 - q_k) * (t_upper - t_lower)
        smallest = ordered[0, cols]
        largest = ordered[(b - 1).astype(np.int64), cols]
        return np.where(
            k <= 0, smallest, np.where(k >= b, largest, np.where(k == rank, t_lower, between))
        )
