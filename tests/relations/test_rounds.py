"""Opening, answering and closing rating rounds: who may, what is checked, what is kept."""

from __future__ import annotations

from datetime import date

import pytest

from helhet.audit.models import ChangeEvent
from helhet.networks import services as network_services
from helhet.networks.models import NetworkMember
from helhet.relations import services
from helhet.relations.errors import (
    NotRater,
    NotRoundRunner,
    RatingsInvalid,
    RoundClosed,
    RoundInvalid,
    RoundNotFound,
)
from helhet.relations.models import Rating, RatingResponse, RoundOrganisation
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from tests.relations.conftest import spec

OPEN = {"opens_on": date(2026, 1, 1), "closes_on": date(2026, 12, 31)}


def _all_others(actor, orgs, keys, frequency=3):
    return [spec(orgs[k], frequency, (3, 3, 3), (2, 2, 2)) for k in keys]


def test_researcher_opens_a_round_with_the_members_of_today(team, orgs, rating_round):
    ids = set(
        RoundOrganisation.objects.filter(round=rating_round).values_list(
            "organisation_id", flat=True
        )
    )
    assert ids == {orgs[k].pk for k in ("navk", "nav", "cws", "health")}
    assert ChangeEvent.objects.filter(
        action="relations.round.create", entity_id=str(rating_round.pk)
    ).exists()
    # A member joining later is not part of the round already open.
    network_services.member_add(
        actor=team.lead, network_id=team.network.pk, organisation_id=orgs["school"].pk
    )
    assert RoundOrganisation.objects.filter(round=rating_round).count() == 4


def test_who_may_open_a_round(team, make_actor, orgs):
    # The lead organisation's manager may: they may edit the network.
    services.round_create(actor=team.lead, network_id=team.network.pk, title="Vår", **OPEN)
    # A manager of an ordinary member may not, nor a caseworker (not an observatory user).
    with pytest.raises(NotRoundRunner):
        services.round_create(actor=team.cws, network_id=team.network.pk, title="X", **OPEN)
    with pytest.raises(Exception) as refused:
        services.round_create(actor=team.caseworker, network_id=team.network.pk, title="X", **OPEN)
    assert refused.value.status_code == 403
    # An administrator of any organisation of the municipality may.
    admin = make_actor("school", Role.ADMINISTRATOR)
    services.round_create(actor=admin, network_id=team.network.pk, title="Høst", **OPEN)


def test_round_input_is_checked(team, orgs, make_actor):
    with pytest.raises(RoundInvalid, match="title"):
        services.round_create(actor=team.researcher, network_id=team.network.pk, title="  ", **OPEN)
    with pytest.raises(RoundInvalid, match="close on or after"):
        services.round_create(
            actor=team.researcher,
            network_id=team.network.pk,
            title="Baklengs",
            opens_on=date(2026, 5, 1),
            closes_on=date(2026, 4, 1),
        )
    alone = network_services.network_create(
        actor=team.lead, name="Alene", kind="voluntary", type="team"
    )
    with pytest.raises(RoundInvalid, match="at least two"):
        services.round_create(actor=team.researcher, network_id=alone.pk, title="X", **OPEN)


def test_another_municipality_sees_nothing(team, rating_round, db):
    other = municipality_create(actor=None, number="9903", name="Annenvik")
    org = organisation_create(
        actor=None, municipality=other, name="NAV Annenvik", kind="nav_state", sector=Sector.PUBLIC
    )
    user = staff_create(
        actor=None, username="annen", password="x-long-password-1", first_name="A", last_name="B"
    )
    m = membership_create(actor=None, user=user, organisation=org, role=Role.RESEARCHER)
    stranger = Actor(
        user=user, membership=Membership.objects.select_related("organisation").get(pk=m.pk)
    )
    with pytest.raises(RoundNotFound):
        services.ratings_submit(actor=stranger, round_id=rating_round.pk, ratings=[])
    with pytest.raises(RoundNotFound):
        services.round_close(actor=stranger, round_id=rating_round.pk)
    with pytest.raises(Exception) as missing:
        services.round_create(actor=stranger, network_id=team.network.pk, title="X", **OPEN)
    assert missing.value.status_code == 404


