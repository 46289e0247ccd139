"""The measures of a round computed from stored ratings, checked by hand; bounded queries."""

from __future__ import annotations

import pytest

from helhet.observatory.errors import NotObservatoryUser
from helhet.relations import selectors, services
from helhet.relations.errors import RoundInvalid
from tests.relations.conftest import spec


@pytest.fixture
def answered(team, orgs, rating_round):
    """NAV municipal and child welfare answer; NAV state and health do not.

    navk → cws weekly, navk → nav monthly, navk → health yearly;
    cws → navk monthly, cws → nav never, cws → health quarterly.
    """
    services.ratings_submit(
        actor=team.lead,
        round_id=rating_round.pk,
        ratings=[
            spec(orgs["cws"], 4, (3, 3, 1), (4, 4, 4)),
            spec(orgs["nav"], 3, (2, 2, 2), (4, 4, 4)),
            spec(orgs["health"], 1, (4, 4, 4), (2, 2, 2)),
        ],
    )
    services.ratings_submit(
        actor=team.cws,
        round_id=rating_round.pk,
        ratings=[
            spec(orgs["navk"], 3, (3, 3, 3), (3, 3, 3)),
            spec(orgs["nav"], 0, (None, None, None), (4, None, None)),
            spec(orgs["health"], 2, (4, 4, 4), (2, 2, 2)),
        ],
    )
    return rating_round


def test_round_metrics_by_hand(team, orgs, answered):
    m = selectors.round_metrics(actor=team.researcher, round_id=answered.pk)
    w = m.works_together
    # Quarterly or more: navk→cws, navk→nav, cws→navk, cws→health: 4 of 12 arcs.
    assert (w.nodes, w.arcs) == (4, 4)
    assert w.density == pytest.approx(4 / 12)
    assert w.reciprocity == pytest.approx(2 / 4)  # navk⇄cws
    # In-degrees navk 1, cws 1, nav 1, health 1 → 0; out-degrees 2, 2, 0, 0 → Σ(2 − d) = 4 / 9.
    assert w.centralization_in == pytest.approx(0.0)
    assert w.centralization_out == pytest.approx(4 / 9)
    # Undirected: navk–cws, navk–nav, cws–health: degrees 2, 2, 1, 1 → Σ = 2 over 3 × 2.
    assert w.centralization_undirected == pytest.approx(2 / 6)
    # Any contact adds navk→health (yearly): 5 arcs.
    assert m.any_contact.arcs == 5 and m.any_contact.density == pytest.approx(5 / 12)
    rows = {o.organisation.pk: o for o in m.organisations}
    cws = rows[orgs["cws"].pk]
    assert cws.responded and cws.scores.ratings == 1
    assert cws.scores.trust == pytest.approx(7 / 3) and cws.scores.value == pytest.approx(4.0)
    assert cws.scores.items["open_to_discussion"] == pytest.approx(1.0)
    nav = rows[orgs["nav"].pk]
    assert not nav.responded
    # Rated by navk (trust 2, value 4) and by cws (trust unknown, value 4).
    assert nav.scores.trust == pytest.approx(2.0) and nav.scores.value == pytest.approx(4.0)
    assert (nav.in_degree, nav.out_degree) == (1, 0)
    health = rows[orgs["health"].pk]
    assert health.scores.trust == pytest.approx(4.0) and health.scores.value == pytest.approx(2.0)
    # Network: mean over the six ratings; trust over the five with trust answers.
    assert m.network.ratings == 6
    assert m.network.trust == pytest.approx((7 / 3 + 2 + 4 + 3 + 4) / 5)
    assert m.network.value == pytest.approx((4 + 4 + 2 + 3 + 4 + 2) / 6)
    assert {(a.rater.pk, a.rated.pk) for a in m.arcs} == {
        (orgs["navk"].pk, orgs["cws"].pk),
        (orgs["navk"].pk, orgs["nav"].pk),
        (orgs["cws"].pk, orgs["navk"].pk),
        (orgs["cws"].pk, orgs["health"].pk),
    }
    names = [(a.rater.name, a.rated.name) for a in m.arcs]
    assert names == sorted(names)


def test_threshold_changes_the_graph(team, answered):
    weekly = selectors.round_metrics(actor=team.researcher, round_id=answered.pk, threshold=4)
    assert weekly.works_together.arcs == 1 and weekly.works_together.reciprocity == 0.0
    with pytest.raises(RoundInvalid):
        selectors.round_metrics(actor=team.researcher, round_id=answered.pk, threshold=0)
    with pytest.raises(RoundInvalid):
        selectors.round_metrics(actor=team.researcher, round_id=answered.pk, threshold=9)


def test_only_observatory_users_see_the_analyses(team, answered):
    with pytest.raises(NotObservatoryUser):
        selectors.round_metrics(actor=team.caseworker, round_id=answered.pk)
    # A manager of a member reads them (managers use the observatory).
    assert selectors.round_metrics(actor=team.cws, round_id=answered.pk).network.ratings == 6


def test_metrics_use_a_fixed_number_of_queries(team, answered, django_assert_num_queries):
    # The round, who answered, the organisations, whether the reader rates, the ratings.
    with django_assert_num_queries(5):
        selectors.round_metrics(actor=team.researcher, round_id=answered.pk)
