from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest
from django.test import Client

from helhet.agreements.services import agreements
from helhet.agreements.services.agreements import ResponsibilitySpec, StepSpec
from helhet.tenancy.models import Role


@pytest.fixture
def managers(make_actor):
    return {key: make_actor(key, Role.MANAGER) for key in ("nav", "cws", "navk")}


@pytest.fixture
def agreement(managers, orgs):
    return agreements.agreement_create(
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
        agreements.agreement_sign(
            actor=managers[key], agreement_id=agreement.pk, version_number=agreement.current_version
        )


# The form tests' web client and page checks.
@pytest.fixture
def web(managers):
    def client_for(actor, language="en"):
        c = Client(HTTP_ACCEPT_LANGUAGE=language)
        c.force_login(actor.user)
        return c

    return client_for


def page(response) -> str:
    return unescape(response.content.decode())


def assert_strict_page(response) -> None:
    """The strict CSP holds and no element id appears twice (labels must find their field)."""
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    html = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html and "<style" not in html
    twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
    assert twice == []
