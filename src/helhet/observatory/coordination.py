"""Who coordinates volunteer activities: the shares of seed 004 with BCa bootstrap intervals.

For each of the six survey activities, the share of answers naming each coordinator
(municipality, voluntary organisation, both jointly, other), among the answers that say who
coordinated ("unsure" and "varies" are left out). Then, as in the paper: municipality minus
voluntary per activity; and statutory activities (day centre, food delivery) against the
non-statutory ones, mean share against mean share, also without social activities (whose
classification the paper questions). 36 statistics in a fixed order:

    share:<activity>:<coordinator>   24
    diff:<activity>                   6
    stat_vs_non:<c>                   3   c ∈ municipality, voluntary, joint
    stat_vs_non_wo_social:<c>         3

Each gets a BCa interval from resampling units with replacement (a unit's answers stay
together). All replicates of all statistics are computed as one array: the resampled
answer counts are the replicate weights (B × units) times the units' answer matrix.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_noop as N_
from numpy.typing import NDArray

from helhet.observatory.bca import bca_intervals
from helhet.observatory.errors import AnalysisSettingsInvalid
from helhet.observatory.survey_file import (
    ACTIVITIES,
    COORDINATORS,
    NON_STATUTORY,
    STATUTORY,
    Survey,
)

DEFAULT_REPLICATIONS = 10_000
# BCa reads the tails of the bootstrap distribution; with fewer than 1,000 replicates the
# 2.5 % endpoints rest on a couple of dozen values (Efron & Tibshirani 1993, §14.3).
MIN_REPLICATIONS = 1_000
MAX_REPLICATIONS = 100_000
DEFAULT_CONFIDENCE = 0.95
MAX_SEED = 2**63 - 1
CONTRASTED = ("municipality", "voluntary", "joint")
# Units × replications drawn: 244 units × 10,000 take ~50 ms; this bound is a few seconds.
MAX_RESAMPLED = 200_000_000
# Replicates are drawn in blocks so that the index array stays below ~32 MB whatever the size.
BLOCK_CELLS = 4_000_000

_A, _C = len(ACTIVITIES), len(COORDINATORS)
_STAT = [ACTIVITIES.index(a) for a in STATUTORY]
_NON = [ACTIVITIES.index(a) for a in NON_STATUTORY]
_NON_WO_SOCIAL = [ACTIVITIES.index(a) for a in NON_STATUTORY if a != "social"]
_CONTRASTED = [COORDINATORS.index(c) for c in CONTRASTED]
_MUNICIPALITY, _VOLUNTARY = COORDINATORS.index("municipality"), COORDINATORS.index("voluntary")

STATISTIC_NAMES: tuple[str, ...] = (
    *(f"share:{a}:{c}" for a in ACTIVITIES for c in COORDINATORS),
    *(f"diff:{a}" for a in ACTIVITIES),
    *(f"stat_vs_non:{c}" for c in CONTRASTED),
    *(f"stat_vs_non_wo_social:{c}" for c in CONTRASTED),
)


def statistics_of(counts: NDArray[np.float64]) -> NDArray[np.float64]:
    """The 36 statistics from answer totals ``(..., 24)``; NaN where an activity has none."""
    by_activity = counts.reshape(*counts.shape[:-1], _A, _C)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = by_activity / by_activity.sum(axis=-1, keepdims=True)
    diff = shares[..., _MUNICIPALITY] - shares[..., _VOLUNTARY]
    contrasted = shares[..., _CONTRASTED]
    stat = contrasted[..., _STAT, :].mean(axis=-2)
    return np.concatenate(
        [
            shares.reshape(*counts.shape[:-1], _A * _C),
            diff,
            stat - contrasted[..., _NON, :].mean(axis=-2),
            stat - contrasted[..., _NON_WO_SOCIAL, :].mean(axis=-2),
        ],
        axis=-1,
    )


@dataclass(frozen=True)
class Statistic:
    name: str
    estimate: float | None
    ci: tuple[float, float] | None

    @property
    def kind(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def is_contrast(self) -> bool:
        return self.kind != "share"

    @property
    def significant(self) -> bool | None:
        """For a difference: whether 0 lies outside its interval (None for shares)."""
        if not self.is_contrast or self.ci is None:
            return None
        return self.ci[0] > 0 or self.ci[1] < 0


@dataclass(frozen=True)
class CoordinationResult:
    replications: int
    confidence: float
    seed: int | None
    units: int
    answers: int
    left_out: int
    statistics: list[Statistic] = field(default_factory=list)
    answers_per_activity: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    method: str = "BCa"

    def as_json(self) -> dict[str, object]:
        """The documented output of the CLI's ``--json`` and the API, and nothing more."""
        return {
            "method": self.method,
            "replications": self.replications,
            "confidence": self.confidence,
            "seed": self.seed,
            "units": self.units,
            "statistics": [
                {"name": s.name, "estimate": s.estimate, "ci": list(s.ci) if s.ci else None}
                for s in self.statistics
            ],
        }

    def as_stored(self) -> dict[str, object]:
        """Everything needed to show the result again (kept in the session)."""
        return self.as_json() | {
            "answers": self.answers,
            "left_out": self.left_out,
            "answers_per_activity": self.answers_per_activity,
            "seconds": self.seconds,
        }

    @classmethod
    def from_stored(cls, data: dict[str, object]) -> CoordinationResult:
        stats: list[dict[str, object]] = data["statistics"]  # type: ignore[assignment]
        per_activity: dict[str, int] = data.get("answers_per_activity") or {}  # type: ignore[assignment]
        return cls(
            replications=int(data["replications"]),  # type: ignore[call-overload]
            confidence=float(data["confidence"]),  # type: ignore[arg-type]
            seed=data["seed"],  # type: ignore[arg-type]
            units=int(data["units"]),  # type: ignore[call-overload]
            answers=int(data["answers"]),  # type: ignore[call-overload]
            left_out=int(data["left_out"]),  # type: ignore[call-overload]
            answers_per_activity=dict(per_activity),
            seconds=float(data.get("seconds") or 0.0),  # type: ignore[arg-type]
            statistics=[
                Statistic(
                    name=str(s["name"]),
                    estimate=None if s["estimate"] is None else float(s["estimate"]),  # type: ignore[arg-type]
                    ci=None if s["ci"] is None else (float(s["ci"][0]), float(s["ci"][1])),  # type: ignore[index]
                )
                for s in stats
            ],
        )

    def statistic(self, name: str) -> Statistic:
        return next(s for s in self.statistics if s.name == name)


