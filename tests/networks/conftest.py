"""Fixtures for networks: a lead manager, and a network with members."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helhet.networks import services
from helhet.tenancy.models import Role
from tests.plans.conftest import _english, family_of, household  # noqa: F401 - fixtures


@pytest.fixture
def net(make_actor, orgs):
    lead = make_actor("navk", Role.MANAGER)
    network = services.network_create(
        actor=lead, name="OSK-teamet", kind="mandated", type="team", target_population="Familier"
    )
    cws = services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["cws"].pk, role="member"
    )
    health = services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["health"].pk, role="sponsor"
    )
    return SimpleNamespace(
        lead=lead,
        network=network,
        cws_member=cws,
        health_member=health,
        cws=make_actor("cws", Role.MANAGER),
        health=make_actor("health", Role.COORDINATOR),
        caseworker=make_actor("navk", Role.CASEWORKER),
    )
