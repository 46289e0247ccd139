"""An indicator drawn against its baseline and target, as SVG by matplotlib.

The page shows the chart as an image with a text alternative and a table of the same numbers
beside it. matplotlib's object-oriented API is used (a ``Figure`` of its own per call, never
pyplot's global state), so charts can be drawn in parallel requests.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from helhet.agreements.models import Indicator, Measurement

BLUE, GREEN, GREY = "#0062ba", "#1e7b35", "#6b6b6b"


def indicator_svg(
    indicator: Indicator,
    measurements: Sequence[Measurement],
    *,
    target_label: str,
    baseline_label: str,
    measured_label: str,
) -> bytes:
    """The measurements as a line, the target and the baseline as level lines; SVG bytes.

    The same input gives the same bytes (fixed hash salt, no metadata date), so the image
    can be cached and compared."""
    with matplotlib.rc_context(
        {"svg.hashsalt": f"indicator-{indicator.pk}", "svg.fonttype": "none", "font.size": 9}
    ):
        figure = Figure(figsize=(6.0, 3.0), layout="constrained")
        ax = figure.subplots()
        days = [m.measured_on for m in measurements]
        values = [float(m.value) for m in measurements]
        if days:
            # matplotlib's stubs know numbers only; its date converter takes dates at run time.
            ax.plot(days, values, color=BLUE, marker="o", linewidth=2, label=measured_label)  # type: ignore[arg-type]
        ax.axhline(
            float(indicator.target), color=GREEN, linestyle="--", linewidth=2, label=target_label
        )
        ax.axhline(
            float(indicator.baseline), color=GREY, linestyle=":", linewidth=1, label=baseline_label
        )
        ax.axvline(indicator.target_date, color=GREEN, linestyle=":", linewidth=1)  # type: ignore[arg-type]
        locator = AutoDateLocator()  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        if indicator.unit:
            ax.set_ylabel(indicator.unit)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="best", frameon=False)
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
        return out.getvalue()
