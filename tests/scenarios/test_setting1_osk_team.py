"""Setting 1: the OSK team of a four-district city. NAV, child protection and health and
welfare form a mandated team under a municipality–NAV agreement. A caseworker brings a
complex case with the person's consent; the team discusses it, each agency takes on its own
measures, and those become the joint intervention plan. There is no joint decision
structure: each agency delivers, and changes, only its own measures."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from helhet.agreements.selectors import agreement_in_force
from helhet.agreements.services.agreements import StepSpec, agreement_create, agreement_sign
from helhet.consent.services import consent_withdraw
from helhet.networks.selectors import network_attendance
from helhet.tenancy.models import Role
from tests.plans.conftest import api_client, family_of, household  # noqa: F401 - fixtures


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_osk_case_from_consent_to_a_joint_plan_each_agency_delivers(
    household,  # noqa: F811
    make_actor,
    orgs,
    consent,
):
    h = household
    nav_lead, cws_lead, health_lead = (
        make_actor("navk", Role.MANAGER),
        make_actor("cws", Role.MANAGER),
        make_actor("health", Role.MANAGER),
    )
    lead = api_client(nav_lead)

    # The municipality–NAV agreement that regulates the team, signed by every party.
    agreement = agreement_create(
        actor=nav_lead,
        title="Samarbeidsavtale kommune–NAV om OSK",
        party_ids=[orgs["navk"].pk, orgs["cws"].pk, orgs["health"].pk],
        goals="Komplekse saker får én felles tiltaksplan.",
        steps=[StepSpec(orgs["navk"].pk, "Melde saken til teamet", orgs["cws"].pk, 5)],
    )
    for manager in (nav_lead, cws_lead, health_lead):
        agreement_sign(actor=manager, agreement_id=agreement.pk, version_number=1)
    assert agreement_in_force(agreement)

    # The mandated team, for the city's four districts, led formally by NAV municipal.
    created = _post(
        lead,
        "/api/networks",
        {
            "name": "OSK-teamet",
            "kind": "mandated",
            "type": "team",
            "districts": "Sentrum, Nord, Sør, Vest",
            "target_population": "Personer med sammensatte behov",
            "leadership_model": "formal_lead",
            "lead_organisation_id": orgs["navk"].pk,
        },
    )
    assert created.status_code == 201, created.content
    team_id = created.json()["id"]
    assert (
        lead.put(
            f"/api/networks/{team_id}/mandate",
            {
                "issued_by": "Byrådet og NAV fylke",
                "regulatory_basis": "Samarbeidsavtale kommune–NAV",
                "issued_on": "2025-09-01",
                "scope": "Saker som trenger flere tjenester samtidig",
            },
            content_type="application/json",
        ).status_code
        == 200
    )
    for key in ("cws", "health"):
        assert (
            _post(lead, f"/api/networks/{team_id}/members", {"organisation_id": orgs[key].pk})
        ).status_code == 201
    assert (
        _post(lead, f"/api/networks/{team_id}/status", {"status": "operating"}).status_code == 200
    )
    detail = lead.get(f"/api/networks/{team_id}").json()
    assert detail["districts"] == "Sentrum, Nord, Sør, Vest"
    assert {m["organisation"]["id"] for m in detail["members"]} == {
        orgs["navk"].pk,
        orgs["cws"].pk,
        orgs["health"].pk,
    }

    # The caseworker brings the mother's case. Without her consent the team cannot hear it.
    worker = api_client(h.navk)
    start = timezone.now() + timedelta(days=2)
    when = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()}
    refused = _post(
        worker, f"/api/networks/{team_id}/case-conferences", {**when, "person_id": h.mother.pk}
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "case_conference_no_consent"
    assert set(refused.json()["details"]["organisation_names"]) == {
        orgs["cws"].name,
        orgs["health"].name,
    }
    given = consent(h.mother, ["navk", "cws", "health"], ["economy", "health", "child_welfare"])
    booked = _post(
        worker, f"/api/networks/{team_id}/case-conferences", {**when, "person_id": h.mother.pk}
    )
    assert booked.status_code == 201, booked.content
    meeting_id = booked.json()["id"]
    assert "Mona" not in booked.json()["title"]

    # Each agency's own measure, agreed in the meeting.
    for actor, key, title, category in (
        (h.navk, "navk", "Økonomisk rådgivning", "economy"),
        (h.health, "health", "Samtaler ved psykisk helse", "health"),
        (h.cws, "cws", "Foreldreveiledning", "child_welfare"),
    ):
        item = _post(
            api_client(actor),
            f"/api/meetings/{meeting_id}/action-items",
            {
                "title": title,
                "owner_organisation_id": orgs[key].pk,
                "person_id": h.mother.pk,
                "category": category,
                "due_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
            },
        )
        assert item.status_code == 201, item.content
    participants = worker.get(f"/api/meetings/{meeting_id}").json()["participants"]
    assert (
        _post(
            worker,
            f"/api/meetings/{meeting_id}/attendance",
            [{"participant_id": p["id"], "attended": True} for p in participants],
        ).status_code
        == 200
    )
    made = _post(worker, f"/api/networks/case-conferences/{meeting_id}/joint-plan")
    assert made.status_code == 200, made.content
    assert made.json()["created"] == 3

    # The joint plan: NAV sees all three measures (consent covers every category), each
    # owned by its agency.
    plan = worker.get(f"/api/families/{h.family.pk}/plan").json()
    owners = {m["title"]: m["organisation"]["id"] for m in plan["measures"]}
    assert owners == {
        "Økonomisk rådgivning": orgs["navk"].pk,
        "Samtaler ved psykisk helse": orgs["health"].pk,
        "Foreldreveiledning": orgs["cws"].pk,
    }
    ids = {m["title"]: m["id"] for m in plan["measures"]}
    # No joint decision structure: health delivers its own measure, cannot change CWS's.
    health = api_client(h.health)
    done = health.patch(
        f"/api/measures/{ids['Samtaler ved psykisk helse']}",
        {"status": "in_progress"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "in_progress"
    refused = health.patch(
        f"/api/measures/{ids['Foreldreveiledning']}",
        {"status": "done"},
        content_type="application/json",
    )
    assert refused.status_code in {403, 404}

    # Attendance is on record for the team.
    rows = {r.organisation.pk: r.cells for r in network_attendance(team_id).rows}
    assert rows[orgs["cws"].pk] == [True] and rows[orgs["health"].pk] == [True]

    # She withdraws consent: the other agencies' measures disappear from NAV's view at once.
    consent_withdraw(actor=h.navk, consent_id=given.pk, reason="Ønsker ikke deling lenger")
    plan = worker.get(f"/api/families/{h.family.pk}/plan").json()
    assert {m["title"] for m in plan["measures"]} == {"Økonomisk rådgivning"}


def test_osk_team_can_discuss_a_case_anonymously_without_consent(household, orgs, make_actor):  # noqa: F811
    h = household
    nav_lead = make_actor("navk", Role.MANAGER)
    lead = api_client(nav_lead)
    team_id = _post(
        lead, "/api/networks", {"name": "OSK-teamet", "kind": "mandated", "type": "team"}
    ).json()["id"]
    _post(lead, f"/api/networks/{team_id}/members", {"organisation_id": orgs["cws"].pk})
    start = timezone.now() + timedelta(days=1)
    booked = _post(
        api_client(h.navk),
        f"/api/networks/{team_id}/case-conferences",
        {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()},
    )
    assert booked.status_code == 201
    detail = api_client(h.cws).get(f"/api/meetings/{booked.json()['id']}").json()
    assert detail["person"] is None and detail["family"] is None
    # Staff outside the team cannot bring cases to it.
    school = api_client(make_actor("school"))
    outside = _post(
        school,
        f"/api/networks/{team_id}/case-conferences",
        {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat()},
    )
    assert outside.status_code == 403 and outside.json()["code"] == "not_network_member"
