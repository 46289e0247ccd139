"""Network measures on small graphs whose answers are worked out by hand."""

from __future__ import annotations

import pytest

from helhet.relations.metrics import (
    RatingRow,
    degree_centralization,
    density,
    digraph,
    graph_metrics,
    mean,
    network_scores,
    reciprocity,
    scores_received,
)


def test_complete_digraph_of_three():
    # Every one of the 3 × 2 = 6 possible arcs is there, each one reciprocated; every node has
    # in- and out-degree 2, so no node stands out.
    g = digraph([1, 2, 3], [(a, b) for a in (1, 2, 3) for b in (1, 2, 3) if a != b])
    m = graph_metrics(g, threshold=2)
    assert (m.nodes, m.arcs) == (3, 6)
    assert m.density == 1.0
    assert m.reciprocity == 1.0
    assert m.centralization_in == 0.0
    assert m.centralization_out == 0.0
    assert m.centralization_undirected == 0.0


def test_out_star_of_four():
    # The centre names the three others and nobody names anyone: density 3 / 12.
    g = digraph([0, 1, 2, 3], [(0, 1), (0, 2), (0, 3)])
    assert density(g) == pytest.approx(0.25)
    assert reciprocity(g) == 0.0
    # Out-degrees 3, 0, 0, 0: Σ(3 − d) = 9 over (n − 1)² = 9.
    assert degree_centralization(g, "out") == pytest.approx(1.0)
    # In-degrees 0, 1, 1, 1: Σ(1 − d) = 1 over 9.
    assert degree_centralization(g, "in") == pytest.approx(1 / 9)
    # Undirected star: degrees 3, 1, 1, 1, Σ(3 − d) = 6 over (n − 1)(n − 2) = 6.
    assert degree_centralization(g, "undirected") == pytest.approx(1.0)


def test_in_star_of_five_reaches_one_on_in_degree():
    g = digraph(range(5), [(leaf, 0) for leaf in range(1, 5)])
    # In-degrees 4, 0, 0, 0, 0: Σ = 16 = (5 − 1)².
    assert degree_centralization(g, "in") == pytest.approx(1.0)
    assert degree_centralization(g, "undirected") == pytest.approx(1.0)


def test_single_one_way_arc():
    g = digraph([1, 2], [(1, 2)])
    m = graph_metrics(g, threshold=2)
    assert m.density == 0.5  # 1 of 2 possible arcs
    assert m.reciprocity == 0.0
    # In-degrees 0, 1: (1 − 0) / 1² = 1; out-degrees 1, 0: 1.
    assert m.centralization_in == 1.0
    assert m.centralization_out == 1.0
    # Undirected centralization needs three nodes: (n − 1)(n − 2) = 0.
    assert m.centralization_undirected is None


def test_empty_graph():
    g = digraph([1, 2, 3], [])
    m = graph_metrics(g, threshold=2)
    assert m.density == 0.0
    assert m.reciprocity is None  # nothing to reciprocate
    assert (m.centralization_in, m.centralization_out, m.centralization_undirected) == (0, 0, 0)
    nothing = graph_metrics(digraph([], []), threshold=2)
    assert nothing.density == 0.0 and nothing.centralization_in is None
    assert graph_metrics(digraph([1], []), threshold=2).centralization_out is None


def test_reciprocity_counts_arcs_not_pairs():
    # 1 ⇄ 2 and 1 → 3: two of the three arcs have their reverse.
    g = digraph([1, 2, 3], [(1, 2), (2, 1), (1, 3)])
    assert reciprocity(g) == pytest.approx(2 / 3)
    assert density(g) == pytest.approx(3 / 6)


def _row(rater, rated, trust, value, frequency=2):
    items = dict(
        zip(("reliable", "supports_mission", "open_to_discussion"), trust, strict=True)
    ) | dict(zip(("influence", "involvement", "resources"), value, strict=True))
    return RatingRow(rater=rater, rated=rated, frequency=frequency, items=items)


def test_trust_and_value_scores_by_hand():
    rows = [
        # Organisation 1 is rated by 2 and 3.
        _row(2, 1, (4, 4, 1), (3, 3, 3)),  # trust 3, value 3
        _row(3, 1, (2, None, None), (None, None, None)),  # trust 2, value unknown
        # Organisation 2 is rated by 1 only.
        _row(1, 2, (1, 2, 3), (4, 4, 4)),  # trust 2, value 4
    ]
    scores = scores_received(rows, [1, 2, 3])
    one = scores[1]
    assert one.ratings == 2
    assert one.trust == pytest.approx(2.5)  # (3 + 2) / 2: each rating weighs the same
    assert one.value == pytest.approx(3.0)  # the rating without value answers is left out
    assert one.overall == pytest.approx(2.75)  # (2.5 + 3) / 2
    assert one.items["reliable"] == pytest.approx(3.0)  # (4 + 2) / 2
    assert one.items["open_to_discussion"] == pytest.approx(1.0)
    assert scores[2].trust == pytest.approx(2.0) and scores[2].value == pytest.approx(4.0)
    assert scores[3].ratings == 0 and scores[3].trust is None and scores[3].overall is None
    # The network: the mean over the three ratings, not over organisations.
    network = network_scores(rows)
    assert network.trust == pytest.approx((3 + 2 + 2) / 3)
    assert network.value == pytest.approx((3 + 4) / 2)
    assert network.overall == pytest.approx(((7 / 3) + 3.5) / 2)


def test_mean_leaves_blanks_out():
    assert mean([1, None, 3]) == 2.0
    assert mean([None, None]) is None
    assert mean([]) is None
