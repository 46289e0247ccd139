"""Setting 5: one NAV office, two halves. The partnership agreement sets common goals, who
delivers what and a three-working-day answer time for internal hand-overs; the hand-overs are
referrals, so their reply times are visible; indicators are followed against their targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from helhet.agreements.selectors import agreement_in_force
from helhet.agreements.services.agreements import (
    ResponsibilitySpec,
    StepSpec,
    agreement_create,
    agreement_sign,
)
from helhet.agreements.services.indicators import indicator_create, measurement_record
from helhet.core.working_days import add_working_days, working_days_between
from helhet.referrals.services import referral_acknowledge, referral_send
from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create


def test_partnership_agreement_drives_hand_over_deadlines(
    make_actor, make_person, involve, consent, orgs, today
):
    state_manager, municipal_manager = (
        make_actor("nav", Role.MANAGER),
        make_actor("navk", Role.MANAGER),
    )
    state, municipal = orgs["nav"].pk, orgs["navk"].pk
    agreement = agreement_create(
        actor=municipal_manager,
        title="Partnerskapsavtale",
        kind="partnership_agreement",
        party_ids=[state, municipal],
        goals="Flere i arbeid; lavere sosialhjelpsutgifter.",
        responsibilities=[
            ResponsibilitySpec("Økonomisk sosialhjelp", {municipal: "leads", state: "informed"})
        ],
        steps=[
            StepSpec(
                organisation_id=municipal,
                what="Kartlegging",
                to_organisation_id=state,
                referral_deadline_working_days=3,
            )
        ],
    )
    agreement_sign(actor=municipal_manager, agreement_id=agreement.pk, version_number=1)
    assert not agreement_in_force(agreement)  # one half has not signed
    agreement_sign(actor=state_manager, agreement_id=agreement.pk, version_number=1)
    assert agreement_in_force(agreement)

    # An internal hand-over from the municipal half to the state half is a referral.
    municipal_worker, state_worker = make_actor("navk"), make_actor("nav")
    user = make_person("Bruker", "Overlevert")
    involve("navk", user)
    consent(user, ["nav"], ["economy", "work_activity"])
    hand_over = referral_send(
        actor=municipal_worker,
        person_id=user.pk,
        to_organisation_id=state,
        reason="Klar for arbeidsrettet oppfølging",
        categories=["economy"],
    )
    assert hand_over.deadline == add_working_days(today, 3)
    acknowledged = referral_acknowledge(actor=state_worker, referral_id=hand_over.pk)
    reply_days = working_days_between(hand_over.sent_at.date(), acknowledged.acknowledged_at.date())
    assert reply_days <= 3  # the reply time is on record, so it can be followed up


def test_indicators_against_targets_over_the_api(make_actor, orgs):
    manager = make_actor("navk", Role.MANAGER)
    make_actor("nav", Role.MANAGER)
    agreement = agreement_create(
        actor=manager,
        title="Partnerskap",
        kind="partnership_agreement",
        party_ids=[orgs["nav"].pk, orgs["navk"].pk],
        goals="Mål",
    )
    indicator = indicator_create(
        actor=manager,
        agreement_id=agreement.pk,
        name="Sosialhjelpsutgifter",
        unit="mill. kr",
        baseline=Decimal("120"),
        target=Decimal("90"),
        target_date=date(2028, 12, 31),
        direction="down",
    )
    for day, value in ((date(2026, 1, 31), "118"), (date(2026, 6, 30), "110")):
        measurement_record(
            actor=manager, indicator_id=indicator.pk, measured_on=day, value=Decimal(value)
        )
    _t, key = api_token_create(actor=manager, name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
    body = client.get(f"/api/agreements/{agreement.pk}").json()
    text = str(body)
    assert "Sosialhjelpsutgifter" in text and "110" in text and "90" in text
    page = Client(HTTP_ACCEPT_LANGUAGE="en")
    page.force_login(manager.user)
    html = page.get(f"/agreements/{agreement.pk}/").content.decode()
    assert f'src="/agreements/indicators/{indicator.pk}/chart.svg"' in html
    assert "Sosialhjelpsutgifter" in html and "110" in html  # alt text and table
    chart = page.get(f"/agreements/indicators/{indicator.pk}/chart.svg")
    assert chart.status_code == 200 and b"<svg" in chart.content


@pytest.mark.parametrize("missing_party", ["nav", "navk"])
def test_not_in_force_until_both_halves_sign(make_actor, orgs, missing_party):
    managers = {"nav": make_actor("nav", Role.MANAGER), "navk": make_actor("navk", Role.MANAGER)}
    agreement = agreement_create(
        actor=managers["navk"],
        title="Avtale",
        kind="partnership_agreement",
        party_ids=[orgs["nav"].pk, orgs["navk"].pk],
        goals="Mål",
    )
    signer = "navk" if missing_party == "nav" else "nav"
    agreement_sign(actor=managers[signer], agreement_id=agreement.pk, version_number=1)
    assert not agreement_in_force(agreement)