def check_settings(*, replications: int, confidence: float, seed: int | None) -> None:
    if not MIN_REPLICATIONS <= replications <= MAX_REPLICATIONS:
        raise AnalysisSettingsInvalid(
            N_("The number of replications must be between 1,000 and 100,000."),
            details={"replications": replications},
        )
    if not 0 < confidence < 1:
        raise AnalysisSettingsInvalid(
            N_("The confidence level must lie strictly between 0 and 1, such as 0.95."),
            details={"confidence": confidence},
        )
    if seed is not None and not 0 <= seed <= MAX_SEED:
        raise AnalysisSettingsInvalid(
            N_("The seed must be a whole number from 0 to 2⁶³ − 1."), details={"seed": seed}
        )


def bootstrap_totals(
    counts: NDArray[np.float64],
    replications: int,
    rng: np.random.Generator,
    progress: Callable[[int], object] | None = None,
) -> NDArray[np.float64]:
    """Answer totals ``(B, 24)`` of ``B`` resamples of the units (rows of ``counts``)."""
    units = counts.shape[0]
    block = max(1, BLOCK_CELLS // units)
    totals = np.empty((replications, counts.shape[1]))
    offsets = None
    for start in range(0, replications, block):
        size = min(block, replications - start)
        # n draws with replacement from n units: each row of ``weights`` is one multinomial
        # draw, the number of times each unit is in the resample.
        drawn = rng.integers(0, units, size=(size, units))
        if offsets is None or offsets.shape[0] != size:
            offsets = (np.arange(size) * units)[:, None]
        weights = np.bincount((drawn + offsets).ravel(), minlength=size * units)
        totals[start : start + size] = weights.reshape(size, units) @ counts
        if progress is not None:
            progress(start + size)
    return totals


def analyse(
    survey: Survey,
    *,
    replications: int = DEFAULT_REPLICATIONS,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> CoordinationResult:
    """The 36 statistics with BCa intervals; ``progress`` hears replicates done so far."""
    check_settings(replications=replications, confidence=confidence, seed=seed)
    if survey.units * replications > MAX_RESAMPLED:
        raise AnalysisSettingsInvalid(
            N_("The survey has too many units for this many replications; use fewer."),
            details={
                "units": survey.units,
                "replications": replications,
                "max_units_times_replications": MAX_RESAMPLED,
            },
        )
    started = time.perf_counter()
    counts = survey.counts
    total = counts.sum(axis=0)
    estimate = statistics_of(total)
    replicates = statistics_of(
        bootstrap_totals(counts, replications, np.random.default_rng(seed), progress)
    )
    jackknife = statistics_of(total - counts)
    intervals = bca_intervals(estimate, replicates, jackknife, confidence)
    statistics = [
        Statistic(
            name=name,
            estimate=float(value) if np.isfinite(value) else None,
            ci=(float(lo), float(hi)) if np.isfinite(lo) and np.isfinite(hi) else None,
        )
        for name, value, (lo, hi) in zip(STATISTIC_NAMES, estimate, intervals, strict=True)
    ]
    return CoordinationResult(
        replications=replications,
        confidence=confidence,
        seed=seed,
        units=survey.units,
        answers=survey.answers,
        left_out=survey.left_out,
        statistics=statistics,
        answers_per_activity=survey.answers_per_activity(),
        seconds=time.perf_counter() - started,
    )
