"""The network map of a rating round as SVG: organisations placed by networkx's spring layout
(fixed seed, so the map is the same every time), sized by degree in the works-together graph,
coloured by the trust score they received, with an arrow for each works-together arc.

Drawn with matplotlib's object-oriented API on the Agg canvas (pyplot keeps global state and
is not thread-safe). The page shows the same arcs and scores in a table beside the image.
"""

from __future__ import annotations

import io
import textwrap
from xml.sax.saxutils import escape

import networkx as nx
from django.utils.translation import gettext as _

from helhet.relations.models import SCALE_MAX, SCALE_MIN
from helhet.relations.selectors import RoundMetrics

LAYOUT_SEED = 20260101
NO_SCORE = "#b0b7c3"


def _label(name: str) -> str:
    """The name on at most two lines, shortened if it is longer still."""
    lines = textwrap.wrap(name, width=20, max_lines=2, placeholder="…")
    return "\n".join(lines)


def _accessible(svg: str, title: str, description: str) -> str:
    """Give the SVG a <title> and <desc> (matplotlib writes neither)."""
    opening = svg.index("<svg")
    close = svg.index(">", opening) + 1
    extra = f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
    return svg[:close] + extra + svg[close:]


def network_map_svg(m: RoundMetrics) -> str:
    # Imported here: matplotlib is slow to import and only this image needs it.
    from matplotlib import colormaps
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.figure import Figure

    orgs = m.organisations
    graph = nx.DiGraph()
    graph.add_nodes_from(o.organisation.pk for o in orgs)
    graph.add_edges_from((a.rater.pk, a.rated.pk) for a in m.arcs)
    positions = nx.spring_layout(graph, seed=LAYOUT_SEED) if len(graph) else {}

    figure = Figure(figsize=(7.5, 5.5))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.set_axis_off()
    cmap = colormaps["RdYlGn"]
    norm = Normalize(vmin=SCALE_MIN, vmax=SCALE_MAX)
    sizes = {o.organisation.pk: 300 + 250 * o.degree for o in orgs}
    for a in m.arcs:
        (x1, y1), (x2, y2) = positions[a.rater.pk], positions[a.rated.pk]
        ax.annotate(
            "",
            xy=(x2, y2),
            xytext=(x1, y1),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#4a5563",
                "lw": 1.2,
                "shrinkA": (sizes[a.rater.pk] ** 0.5) / 2 + 2,
                "shrinkB": (sizes[a.rated.pk] ** 0.5) / 2 + 2,
                # Curved, so an arc and its reverse are both visible.
                "connectionstyle": "arc3,rad=0.12",
            },
        )
    if orgs:
        xs = [positions[o.organisation.pk][0] for o in orgs]
        ys = [positions[o.organisation.pk][1] for o in orgs]
        colours = [
            cmap(norm(o.scores.trust)) if o.scores.trust is not None else NO_SCORE for o in orgs
        ]
        ax.scatter(
            xs,
            ys,
            s=[sizes[o.organisation.pk] for o in orgs],
            c=colours,
            edgecolors="#1e2b3c",
            linewidths=1,
            zorder=3,
        )
        for o, x, y in zip(orgs, xs, ys, strict=True):
            ax.annotate(
                _label(o.organisation.name),
                (x, y),
                xytext=(0, -((sizes[o.organisation.pk] ** 0.5) / 2 + 4)),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=8,
                zorder=4,
            )
        ax.margins(0.18)
    figure.colorbar(
        ScalarMappable(norm=norm, cmap=cmap),
        ax=ax,
        shrink=0.6,
        label=_("Trust score received (1–4)"),
    )
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    title = _("Network map: %(round)s") % {"round": m.view.round.title}
    description = _(
        "%(orgs)d organisations and %(arcs)d arcs: an arrow from A to B means A says it works "
        "with B %(threshold)s or more often. Larger circles have more arcs; colour shows the "
        "trust score received, red low to green high, grey no score."
    ) % {"orgs": len(orgs), "arcs": len(m.arcs), "threshold": m.threshold_label.lower()}
    return _accessible(buffer.getvalue(), title, description)
