"""The admin is no side door: nobody grants themselves a membership there, every membership
it grants is told to the organisation's managers, and it shows no person's name."""

from __future__ import annotations

import pytest
from django.test import Client

from helhet.audit.models import AccessEvent, ChangeEvent
from helhet.notifications.models import Notification
from helhet.people.selectors import person_get_for
from helhet.tenancy.models import Membership, Role
from helhet.tenancy.services import staff_create


@pytest.fixture
def root(db):
    user = staff_create(actor=None, username="root", password="x" * 16)
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    client.user = user
    return client


def _membership_form(user_id, organisation_id, role=Role.CASEWORKER):
    return {
        "user": user_id,
        "organisation": organisation_id,
        "unit": "",
        "role": role,
        "active": "on",
    }


def test_a_superuser_cannot_give_themselves_a_membership(root, orgs):
    response = root.post(
        "/admin/tenancy/membership/add/", _membership_form(root.user.pk, orgs["cws"].pk)
    )
    assert response.status_code == 200
    assert "cannot give yourself a membership" in response.content.decode()
    assert not Membership.objects.filter(user=root.user).exists()
    refused = ChangeEvent.objects.get(action="admin.membership.self_grant_refused")
    assert refused.username == "root"


def test_nor_through_the_inline_on_their_own_user_page(root, orgs):
    page = f"/admin/tenancy/user/{root.user.pk}/change/"
    form = {
        "username": "root",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-organisation": orgs["cws"].pk,
        "memberships-0-unit": "",
        "memberships-0-role": Role.CASEWORKER,
        "memberships-0-active": "on",
        "memberships-0-user": root.user.pk,
    }
    response = root.post(page, form)
    assert response.status_code == 200
    assert "cannot give yourself a membership" in response.content.decode()
    assert not Membership.objects.filter(user=root.user).exists()
    assert ChangeEvent.objects.filter(action="admin.membership.self_grant_refused").exists()


def test_nor_by_moving_someone_elses_membership_to_themselves(root, orgs, make_actor):
    other = make_actor("cws")
    response = root.post(
        f"/admin/tenancy/membership/{other.membership.pk}/change/",
        _membership_form(root.user.pk, orgs["cws"].pk),
    )
    assert response.status_code == 200
    assert Membership.objects.get(pk=other.membership.pk).user_id == other.user.pk


def test_a_membership_granted_in_the_admin_is_told_to_the_managers(root, orgs, make_actor):
    manager = make_actor("cws", Role.MANAGER)
    newcomer = staff_create(actor=None, username="ny.ansatt", password="y" * 16)
    response = root.post(
        "/admin/tenancy/membership/add/", _membership_form(newcomer.pk, orgs["cws"].pk)
    )
    assert response.status_code == 302
    told = Notification.objects.get(recipient=manager.user, kind="membership_granted_in_admin")
    assert "ny.ansatt" in told.title and "root" in told.title
    assert ChangeEvent.objects.filter(action="admin.add", entity="tenancy.Membership").exists()


def test_the_admin_shows_no_persons_name(root, make_person, involve, make_actor):
    person = make_person("Hemmelig", "Navnesen")
    involve("nav", person)
    person_get_for(actor=make_actor("nav"), person_id=person.pk, channel="web", through="/p")
    event = AccessEvent.objects.filter(person=person).latest("id")
    change = ChangeEvent.objects.filter(person_id=person.pk).first()
    assert change is not None
    pages = [
        "/admin/audit/accessevent/",
        f"/admin/audit/accessevent/{event.pk}/change/",
        "/admin/audit/changeevent/",
        f"/admin/audit/changeevent/{change.pk}/change/",
    ]
    for page in pages:
        response = root.get(page)
        assert response.status_code == 200, page
        assert "Hemmelig" not in response.content.decode(), page
    # Persons, families and consents have no admin pages at all.
    for page in ("/admin/people/person/", "/admin/consent/consent/", "/admin/people/family/"):
        assert root.get(page).status_code == 404, page
