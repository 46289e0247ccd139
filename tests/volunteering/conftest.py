from __future__ import annotations

import pytest

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
