"""Who reads and who edits a coding project, on the services, the pages and the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from helhet.observatory.errors import NotObservatoryUser
from helhet.qualitative import codebook, coding, policies, selectors, services
from helhet.qualitative.errors import CodingInvalid, NotProjectEditor, ProjectNotFound
from helhet.tenancy.models import Organisation, OrganisationKind, Role, Sector
from helhet.tenancy.services import (
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
)
from tests.plans.conftest import api_client, web_client

from .conftest import construct_code


@pytest.fixture
def source(project, researcher):
    return services.source_create(
        actor=researcher, project_id=project.pk, kind="interview", title="I", text="Tillit tar tid."
    )


@pytest.fixture
def manager(make_actor):
    return make_actor("navk", Role.MANAGER)


@pytest.fixture
def outsider(db):
    """A researcher of another municipality."""
    from helhet.tenancy.actor import Actor
    from helhet.tenancy.models import Membership

    municipality = municipality_create(actor=None, number="9903", name="Annenvik")
    org: Organisation = organisation_create(
        actor=None,
        municipality=municipality,
        name="Annenvik FoU",
        kind=OrganisationKind.OTHER,
        sector=Sector.PUBLIC,
    )
    user = staff_create(
        actor=None, username="annen", password="x-y-z-w-1234", first_name="A", last_name="B"
    )
    membership = membership_create(actor=None, user=user, organisation=org, role=Role.RESEARCHER)
    return Actor(
        user=user,
        membership=Membership.objects.select_related("organisation").get(pk=membership.pk),
    )


def test_caseworkers_do_not_use_the_observatory(make_actor, project):
    caseworker = make_actor("navk", Role.CASEWORKER)
    with pytest.raises(NotObservatoryUser):
        selectors.project_list(actor=caseworker)
    with pytest.raises(NotObservatoryUser):
        services.project_create(actor=caseworker, title="X")
    assert web_client(caseworker).get(reverse("web:qualitative_project_list")).status_code == 403
    assert api_client(caseworker).get("/api/qualitative/projects").status_code == 403


def test_another_municipality_gets_404(outsider, project, source):
    with pytest.raises(ProjectNotFound):
        selectors.project_get(actor=outsider, project_id=project.pk)
    client = api_client(outsider)
    assert client.get(f"/api/qualitative/projects/{project.pk}").status_code == 404
    assert client.get(f"/api/qualitative/sources/{source.pk}").status_code == 404
    assert client.get(f"/api/qualitative/projects/{project.pk}/export.qdpx").status_code == 404
    assert (
        web_client(outsider)
        .get(reverse("web:qualitative_source_detail", args=[source.pk]))
        .status_code
        == 404
    )
    assert selectors.project_list(actor=outsider) == []


def test_other_observatory_users_read_but_do_not_edit(manager, project, source):
    assert selectors.project_get(actor=manager, project_id=project.pk) == project
    assert not policies.can_edit_project(manager, project)
    trust = construct_code(project, "trust")
    with pytest.raises(NotProjectEditor):
        coding.segment_create(
            actor=manager, source_id=source.pk, code_ids=[trust.pk], quote="Tillit"
        )
    with pytest.raises(NotProjectEditor):
        codebook.code_create(actor=manager, project_id=project.pk, name="X")
    client = api_client(manager)
    assert client.get(f"/api/qualitative/sources/{source.pk}").status_code == 200
    response = client.post(
        f"/api/qualitative/sources/{source.pk}/segments",
        {"code_ids": [trust.pk], "quote": "Tillit"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_coding_project_editor"
    page = web_client(manager).get(reverse("web:qualitative_source_detail", args=[source.pk]))
    assert page.status_code == 200 and b"data-coding-form" not in page.content
    assert (
        web_client(manager)
        .post(
            reverse("web:qualitative_segment_add", args=[source.pk]),
            {"quote": "Tillit", "codes": [trust.pk]},
        )
        .status_code
        == 403
    )


def test_named_members_edit(researcher, manager, project, source):
    services.project_member_add(actor=researcher, project_id=project.pk, user_id=manager.user.pk)
    assert policies.can_edit_project(manager, project)
    trust = construct_code(project, "trust")
    coding.segment_create(actor=manager, source_id=source.pk, code_ids=[trust.pk], quote="Tillit")
    services.project_member_remove(actor=researcher, project_id=project.pk, user_id=manager.user.pk)
    assert not policies.can_edit_project(manager, project)


def test_members_are_staff_of_the_municipality(researcher, outsider, project):
    with pytest.raises(CodingInvalid):
        services.project_member_add(
            actor=researcher, project_id=project.pk, user_id=outsider.user.pk
        )


def test_a_member_who_leaves_the_observatory_stops_editing(researcher, make_actor, project):
    caseworker = make_actor("navk", Role.CASEWORKER)
    services.project_member_add(actor=researcher, project_id=project.pk, user_id=caseworker.user.pk)
    with pytest.raises(NotObservatoryUser):
        codebook.code_create(actor=caseworker, project_id=project.pk, name="X")
