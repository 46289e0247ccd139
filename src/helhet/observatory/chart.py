"""The 24 shares with their intervals as an SVG chart (matplotlib, object-oriented API only:
pyplot keeps global state and is not safe in a threaded server)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from helhet.observatory.coordination import CoordinationResult
from helhet.observatory.labels import COORDINATOR_NAMES, activity_label
from helhet.observatory.survey_file import ACTIVITIES, COORDINATORS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe–Ito colours, told apart by people with colour vision deficiency; the markers differ
# too, so the chart reads in greyscale.
STYLE = {
    "municipality": ("#0072B2", "o"),
    "voluntary": ("#D55E00", "s"),
    "joint": ("#009E73", "D"),
    "other": ("#7F7F7F", "^"),
}


def coordination_chart_svg(result: CoordinationResult) -> bytes:
    """SVG bytes; the same result gives the same bytes (fixed hash salt, no date), as the
    other charts do (ADR 0021)."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(
        {"svg.hashsalt": "observatory-coordination", "svg.fonttype": "none", "font.size": 10}
    ):
        return _draw(Figure(figsize=(8, 6.2), layout="constrained"), result)


def _draw(figure: Figure, result: CoordinationResult) -> bytes:
    axes = figure.add_subplot()
    offsets = {c: (i - 1.5) * 0.18 for i, c in enumerate(COORDINATORS)}
    for coordinator in COORDINATORS:
        colour, marker = STYLE[coordinator]
        ys, xs, below, above = [], [], [], []
        for row, activity in enumerate(ACTIVITIES):
            stat = result.statistic(f"share:{activity}:{coordinator}")
            if stat.estimate is None:
                continue
            ys.append(row + offsets[coordinator])
            xs.append(stat.estimate)
            lo, hi = stat.ci if stat.ci else (stat.estimate, stat.estimate)
            below.append(max(stat.estimate - lo, 0.0))
            above.append(max(hi - stat.estimate, 0.0))
        axes.errorbar(
            xs,
            ys,
            xerr=[below, above],
            fmt=marker,
            color=colour,
            ecolor=colour,
            elinewidth=1.4,
            capsize=3,
            markersize=6,
            label=str(COORDINATOR_NAMES[coordinator]),
        )
    axes.set_yticks(range(len(ACTIVITIES)), [activity_label(a) for a in ACTIVITIES])
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    axes.grid(axis="x", color="#dddddd")
    axes.set_axisbelow(True)
    axes.set_xlabel(
        _("Share of answers, with %(percent)s BCa interval")
        % {"percent": f"{result.confidence * 100:g} %"}
    )
    axes.legend(loc="lower right", title=_("Coordinated by"), frameon=True)
    axes.set_title(_("Who coordinates volunteer activities"))
    out = io.BytesIO()
    # No date in the file, so the same result always gives the same bytes.
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
