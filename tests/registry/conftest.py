"""Fixtures for the registry: a network with a sponsor, bodies, objectives, a mandate and an
agreement with two funding streams."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from helhet.agreements.services.agreements import agreement_create
from helhet.agreements.services.resources import funding_stream_add
from helhet.networks import services as network_services
from helhet.tenancy.models import Role
from tests.plans.conftest import _english  # noqa: F401 - fixture


@pytest.fixture
def quebec(make_actor, orgs):
    lead = make_actor("navk", Role.MANAGER)
    network = network_services.network_create(
        actor=lead,
        name="Nettverk for unge familier",
        kind="hybrid",
        type="network",
        target_population="Unge foreldre under 25",
    )
    network_services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["health"].pk, role="sponsor"
    )
    network_services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["vol"].pk, role="member"
    )
    for name, kind in (
        ("Styringsgruppen", "steering_committee"),
        ("Fagteamet", "practitioner_team"),
    ):
        network_services.network_create(
            actor=lead, name=name, kind="hybrid", type=kind, parent_id=network.pk
        )
    network_services.objective_add(actor=lead, network_id=network.pk, text="Én dør inn.")
    network_services.objective_add(actor=lead, network_id=network.pk, text="Svar innen fem dager.")
    network_services.mandate_set(
        actor=lead, network_id=network.pk, issued_by="Kommunen", issued_on=date(2019, 5, 1)
    )
    agreement = agreement_create(
        actor=lead,
        title="Tjenesteavtale",
        party_ids=[orgs["navk"].pk, orgs["health"].pk, orgs["vol"].pk],
        goals="Én dør inn.",
        network_id=network.pk,
    )
    for source, amount in (("Statsforvalteren", "1500000"), ("Stiftelsen Dam", "250000")):
        funding_stream_add(
            actor=lead,
            agreement_id=agreement.pk,
            source=source,
            amount=Decimal(amount),
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
        )
    team = network_services.network_create(
        actor=lead, name="OSK-teamet", kind="mandated", type="team", target_population="Familier"
    )
    network_services.member_add(
        actor=lead, network_id=team.pk, organisation_id=orgs["cws"].pk, role="member"
    )
    return SimpleNamespace(
        lead=lead,
        network=network,
        team=team,
        agreement=agreement,
        researcher=make_actor("school", Role.RESEARCHER),
        cws=make_actor("cws", Role.MANAGER),
        caseworker=make_actor("navk", Role.CASEWORKER),
    )
