"""Fixtures for relationship networks: a four-member team and the people who run, answer and
read its rating rounds."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from helhet.networks import services as network_services
from helhet.relations import services
from helhet.relations.services import RatingSpec
from helhet.tenancy.models import Role
from tests.plans.conftest import _english  # noqa: F401 - fixture


@pytest.fixture
def team(make_actor, orgs):
    """NAV municipal leads a team with NAV state, child welfare and health as members."""
    lead = make_actor("navk", Role.MANAGER)
    network = network_services.network_create(
        actor=lead, name="OSK-teamet", kind="mandated", type="team"
    )
    for key in ("nav", "cws", "health"):
        network_services.member_add(
            actor=lead, network_id=network.pk, organisation_id=orgs[key].pk, role="member"
        )
    return SimpleNamespace(
        network=network,
        lead=lead,
        researcher=make_actor("vol", Role.RESEARCHER),
        nav=make_actor("nav", Role.MANAGER),
        cws=make_actor("cws", Role.MANAGER),
        health=make_actor("health", Role.COORDINATOR),
        caseworker=make_actor("cws", Role.CASEWORKER),
    )


@pytest.fixture
def rating_round(team):
    return services.round_create(
        actor=team.researcher,
        network_id=team.network.pk,
        title="Relasjonskartlegging 2026",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 12, 31),
    )


def spec(org, frequency, trust=(None, None, None), value=(None, None, None)) -> RatingSpec:
    return RatingSpec(
        organisation_id=org.pk,
        frequency=frequency,
        reliable=trust[0],
        supports_mission=trust[1],
        open_to_discussion=trust[2],
        influence=value[0],
        involvement=value[1],
        resources=value[2],
    )
