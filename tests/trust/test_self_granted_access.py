"""The routes by which an organisation could once grant itself another agency's data, each
refused over the API, with the attempt on record and the data's owner in the know."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.test import Client

from helhet.audit.models import AccessEvent
from helhet.consent.models import Consent
from helhet.notifications.models import Notification
from helhet.people import national_id as nid
from helhet.people.models import Relation
from helhet.tenancy.models import Role
from helhet.tenancy.services import api_token_create


@pytest.fixture
def api(make_actor):
    def make(org_key="nav", role=Role.CASEWORKER):
        actor = make_actor(org_key, role)
        _token, key = api_token_create(actor=actor, name="test")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="en")
        client.actor = actor
        return client

    return make


def test_registration_reveals_nothing_without_knowing_the_name(api, cws_case):
    nav = api("nav")
    guess = nav.post(
        "/api/persons",
        {"national_id": cws_case.national_id, "given_name": "Ukjent", "family_name": "Navn"},
        content_type="application/json",
    )
    assert guess.status_code == 400 and guess.json()["code"] == "registration_no_match"
    assert "Sara" not in guess.content.decode() and "1990" not in guess.content.decode()
    assert nav.get(f"/api/persons/{cws_case.pk}").status_code == 404
    denied = AccessEvent.objects.get(person=cws_case, outcome="denied")
    assert denied.organisation_id == nav.actor.organisation_id


def test_registration_in_another_municipality_gets_the_same_neutral_answer(
    api, make_person, population_register
):
    elsewhere = make_person("Per", "Annensted")
    population_register.add_person(elsewhere)
    population_register.add(elsewhere.national_id, "Per", "Annensted", municipality="9903")
    response = api("nav").post(
        "/api/persons",
        {"national_id": elsewhere.national_id, "given_name": "Per", "family_name": "Annensted"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "registration_no_match"


def test_a_voluntary_organisation_cannot_open_a_case_on_a_statutory_duty(api, cws_case):
    response = api("vol", Role.COORDINATOR).post(
        "/api/persons",
        {"national_id": cws_case.national_id, "given_name": "Sara", "family_name": "Skjult"},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "registration_basis_invalid"
    decision = api("vol", Role.COORDINATOR).post(
        "/api/persons",
        {
            "national_id": cws_case.national_id,
            "given_name": "Sara",
            "family_name": "Skjult",
            "basis": "manager_decision",
            "basis_reason": "Fordi",
        },
        content_type="application/json",
    )
    assert decision.status_code == 400 and decision.json()["details"]["basis"] == "manager_only"


def test_a_caseworker_cannot_declare_a_guardian(api, make_person, involve):
    cws = api("cws")
    child = make_person("Barn", "B", birth=date(2016, 1, 1))
    stranger = make_person("Fremmed", "F", birth=date(1980, 1, 1))
    involve("cws", child)
    involve("cws", stranger)
    response = cws.post(
        f"/api/persons/{child.pk}/relations",
        {"relative_id": stranger.pk, "kind": "guardian"},
        content_type="application/json",
    )
    assert response.status_code == 403 and response.json()["code"] == "guardianship_from_register"
    decided = cws.post(
        f"/api/persons/{child.pk}/guardians",
        {"guardian_id": stranger.pk, "reason": "Jeg sier det"},
        content_type="application/json",
    )
    assert decided.status_code == 403
    assert not Relation.objects.filter(kind="guardian").exists()


def test_a_managers_guardianship_decision_is_logged_and_told(api, make_person, involve, make_actor):
    child = make_person("Barn", "B", birth=date(2016, 1, 1))
    adult = make_person("Verge", "V", birth=date(1980, 1, 1))
    involve("cws", child)
    involve("cws", adult)
    involve("nav", child)
    nav_manager = make_actor("nav", Role.MANAGER)
    manager = api("cws", Role.MANAGER)
    no_reason = manager.post(
        f"/api/persons/{child.pk}/guardians",
        {"guardian_id": adult.pk, "reason": " "},
        content_type="application/json",
    )
    assert no_reason.status_code == 400
    ok = manager.post(
        f"/api/persons/{child.pk}/guardians",
        {"guardian_id": adult.pk, "reason": "Tingrettens kjennelse 2026-11-30"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    relation = Relation.objects.get(kind="guardian")
    assert relation.source == "manager_decision" and relation.decided_by == manager.actor.user
    assert Notification.objects.filter(recipient=nav_manager.user, kind="guardian_decided")


def _consent_payload(person, org, **extra):
    return {
        "given_by_id": person.pk,
        "organisation_ids": [org.pk],
        "categories": ["child_welfare"],
        "purpose": "Vi vil se alt",
        **extra,
    }


@pytest.mark.parametrize("method", ["oral", "digital", "unverified", "written"])
def test_no_organisation_records_a_consent_for_itself_alone(api, cws_case, involve, orgs, method):
    involve("nav", cws_case)
    nav = api("nav")
    response = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method=method),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not Consent.objects.exists()
    entries = nav.get(f"/api/persons/{cws_case.pk}/information/child_welfare")
    assert entries.status_code == 403


def test_the_witness_cannot_be_oneself(api, cws_case, involve, orgs):
    involve("nav", cws_case)
    nav = api("nav")
    response = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method="oral", witness_id=nav.actor.user.pk),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["details"]["witness"] == "self"


def test_a_backdated_consent_is_refused(api, cws_case, involve, orgs, make_actor, today):
    involve("nav", cws_case)
    witness = make_actor("nav")
    response = api("nav").post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(
            cws_case,
            orgs["nav"],
            method="oral",
            witness_id=witness.user.pk,
            valid_from=(today - timedelta(days=30)).isoformat(),
        ),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["details"]["valid_from"]
    assert not Consent.objects.exists()


def test_an_oral_consent_covers_nothing_until_the_witness_confirms_and_the_owner_is_told(
    api, cws_case, involve, orgs, make_actor
):
    involve("nav", cws_case)
    cws_manager = make_actor("cws", Role.MANAGER)
    nav, witness = api("nav"), api("navk")
    created = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method="oral", witness_id=witness.actor.user.pk),
        content_type="application/json",
    )
    assert created.status_code == 201
    consent_id = created.json()["id"]
    assert nav.get(f"/api/persons/{cws_case.pk}/information/child_welfare").status_code == 403
    # Only the named witness can confirm, not the recorder nor anyone else.
    assert nav.post(f"/api/consents/{consent_id}/witness/confirm").status_code == 404
    assert api("navk").post(f"/api/consents/{consent_id}/witness/confirm").status_code == 404
    assert witness.post(f"/api/consents/{consent_id}/witness/confirm").status_code == 200
    assert nav.get(f"/api/persons/{cws_case.pk}/information/child_welfare").status_code == 200
    told = Notification.objects.filter(recipient=cws_manager.user, kind="consent_opens_your_data")
    assert told.count() == 1 and "Sara" not in told.get().title


def test_a_paper_consent_needs_a_real_form_and_opening_it_is_logged(api, cws_case, involve, orgs):
    involve("nav", cws_case)
    nav = api("nav")
    fake = nav.post(
        f"/api/persons/{cws_case.pk}/consent-forms",
        {"file": _upload("form.pdf", b"not a pdf at all")},
    )
    assert fake.status_code == 400 and fake.json()["code"] == "consent_document_invalid"
    without = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method="written"),
        content_type="application/json",
    )
    assert without.status_code == 400
    form = nav.post(
        f"/api/persons/{cws_case.pk}/consent-forms",
        {"file": _upload("form.pdf", b"%PDF-1.4\n% signed form\n%%EOF\n")},
    )
    assert form.status_code == 201, form.content
    document_id = form.json()["id"]
    created = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method="written", document_id=document_id),
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["document_id"] == document_id
    opened = nav.get(f"/api/consent-forms/{document_id}")
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF")
    assert AccessEvent.objects.filter(
        person=cws_case, categories=["consent_form"], outcome="granted"
    ).exists()
    assert api("school").get(f"/api/consent-forms/{document_id}").status_code == 404


def test_a_form_of_another_person_cannot_be_reused(api, cws_case, involve, orgs, make_person):
    other = make_person("Annen", "Person")
    involve("nav", cws_case)
    involve("nav", other)
    nav = api("nav")
    form = nav.post(
        f"/api/persons/{other.pk}/consent-forms",
        {"file": _upload("form.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    response = nav.post(
        f"/api/persons/{cws_case.pk}/consents",
        _consent_payload(cws_case, orgs["nav"], method="written", document_id=form.json()["id"]),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["details"]["document"] == "required"


def test_legacy_consents_without_provenance_cover_nothing(make_person, involve, orgs, make_actor):
    from helhet.consent.models import ConsentCategory
    from helhet.people.selectors import person_information_for

    person = make_person()
    involve("nav", person)
    involve("cws", person)
    legacy = Consent.objects.create(
        municipality_id=person.municipality_id,
        person=person,
        given_by=person,
        purpose="Gammel",
        valid_from=date(2025, 1, 1),
        method="unverified",
        recorded_by_organisation=orgs["nav"],
    )
    legacy.organisations.set([orgs["nav"]])
    ConsentCategory.objects.create(consent=legacy, category="child_welfare")
    from helhet.consent.errors import ConsentMissing

    with pytest.raises(ConsentMissing):
        person_information_for(
            actor=make_actor("nav"),
            person_id=person.pk,
            category="child_welfare",
            channel="api",
            through="t",
        )


def _upload(name: str, content: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_register_names_guardians_from_the_register(api, make_person, population_register):
    mother_nid = nid.synthetic_for(date(1985, 2, 2), random.Random(3))
    child_nid = nid.synthetic_for(date(2015, 2, 2), random.Random(4))
    population_register.add(mother_nid, "Mor", "Registert")
    population_register.add(child_nid, "Barn", "Registert", guardians=(mother_nid,))
    response = api("school").post(
        "/api/persons",
        {"national_id": child_nid, "given_name": "Barn", "family_name": "Registert"},
        content_type="application/json",
    )
    assert response.status_code == 201
    relation = Relation.objects.get(kind="guardian")
    assert relation.source == "register" and relation.relative.national_id == mother_nid
