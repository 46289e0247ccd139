"""The same routes to self-granted access, tried through the web pages: each refused, with
nothing stored and the attempt on record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.consent.models import Consent
from helhet.people.models import Person
from helhet.tenancy.models import Role


@pytest.fixture
def web(make_actor):
    def make(org_key="nav", role=Role.CASEWORKER):
        actor = make_actor(org_key, role)
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(actor.user)
        client.actor = actor
        return client

    return make


def test_registering_with_a_guessed_name_reveals_nothing(web, cws_case):
    nav = web("nav")
    response = nav.post(
        "/people/new/",
        {
            "national_id": cws_case.national_id,
            "given_name": "Gjett",
            "family_name": "Navn",
            "basis": "statutory",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Sara" not in body and "Skjult" not in body and "05.05.1990" not in body
    assert not cws_case.involvements.filter(organisation=nav.actor.organisation).exists()
    assert AccessEvent.objects.filter(
        person=cws_case, user_id=nav.actor.user.pk, outcome="denied"
    ).exists()
    # The same page for a number nobody has: nothing to tell the two apart.
    unknown = nav.post(
        "/people/new/",
        {"national_id": "01829012345", "given_name": "Gjett", "family_name": "Navn"},
    )
    assert unknown.status_code == 400
    assert Person.objects.count() == 1


def _consent_form(person, org_ids, **extra):
    today = timezone.localdate()
    form = {
        "given_by": person.pk,
        "organisations": org_ids,
        "categories": ["child_welfare"],
        "purpose": "Samarbeid",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=90)).isoformat(),
        "method": "oral",
    }
    form.update(extra)
    return form


def test_a_consent_naming_oneself_needs_another_witness(web, cws_case, involve, orgs):
    nav = web("nav")
    involve("nav", cws_case)
    page = f"/people/{cws_case.pk}/consents/"
    refused = nav.post(page, _consent_form(cws_case, [orgs["nav"].pk], witness=nav.actor.user.pk))
    assert refused.status_code == 400
    no_witness = nav.post(page, _consent_form(cws_case, [orgs["nav"].pk]))
    assert no_witness.status_code == 400
    digital = nav.post(page, _consent_form(cws_case, [orgs["nav"].pk], method="digital"))
    assert digital.status_code == 400
    assert not Consent.objects.filter(person=cws_case).exists()
    # And NAV's person page still does not show child welfare's entry.
    detail = nav.get(f"/people/{cws_case.pk}/").content.decode()
    assert "Bekymringsmelding" not in detail


def test_a_backdated_consent_is_refused_on_the_page(web, cws_case, involve, orgs, make_actor):
    nav = web("nav")
    involve("nav", cws_case)
    witness = make_actor("nav", Role.CASEWORKER)
    response = nav.post(
        f"/people/{cws_case.pk}/consents/",
        _consent_form(
            cws_case,
            [orgs["nav"].pk],
            witness=witness.user.pk,
            valid_from=(timezone.localdate() - timedelta(days=30)).isoformat(),
        ),
    )
    assert response.status_code == 400
    assert "earlier" in response.content.decode() or "backdat" in response.content.decode()
    assert not Consent.objects.filter(person=cws_case).exists()


def test_there_is_no_page_to_declare_a_guardian(web, cws_case, involve):
    nav = web("nav")
    involve("nav", cws_case)
    for path in (f"/people/{cws_case.pk}/guardians/", f"/people/{cws_case.pk}/relations/"):
        assert nav.post(path, {"relative": 1}).status_code == 404


def test_child_welfare_finds_what_guardians_see_from_the_person_page(web, cws_case, involve):
    cws = web("cws")
    page = cws.get(f"/people/{cws_case.pk}/").content.decode()
    assert f"/people/{cws_case.pk}/guardian-restrictions/" in page
    nav = web("nav")
    involve("nav", cws_case)
    assert "guardian-restrictions" not in nav.get(f"/people/{cws_case.pk}/").content.decode()
