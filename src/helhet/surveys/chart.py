"""Charts of construct scores with their intervals, drawn by matplotlib as SVG.

Only the object-oriented API (``matplotlib.figure.Figure``): pyplot keeps global state and is
not thread-safe. Every chart is served as ``<img>`` by its own view with a data table beside
it on the page.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from helhet.observatory.constructs import Construct
from helhet.surveys.results import RoundResults
from helhet.surveys.scoring import CONCERN_BELOW, STRENGTH_FROM

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "<", ">", "p")


@dataclass(frozen=True)
class Point:
    construct: str
    mean: float
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Series:
    label: str
    points: list[Point]


def series_of(results: RoundResults, label: str) -> Series:
    return Series(
        label=label,
        points=[
            Point(
                construct=c.construct,
                mean=c.mean,
                low=c.interval.low if c.interval else None,
                high=c.interval.high if c.interval else None,
            )
            for c in results.constructs
            if c.mean is not None
        ],
    )


def construct_chart_svg(series: Sequence[Series], *, title: str, description: str) -> bytes:
    """Scores per construct (x) for each series side by side, with the 95 % intervals as
    error bars and the band thresholds as dashed lines."""
    constructs = list(Construct)
    figure = Figure(figsize=(8.5, 4.8), layout="constrained")
    axes = figure.add_subplot()
    shown = [s for s in series if s.points]
    width = 0.8 / max(len(shown), 1)
    for index, s in enumerate(shown):
        offset = -0.4 + width * (index + 0.5)
        xs, ys, below, above = [], [], [], []
        for p in s.points:
            xs.append(constructs.index(Construct(p.construct)) + offset)
            ys.append(p.mean)
            below.append(p.mean - p.low if p.low is not None else 0.0)
            above.append(p.high - p.mean if p.high is not None else 0.0)
        axes.errorbar(
            xs,
            ys,
            yerr=[below, above],
            fmt=MARKERS[index % len(MARKERS)],
            capsize=3,
            label=s.label,
        )
    for threshold in (CONCERN_BELOW, STRENGTH_FROM):
        axes.axhline(threshold, linestyle="--", linewidth=0.8, color="0.45")
    axes.text(
        len(constructs) - 0.5,
        STRENGTH_FROM + 0.05,
        _("strength"),
        ha="right",
        va="bottom",
        fontsize=8,
        color="0.3",
    )
    axes.text(
        len(constructs) - 0.5,
        CONCERN_BELOW - 0.05,
        _("concern"),
        ha="right",
        va="top",
        fontsize=8,
        color="0.3",
    )
    axes.set_xlim(-0.5, len(constructs) - 0.5)
    axes.set_ylim(1, 5)
    axes.set_xticks(
        range(len(constructs)),
        labels=[textwrap.fill(str(c.label), 16) for c in constructs],
        fontsize=9,
    )
    axes.set_ylabel(_("Mean score (1–5) with 95 % interval"))
    axes.set_title(title, fontsize=11)
    axes.grid(axis="y", linewidth=0.3)
    if shown:
        figure.legend(loc="outside lower center", ncols=min(len(shown), 3), fontsize=8)
    else:
        axes.text(2, 3, _("No results to show."), ha="center", va="center")
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="svg",
        metadata={"Title": title, "Description": description, "Date": None},
    )
    return buffer.getvalue()
