"""The network measures of a rating round, on plain data (no database), so each formula can be
checked by hand. The formulas and their normalisation are written out in docs/relations.md.

* density: arcs / (n (n − 1)) of the directed graph (networkx ``density``);
* reciprocity: the share of arcs whose reverse arc is there too (networkx ``reciprocity``),
  undefined (None) without arcs;
* Freeman degree centralization: Σ (d_max − d_i) over the largest sum possible for n nodes,
  (n − 1)² for in- or out-degree in a directed graph, (n − 1)(n − 2) for the undirected graph
  in which i and j are tied if either names the other; undefined below 2 (3) nodes;
* trust and value: the mean of a rating's answered items of that dimension; an
  organisation's score is the mean over the ratings it received, the network's the mean over
  all ratings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from helhet.relations.models import ITEMS, TRUST_ITEMS, VALUE_ITEMS


@dataclass(frozen=True)
class RatingRow:
    rater: int
    rated: int
    frequency: int
    items: Mapping[str, int | None] = field(default_factory=dict)


def mean(values: Iterable[float | int | None]) -> float | None:
    """The mean of the values given, leaving out the blanks; None when nothing is left."""
    present = [float(v) for v in values if v is not None]
    return sum(present) / len(present) if present else None


def digraph(nodes: Iterable[int], arcs: Iterable[tuple[int, int]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((a, b) for a, b in arcs if a != b)
    return graph


def arcs_at_least(rows: Iterable[RatingRow], threshold: int) -> list[tuple[int, int]]:
    return [(r.rater, r.rated) for r in rows if r.frequency >= threshold]


def density(graph: nx.DiGraph) -> float:
    return float(nx.density(graph)) if graph.number_of_nodes() > 1 else 0.0


def reciprocity(graph: nx.DiGraph) -> float | None:
    if graph.number_of_edges() == 0:
        return None  # networkx refuses: with no arcs there is nothing to reciprocate
    return float(nx.reciprocity(graph))


Kind = Literal["in", "out", "undirected"]


def degree_centralization(graph: nx.DiGraph, kind: Kind) -> float | None:
    """Freeman's degree centralization, 0 (all equal) to 1 (a star)."""
    n = graph.number_of_nodes()
    if kind == "undirected":
        if n < 3:
            return None
        degrees = [d for _node, d in nx.Graph(graph).degree()]
        most = (n - 1) * (n - 2)
    else:
        if n < 2:
            return None
        view = graph.in_degree() if kind == "in" else graph.out_degree()
        degrees = [d for _node, d in view]
        most = (n - 1) ** 2
    top = max(degrees)
    return sum(top - d for d in degrees) / most


@dataclass(frozen=True)
class GraphMetrics:
    threshold: int
    nodes: int
    arcs: int
    density: float
    reciprocity: float | None
    centralization_in: float | None
    centralization_out: float | None
    centralization_undirected: float | None


def graph_metrics(graph: nx.DiGraph, threshold: int) -> GraphMetrics:
    return GraphMetrics(
        threshold=threshold,
        nodes=graph.number_of_nodes(),
        arcs=graph.number_of_edges(),
        density=density(graph),
        reciprocity=reciprocity(graph),
        centralization_in=degree_centralization(graph, "in"),
        centralization_out=degree_centralization(graph, "out"),
        centralization_undirected=degree_centralization(graph, "undirected"),
    )


def dimension_score(items: Mapping[str, int | None], names: Sequence[str]) -> float | None:
    """One rating's score on one dimension: the mean of its answered items."""
    return mean(items.get(name) for name in names)


def overall(trust: float | None, value: float | None) -> float | None:
    """Trust and value weigh the same, whatever the number of items answered in each."""
    return mean((trust, value))


@dataclass(frozen=True)
class Scores:
    trust: float | None
    value: float | None
    overall: float | None
    ratings: int
    items: dict[str, float | None] = field(default_factory=dict)


def _scores(rows: Sequence[RatingRow]) -> Scores:
    trust = mean(dimension_score(r.items, TRUST_ITEMS) for r in rows)
    value = mean(dimension_score(r.items, VALUE_ITEMS) for r in rows)
    return Scores(
        trust=trust,
        value=value,
        overall=overall(trust, value),
        ratings=len(rows),
        items={name: mean(r.items.get(name) for r in rows) for name in ITEMS},
    )


def scores_received(rows: Iterable[RatingRow], nodes: Iterable[int]) -> dict[int, Scores]:
    """Per organisation, the scores of the ratings it received (every node gets an entry)."""
    received: dict[int, list[RatingRow]] = defaultdict(list)
    for row in rows:
        received[row.rated].append(row)
    return {node: _scores(received.get(node, [])) for node in nodes}


def network_scores(rows: Iterable[RatingRow]) -> Scores:
    """The network's scores: every rating (rater → rated pair) weighs the same."""
    return _scores(list(rows))
