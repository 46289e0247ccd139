"""Fixtures for the collaboration survey: a team with representatives, a researcher who owns
an instrument and rounds, and helpers to invite and answer."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from helhet.networks import services as network_services
from helhet.surveys import answering, rounds, services
from helhet.surveys.models import Instrument, Item, Round
from helhet.tenancy.models import Role
from tests.plans.conftest import _english  # noqa: F401 - fixture

OSLO = ZoneInfo("Europe/Oslo")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=OSLO)


@pytest.fixture
def team(make_actor, orgs):
    """A team led by NAV (municipal) with child welfare and health as members, each with a
    representative who is a staff user; a researcher; a caseworker."""
    lead = make_actor("navk", Role.MANAGER)
    network = network_services.network_create(
        actor=lead, name="OSK-teamet", kind="mandated", type="team"
    )
    cws_member = network_services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["cws"].pk, role="member"
    )
    health_member = network_services.member_add(
        actor=lead, network_id=network.pk, organisation_id=orgs["health"].pk, role="member"
    )
    cws_rep = make_actor("cws", Role.CASEWORKER)
    health_rep = make_actor("health", Role.COORDINATOR)
    for member, rep in ((cws_member, cws_rep), (health_member, health_rep)):
        network_services.representative_add(
            actor=lead, network_id=network.pk, member_id=member.pk, user_id=rep.user.pk
        )
    network_services.representative_add(
        actor=lead, network_id=network.pk, member_id=cws_member.pk, name="Uten innlogging"
    )
    other = network_services.network_create(
        actor=lead, name="Nettverk for unge familier", kind="hybrid", type="network"
    )
    return SimpleNamespace(
        lead=lead,
        network=network,
        other=other,
        cws_rep=cws_rep,
        health_rep=health_rep,
        researcher=make_actor("vol", Role.RESEARCHER),
        caseworker=make_actor("nav", Role.CASEWORKER),
    )


@pytest.fixture
def small_instrument(team) -> Instrument:
    """Two governance statements (the second reverse-coded) and one on trust."""
    instrument = services.instrument_create(actor=team.researcher, name="Liten")
    services.item_add(
        actor=team.researcher,
        instrument_id=instrument.pk,
        construct="governance",
        text_nb="Det er tydelig hvem som har ansvar.",
        text_en="It is clear who is responsible.",
    )
    services.item_add(
        actor=team.researcher,
        instrument_id=instrument.pk,
        construct="governance",
        text_nb="Én part bestemmer alt.",
        reverse=True,
    )
    services.item_add(
        actor=team.researcher,
        instrument_id=instrument.pk,
        construct="trust",
        text_nb="Jeg stoler på de andre.",
    )
    return instrument


@pytest.fixture
def make_round(team) -> Callable[..., Round]:
    def make(
        instrument: Instrument,
        *,
        mode: str = "anonymous",
        network=None,
        title: str = "Runde",
        opens_on: date | None = None,
        closes_on: date | None = None,
        owner=None,
    ) -> Round:
        today = timezone.localdate()
        return rounds.round_create(
            actor=owner or team.researcher,
            instrument_id=instrument.pk,
            network_id=(network or team.network).pk,
            title=title,
            opens_on=opens_on or today,
            closes_on=closes_on or today + timedelta(days=14),
            mode=mode,
            today=opens_on or today,
        )

    return make


@pytest.fixture
def answered(team) -> Callable[..., list[str]]:
    """Invite one e-mail address per answer sheet and submit each sheet; returns the tokens.
    A sheet maps item codes to answers."""
    counter = itertools.count()

    def answer(
        round: Round, sheets: Sequence[dict[str, int]], *, now: datetime | None = None
    ) -> list[str]:
        emails = [f"respondent{next(counter)}.{round.pk}@example.org" for _sheet in sheets]
        links = rounds.invitations_create(
            actor=team.researcher,
            round_id=round.pk,
            emails=emails,
            send_email=False,
            today=(now or at(round.opens_on)).date(),
        )
        codes = dict(Item.objects.filter(instrument=round.instrument).values_list("code", "id"))
        for link, sheet in zip(links, sheets, strict=True):
            answering.answers_submit(
                token=link.token,
                answers={codes[code]: value for code, value in sheet.items()},
                now=now or at(round.opens_on),
            )
        return [link.token for link in links]

    return answer