def test_an_organisation_rates_every_other_member_once(team, orgs, rating_round):
    response = services.ratings_submit(
        actor=team.cws,
        round_id=rating_round.pk,
        ratings=_all_others(team.cws, orgs, ("navk", "nav", "health")),
    )
    assert response.organisation_id == orgs["cws"].pk
    assert Rating.objects.filter(response=response).count() == 3
    assert ChangeEvent.objects.filter(action="relations.ratings.submit").count() == 1
    # Sending again replaces the answer; the organisation still has one response.
    services.ratings_submit(
        actor=team.cws,
        round_id=rating_round.pk,
        ratings=[
            spec(orgs["navk"], 4, (4, 4, 4)),
            spec(orgs["nav"], 0),
            spec(orgs["health"], 1, (None, 2, None)),
        ],
    )
    assert RatingResponse.objects.filter(round=rating_round).count() == 1
    ratings = {r.rated_id: r for r in Rating.objects.filter(round=rating_round)}
    assert len(ratings) == 3
    assert ratings[orgs["nav"].pk].frequency == 0 and ratings[orgs["nav"].pk].reliable is None
    assert ratings[orgs["navk"].pk].reliable == 4
    assert ChangeEvent.objects.filter(action="relations.ratings.replace").count() == 1


@pytest.mark.parametrize(
    ("keys", "extra", "message"),
    [
        (("navk", "nav"), [], "every other organisation"),  # health missing
        (("navk", "nav", "health", "cws"), [], "only the other organisations"),  # itself
        (("navk", "nav", "health", "school"), [], "only the other organisations"),  # not in round
        (("navk", "nav", "health", "nav"), [], "rated once"),
    ],
)
def test_the_set_of_rated_organisations_is_checked(team, orgs, rating_round, keys, extra, message):
    with pytest.raises(RatingsInvalid, match=message):
        services.ratings_submit(
            actor=team.cws, round_id=rating_round.pk, ratings=_all_others(team.cws, orgs, keys)
        )
    assert not RatingResponse.objects.exists()


def test_answers_out_of_range_are_refused(team, orgs, rating_round):
    bad_item = [spec(orgs["navk"], 2, (5, 3, 3)), spec(orgs["nav"], 2), spec(orgs["health"], 2)]
    with pytest.raises(RatingsInvalid, match="from 1 to 4") as err:
        services.ratings_submit(actor=team.cws, round_id=rating_round.pk, ratings=bad_item)
    assert err.value.details == {"field": "reliable", "organisation_id": orgs["navk"].pk}
    bad_frequency = [spec(orgs["navk"], 7), spec(orgs["nav"], 2), spec(orgs["health"], 2)]
    with pytest.raises(RatingsInvalid, match="how often"):
        services.ratings_submit(actor=team.cws, round_id=rating_round.pk, ratings=bad_frequency)


def test_who_answers_for_the_organisation(team, orgs, rating_round, make_actor):
    others = _all_others(team.caseworker, orgs, ("navk", "nav", "health"))
    # A caseworker does not answer for child welfare …
    with pytest.raises(NotRater):
        services.ratings_submit(actor=team.caseworker, round_id=rating_round.pk, ratings=others)
    # … unless named as its representative in the network.
    member = NetworkMember.objects.get(network=team.network, organisation=orgs["cws"])
    network_services.representative_add(
        actor=team.lead,
        network_id=team.network.pk,
        member_id=member.pk,
        user_id=team.caseworker.user.pk,
    )
    services.ratings_submit(actor=team.caseworker, round_id=rating_round.pk, ratings=others)
    # Staff of an organisation outside the round never answer, whatever their role.
    with pytest.raises(NotRater):
        services.ratings_submit(
            actor=make_actor("school", Role.MANAGER), round_id=rating_round.pk, ratings=[]
        )
    with pytest.raises(NotRater):
        services.ratings_submit(actor=team.researcher, round_id=rating_round.pk, ratings=[])


def test_a_closed_round_takes_no_answers(team, orgs, rating_round):
    with pytest.raises(NotRoundRunner):
        services.round_close(actor=team.cws, round_id=rating_round.pk)
    closed = services.round_close(actor=team.researcher, round_id=rating_round.pk)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(RoundClosed):
        services.ratings_submit(
            actor=team.cws,
            round_id=rating_round.pk,
            ratings=_all_others(team.cws, orgs, ("navk", "nav", "health")),
        )
    with pytest.raises(RoundClosed, match="already"):
        services.round_close(actor=team.researcher, round_id=rating_round.pk)
