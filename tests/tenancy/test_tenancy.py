"""Municipalities, organisations, units, staff, memberships, tokens, and their admin pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from helhet.audit.models import ChangeEvent
from helhet.core.errors import TokenInvalid
from helhet.tenancy.errors import TokenNotFound
from helhet.tenancy.models import Organisation, Role, UnitKind
from helhet.tenancy.selectors import actor_for, organisation_staff, organisations_list
from helhet.tenancy.services import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    membership_create,
    municipality_create,
    organisation_create,
    staff_create,
    unit_create,
)


@pytest.mark.parametrize("number", ["123", "12345", "12a4", ""])
def test_municipality_number_has_four_digits(db, number):
    with pytest.raises(ValidationError):
        municipality_create(actor=None, number=number, name="X")


def test_organisation_kind_and_sector_are_checked(municipality):
    with pytest.raises(ValidationError):
        organisation_create(
            actor=None, municipality=municipality, name="X", kind="bank", sector="public"
        )
    with pytest.raises(ValidationError):
        organisation_create(
            actor=None, municipality=municipality, name="X", kind="school", sector="state"
        )
    org = organisation_create(
        actor=None,
        municipality=municipality,
        name="Skole",
        kind="school",
        sector="public",
        org_number="123456789",
    )
    assert ChangeEvent.objects.filter(action="organisation.create", entity_id=str(org.pk)).exists()
    with pytest.raises(ValidationError):
        organisation_create(
            actor=None, municipality=municipality, name="Skole", kind="school", sector="public"
        )


def test_units_nest_and_count(orgs):
    district = unit_create(
        actor=None, organisation=orgs["nav"], name="Bydel Nord", kind=UnitKind.DISTRICT
    )
    office = unit_create(
        actor=None, organisation=orgs["nav"], name="Kontor", kind=UnitKind.OFFICE, parent=district
    )
    assert office.parent == district and office.municipality_id == orgs["nav"].municipality_id
    counts = {o.name: o.unit_count for o in organisations_list()}
    assert counts["NAV Testvik (stat)"] == 2


def test_membership_role_is_unique_and_staff_visible_to_colleagues_only(orgs, make_actor):
    actor = make_actor("nav")
    with pytest.raises(ValidationError):
        membership_create(
            actor=None, user=actor.user, organisation=orgs["nav"], role=Role.CASEWORKER
        )
    with pytest.raises(ValidationError):
        membership_create(actor=None, user=actor.user, organisation=orgs["nav"], role="boss")
    assert list(organisation_staff(actor=actor, organisation=orgs["nav"])) == [actor.membership]
    assert list(organisation_staff(actor=actor, organisation=orgs["cws"])) == []


def test_actor_uses_the_chosen_membership(orgs):
    user = staff_create(actor=None, username="two.hats", password="x" * 16)
    first = membership_create(actor=None, user=user, organisation=orgs["cws"], role=Role.MANAGER)
    second = membership_create(
        actor=None, user=user, organisation=orgs["nav"], role=Role.CASEWORKER
    )
    assert actor_for(user).membership == first  # ordered by organisation name
    assert actor_for(user, second.pk).organisation == orgs["nav"]


def test_tokens_are_hashed_bound_and_revocable(make_actor):
    actor = make_actor("cws", Role.COORDINATOR)
    token, key = api_token_create(actor=actor, name="integrasjon")
    assert key.startswith("hh_") and key not in token.key_hash and len(token.key_hash) == 64
    resolved = api_token_authenticate(key=key)
    assert resolved.membership == actor.membership and resolved.role == Role.COORDINATOR
    with pytest.raises(TokenInvalid):
        api_token_authenticate(key=key + "x")
    api_token_revoke(actor=actor, token_id=token.pk)
    with pytest.raises(TokenInvalid):
        api_token_authenticate(key=key)
    with pytest.raises(TokenNotFound):
        api_token_revoke(actor=actor, token_id=token.pk)


@pytest.fixture
def admin_client(db):
    user = staff_create(actor=None, username="root", password="x" * 16)
    user.is_staff = user.is_superuser = True
    user.save()
    c = Client()
    c.force_login(user)
    return c


def test_admin_pages_list_and_change_everything(admin_client, orgs, make_actor):
    make_actor("nav")
    for path in (
        "/admin/tenancy/municipality/",
        "/admin/tenancy/organisation/",
        "/admin/tenancy/unit/",
        "/admin/tenancy/user/",
        "/admin/tenancy/membership/",
        "/admin/tenancy/apitoken/",
        f"/admin/tenancy/organisation/{orgs['nav'].pk}/change/",
        "/admin/audit/accessevent/",
    ):
        assert admin_client.get(path).status_code == 200, path


def test_admin_changes_are_in_the_change_log(admin_client, municipality):
    response = admin_client.post(
        "/admin/tenancy/organisation/add/",
        {
            "municipality": municipality.pk,
            "name": "Ny frivillig",
            "kind": "voluntary",
            "sector": "non_profit",
            "org_number": "",
            "units-TOTAL_FORMS": "1",
            "units-INITIAL_FORMS": "0",
            "units-MIN_NUM_FORMS": "0",
            "units-MAX_NUM_FORMS": "1000",
            "units-0-name": "Besøkstjenesten",
            "units-0-kind": "unit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    org = Organisation.objects.get(name="Ny frivillig")
    assert org.units.get().municipality_id == municipality.pk
    actions = set(ChangeEvent.objects.filter(username="root").values_list("action", flat=True))
    assert {"admin.add", "admin.unit.save"} <= actions


def test_audit_log_is_read_only_in_the_admin(admin_client):
    assert admin_client.get("/admin/audit/accessevent/add/").status_code == 403


def test_admin_offers_no_bulk_delete_that_would_skip_the_change_log(admin_client):
    page = admin_client.get("/admin/tenancy/organisation/").content.decode()
    assert "delete_selected" not in page
