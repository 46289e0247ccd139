"""Meetings over HTTP: book, read, participants, attendance, minutes, decisions, action items."""

from __future__ import annotations

from helhet.meetings.models import Meeting, Participant
from helhet.tenancy.models import Role
from tests.plans.conftest import api_client


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data, content_type="application/json")


def test_book_list_and_read(household, orgs):
    h = household
    c = api_client(h.navk)
    booked = _json(
        c,
        "post",
        "/api/meetings",
        {
            "kind": "family_meeting",
            "title": "Familiemøte Berg",
            "starts_at": "2030-03-04T09:00:00+01:00",
            "ends_at": "2030-03-04T10:00:00+01:00",
            "location": "NAV",
            "family_id": h.family.pk,
            "organisation_ids": [orgs["health"].pk],
        },
    )
    assert booked.status_code == 201, booked.content
    meeting_id = booked.json()["id"]
    assert booked.json()["family"]["name"] == "Familien Berg"
    listed = c.get("/api/meetings").json()
    assert [m["id"] for m in listed["upcoming"]] == [meeting_id] and listed["earlier"] == []
    detail = api_client(h.health).get(f"/api/meetings/{meeting_id}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["starts_at"] == "2030-03-04T08:00:00Z"  # 09:00 in Oslo
    assert {p["organisation"]["name"] for p in body["participants"]} == {
        "NAV Testvik (kommune)",
        "Helse og velferd Testvik",
    }


def test_404_403_and_400_bodies(household, book, make_actor):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    outsider = api_client(h.cws)
    a, b = outsider.get(f"/api/meetings/{meeting.pk}"), outsider.get("/api/meetings/999999")
    assert a.status_code == b.status_code == 404
    assert (
        a.json()
        == b.json()
        == {
            "message": "Meeting not found.",
            "code": "meeting_not_found",
            "details": {},
        }
    )
    participant = _json(
        api_client(h.health),
        "post",
        f"/api/meetings/{meeting.pk}/participants",
        {"person_id": h.mother.pk},
    )
    assert participant.status_code == 403
    assert participant.json()["code"] == "not_meeting_organiser"
    admin = api_client(make_actor("navk", Role.ADMINISTRATOR)).get(f"/api/meetings/{meeting.pk}")
    assert admin.status_code == 403 and admin.json()["code"] == "role_has_no_personal_data_access"
    bad = _json(
        api_client(h.navk),
        "post",
        "/api/meetings",
        {
            "kind": "family_meeting",
            "title": "X",
            "starts_at": "2030-03-04T10:00:00Z",
            "ends_at": "2030-03-04T09:00:00Z",
            "family_id": h.family.pk,
        },
    )
    assert bad.status_code == 400 and bad.json()["code"] == "meeting_invalid"
    assert bad.json()["details"] == {"field": "ends_at"}


def test_the_meeting_record_and_action_item_to_measure(household, book, orgs, consent):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    navk, health = api_client(h.navk), api_client(h.health)
    base = f"/api/meetings/{meeting.pk}"
    added = _json(navk, "post", f"{base}/participants", {"person_id": h.mother.pk, "role": "mor"})
    assert added.status_code == 201 and added.json()["person"]["given_name"] == "Mona"
    participants = list(Participant.objects.filter(meeting=meeting).order_by("id"))
    attendance = _json(
        health,
        "post",
        f"{base}/attendance",
        [{"participant_id": p.pk, "attended": True} for p in participants],
    )
    assert attendance.status_code == 200
    assert [p["attended"] for p in attendance.json()] == [True, True, True]
    minutes = _json(health, "put", f"{base}/minutes", {"minutes": "Mona deltok."})
    assert minutes.json() == {"agenda": "", "minutes": "Mona deltok."}
    decision = _json(navk, "post", f"{base}/decisions", {"text": "Søvnkurs"})
    assert decision.status_code == 201
    item = _json(
        navk,
        "post",
        f"{base}/action-items",
        {"title": "Søvnkurs", "owner_organisation_id": orgs["health"].pk, "person_id": h.mother.pk},
    )
    assert item.status_code == 201 and item.json()["category"] == "health"
    to_measure = navk.post(f"/api/action-items/{item.json()['id']}/to-measure")
    assert to_measure.status_code == 200, to_measure.content
    again = navk.post(f"/api/action-items/{item.json()['id']}/to-measure")
    assert again.json() == to_measure.json()
    assert to_measure.json()["family_id"] == h.family.pk
    detail = navk.get(base).json()
    assert detail["action_items"][0]["measure_id"] == to_measure.json()["measure_id"]
    assert detail["minutes"] == "Mona deltok." and len(detail["decisions"]) == 1
    plan = f"/api/families/{h.family.pk}/plan"
    assert [m["title"] for m in health.get(plan).json()["measures"]] == ["Søvnkurs"]
    assert navk.get(plan).json()["measures"] == []
    consent(h.mother, ["navk"], ["health"])
    assert [m["title"] for m in navk.get(plan).json()["measures"]] == ["Søvnkurs"]
    assert Meeting.objects.count() == 1
