"""Geometry for an indicator chart drawn as inline SVG by the template.

matplotlib is not installed (DESIGN.md names it for charts), so the line against its target is
computed here and drawn by ``agreements/_chart.html``, always with a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from helhet.agreements.models import Indicator, Measurement

WIDTH, HEIGHT, PAD = 480, 240, 48


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    on: date
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: list[ChartPoint] = field(default_factory=list)
    polyline: str = ""
    target_y: float = 0.0
    target_x: float = 0.0
    baseline_y: float = 0.0
    y_min: Decimal = Decimal(0)
    y_max: Decimal = Decimal(0)
    start: date | None = None
    end: date | None = None
    left: int = PAD
    right: int = WIDTH - PAD
    top: int = PAD // 2
    bottom: int = HEIGHT - PAD


def indicator_chart(indicator: Indicator, measurements: Sequence[Measurement]) -> Chart:
    values = [m.value for m in measurements] + [indicator.baseline, indicator.target]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    dates = [m.measured_on for m in measurements] + [indicator.target_date]
    start, end = min(dates), max(dates)
    span_days = max((end - start).days, 1)
    left, right, top, bottom = PAD, WIDTH - PAD, PAD // 2, HEIGHT - PAD

    def x_of(day: date) -> float:
        return round(left + (right - left) * (day - start).days / span_days, 1)

    def y_of(value: Decimal) -> float:
        return round(bottom - (bottom - top) * float((value - low) / (high - low)), 1)

    points = [
        ChartPoint(x_of(m.measured_on), y_of(m.value), m.measured_on, m.value) for m in measurements
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        target_y=y_of(indicator.target),
        target_x=x_of(indicator.target_date),
        baseline_y=y_of(indicator.baseline),
        y_min=low,
        y_max=high,
        start=start,
        end=end,
    )
