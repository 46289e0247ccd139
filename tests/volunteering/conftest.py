from __future__ import annotations

import re

import pytest
from django.test import Client

from helhet.tenancy.models import OrganisationKind, Role, Sector
from helhet.tenancy.services import organisation_create
from helhet.volunteering import services


@pytest.fixture
def orgs(orgs, municipality):  # type: ignore[no-untyped-def]
    """The shared organisations plus a nursing home, a home care service and a second
    voluntary organisation."""
    extra = {
        "nh": ("Testvik sykehjem", OrganisationKind.NURSING_HOME, Sector.PUBLIC),
        "hc": ("Hjemmetjenesten Testvik", OrganisationKind.HOME_CARE, Sector.PUBLIC),
        "vol2": ("Røde Kors Testvik", OrganisationKind.VOLUNTARY, Sector.NON_PROFIT),
    }
    for key, (name, kind, sector) in extra.items():
        orgs[key] = organisation_create(
            actor=None, municipality=municipality, name=name, kind=kind, sector=sector
        )
    return orgs


@pytest.fixture
def v(make_actor, orgs):  # type: ignore[no-untyped-def]
    """Staff and a nursing-home unit with one activity run with the voluntary centre."""
    nh = make_actor("nh", Role.COORDINATOR)
    vol = make_actor("vol", Role.COORDINATOR)
    unit = services.care_unit_create(actor=nh, name="Solsiden sykehjem", unit_type="nursing_home")
    activity = services.activity_create(
        actor=nh,
        care_unit_id=unit.pk,
        category="cultural_nursing_home",
        title="Allsang",
        coordinator="joint",
        voluntary_organisation_id=orgs["vol"].pk,
    )
    return {
        "nh": nh,
        "vol": vol,
        "hc": make_actor("hc", Role.COORDINATOR),
        "vol2": make_actor("vol2", Role.COORDINATOR),
        "nav": make_actor("nav"),
        "researcher": make_actor("nh", Role.RESEARCHER),
        "unit": unit,
        "activity": activity,
    }


# Page helpers of the form tests.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


def _client(actor):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(actor.user)
    return client


def _html(response, status=200):  # type: ignore[no-untyped-def]
    """The page's HTML, once its status and the strict CSP (no inline script or style) hold."""
    html = response.content.decode()
    assert response.status_code == status, html[:3000]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(html) and " style=" not in html
    return html


def _ids(html):  # type: ignore[no-untyped-def]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    return set(ids)
