from __future__ import annotations

import pytest

from helhet.agreements import services
from helhet.agreements.services import ResponsibilitySpec, StepSpec
from helhet.tenancy.models import Role


@pytest.fixture
def managers(make_actor):
    return {key: make_actor(key, Role.MANAGER) for key in ("nav", "cws", "navk")}


@pytest.fixture
def agreement(managers, orgs):
    return services.agreement_create(
        actor=managers["nav"],
        title="Tjenesteavtale OSK",
        party_ids=[orgs["nav"].pk, orgs["cws"].pk],
        goals="Familier skal ikke sendes fram og tilbake.",
        operational_plan="Felles møte hver uke.",
        responsibilities=[
            ResponsibilitySpec(
                "Oppfølging av foreldre i arbeid",
                {orgs["nav"].pk: "leads", orgs["cws"].pk: "informed"},
            )
        ],
        steps=[
            StepSpec(orgs["nav"].pk, "Kartlegging", orgs["cws"].pk, 5),
            StepSpec(orgs["cws"].pk, "Tiltak i hjemmet"),
        ],
    )


def sign_all(agreement, managers, keys=("nav", "cws")):
    agreement.refresh_from_db()
    for key in keys:
        services.agreement_sign(
            actor=managers[key], agreement_id=agreement.pk, version_number=agreement.current_version
        )
