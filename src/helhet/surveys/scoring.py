"""Scoring of the collaboration health survey: pure functions, no database.

* A respondent's construct score is the mean of the statements they answered in that
  construct, after reverse coding (6 − answer for a negatively worded statement).
* A round's construct score is the mean over respondents, with a 95 % bias-corrected and
  accelerated (BCa) bootstrap interval over respondents from ``scipy.stats.bootstrap``. With
  fewer than two respondents, or when every respondent has the same score, there is no
  interval: the bootstrap has nothing to resample, and we say so rather than invent one.
* The interpretation band of a score: strength, borderline or concern. The thresholds live
  here and only here (justified in docs/surveys.md).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _
from scipy import stats

from helhet.observatory.constructs import Construct

# Interpretation bands on the 1–5 agreement scale.
STRENGTH_FROM = 4.0  # a mean at "agree" or above
CONCERN_BELOW = 3.0  # a mean on the disagreeing side of the neutral midpoint
# Fewer respondents than this and the results are withheld (docs/surveys.md, "Anonymity").
MIN_RESPONDENTS = 3
CONFIDENCE = 0.95
# As in the LTC survey of seed 004; fixed seed so a page shows the same interval every time.
BOOTSTRAP_RESAMPLES = 10_000
BOOTSTRAP_SEED = 20260101
# Resamples drawn per batch: memory grows with batch × respondents, not 10,000 × respondents.
BOOTSTRAP_BATCH = 1_000
# Histogram of construct scores: half-point bins from 1 to 5 (the last one includes 5).
HISTOGRAM_EDGES: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)


class Band(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    BORDERLINE = "borderline", _("Borderline")
    CONCERN = "concern", _("Concern")


class ScoredItem(Protocol):
    @property
    def construct(self) -> str: ...

    @property
    def reverse(self) -> bool: ...


def scored(value: int, *, reverse: bool) -> int:
    return 6 - value if reverse else value


def respondent_scores(
    answers: Mapping[int, int], items: Mapping[int, ScoredItem]
) -> dict[str, float]:
    """One respondent's score per construct they answered at least one statement of.
    ``answers`` maps item id to the answer (1–5); answers to unknown items are ignored."""
    per_construct: dict[str, list[int]] = {}
    for item_id, value in answers.items():
        item = items.get(item_id)
        if item is None:
            continue
        per_construct.setdefault(item.construct, []).append(scored(value, reverse=item.reverse))
    return {c: sum(values) / len(values) for c, values in per_construct.items()}


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def _interval(result: Any) -> Interval | None:
    low, high = (float(v) for v in result.confidence_interval)
    if not (math.isfinite(low) and math.isfinite(high)):
        return None
    return Interval(low, high)


def bca_interval(
    values: Sequence[float],
    *,
    confidence: float = CONFIDENCE,
    n_resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Interval | None:
    """The BCa bootstrap interval of the mean, or None with n < 2 or degenerate data.

    The values are sorted first: with a fixed seed the resamples depend on the order of the
    data, and the order of anonymous answers is random; sorted, the interval depends on the
    scores alone."""
    data = np.sort(np.asarray(values, dtype=float))
    if data.size < 2 or float(np.ptp(data)) == 0.0:
        return None
    with warnings.catch_warnings():
        # Degenerate resamples make scipy warn and return NaN; NaN is handled below.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.bootstrap(
            (data,),
            np.mean,
            confidence_level=confidence,
            n_resamples=n_resamples,
            batch=BOOTSTRAP_BATCH,
            method="BCa",
            rng=np.random.default_rng(seed),
        )
    return _interval(result)


def _difference_of_means(x: Any, y: Any, axis: int = -1) -> Any:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def bca_difference(
    later: Sequence[float],
    earlier: Sequence[float],
    *,
    confidence: float = CONFIDENCE,
    n_resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Interval | None:
    """The BCa interval of mean(later) − mean(earlier), resampling each round on its own
    (the rounds are treated as independent samples; anonymous answers cannot be paired)."""
    a, b = np.sort(np.asarray(later, dtype=float)), np.sort(np.asarray(earlier, dtype=float))
    if a.size < 2 or b.size < 2 or (float(np.ptp(a)) == 0.0 and float(np.ptp(b)) == 0.0):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.bootstrap(
            (a, b),
            _difference_of_means,
            vectorized=True,
            confidence_level=confidence,
            n_resamples=n_resamples,
            batch=BOOTSTRAP_BATCH,
            method="BCa",
            rng=np.random.default_rng(seed),
        )
    return _interval(result)


def band(score: float) -> Band:
    """Strength from 4.0, borderline from 3.0, concern below. The score is rounded to nine
    decimals first, so a mean that is 4 up to floating-point noise counts as 4."""
    value = round(score, 9)
    if value >= STRENGTH_FROM:
        return Band.STRENGTH
    if value >= CONCERN_BELOW:
        return Band.BORDERLINE
    return Band.CONCERN


def band_certain(interval: Interval | None) -> bool:
    """Whether the whole interval lies in one band: the band is then not in doubt."""
    return interval is not None and band(interval.low) == band(interval.high)


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    count: int


def histogram(values: Iterable[float]) -> list[Bin]:
    counts, edges = np.histogram(np.asarray(list(values), dtype=float), bins=HISTOGRAM_EDGES)
    return [Bin(float(edges[i]), float(edges[i + 1]), int(counts[i])) for i in range(len(counts))]


CONSTRUCTS: tuple[Construct, ...] = tuple(Construct)
