"""Fixtures for qualitative coding: a research unit with a researcher, a project and helpers."""

from __future__ import annotations

import pytest

from helhet.qualitative import services
from helhet.qualitative.models import Code, Project
from helhet.tenancy.models import Organisation, OrganisationKind, Role, Sector
from helhet.tenancy.services import organisation_create


@pytest.fixture
def rnd(orgs, municipality) -> Organisation:
    org = organisation_create(
        actor=None,
        municipality=municipality,
        name="Testvik kommune, forskning",
        kind=OrganisationKind.OTHER,
        sector=Sector.PUBLIC,
    )
    orgs["rnd"] = org
    return org


@pytest.fixture
def researcher(rnd, make_actor):
    return make_actor("rnd", Role.RESEARCHER, username="forsker")


@pytest.fixture
def project(researcher) -> Project:
    return services.project_create(actor=researcher, title="Samarbeid", description="Test")


def construct_code(project: Project, construct: str) -> Code:
    return Code.objects.get(project=project, construct=construct, parent=None)
