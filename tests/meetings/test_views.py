"""The meeting pages: list, booking, detail and its forms; CSP and no inline script."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from helhet.meetings.action_items import action_item_add
from helhet.meetings.models import ActionItem, Decision, Meeting, Participant
from helhet.meetings.services import decision_add, participant_add
from helhet.plans.models import Measure
from tests.plans.conftest import assert_safe_page, web_client


def test_list_booking_and_detail_pages(household, orgs):
    h = household
    c = web_client(h.navk)
    html = assert_safe_page(c.get("/meetings/"))
    assert "Book a meeting" in html
    form = assert_safe_page(c.get(f"/meetings/new/?family={h.family.pk}"))
    assert "Familien Berg" in form
    bad = c.post("/meetings/new/", {"kind": "family_meeting", "title": "X"})
    assert_safe_page(bad, 400)
    wrong_order = c.post(
        "/meetings/new/",
        {
            "kind": "family_meeting",
            "title": "Familiemøte",
            "starts_at": "2030-05-02T10:00",
            "ends_at": "2030-05-02T09:00",
            "family": h.family.pk,
        },
    )
    assert "must end after it starts" in assert_safe_page(wrong_order, 400)
    ok = c.post(
        "/meetings/new/",
        {
            "kind": "family_meeting",
            "title": "Familiemøte Berg",
            "starts_at": "2030-05-02T10:00",
            "ends_at": "2030-05-02T11:30",
            "location": "Rådhuset",
            "family": h.family.pk,
            "organisations": [orgs["health"].pk],
        },
    )
    meeting = Meeting.objects.get()
    assert ok.status_code == 302 and ok.url == f"/meetings/{meeting.pk}/"
    assert meeting.starts_at.isoformat() == "2030-05-02T08:00:00+00:00"  # 10:00 in Oslo, summer
    detail = assert_safe_page(c.get(ok.url))
    assert "Familiemøte Berg" in detail and "Download the invite" in detail
    assert "Add a participant" in detail  # the organiser's organisation
    assert "Add a participant" not in assert_safe_page(web_client(h.health).get(ok.url))
    assert web_client(h.cws).get(ok.url).status_code == 404
    assert "Familiemøte Berg" in assert_safe_page(c.get("/meetings/"))


def test_detail_forms(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    c = web_client(h.health)
    url = f"/meetings/{meeting.pk}/"
    assert (
        c.post(f"{url}minutes/", {"agenda": "1. Runde", "minutes": "Godt møte"}).status_code == 302
    )
    meeting.refresh_from_db()
    assert meeting.minutes == "Godt møte"
    assert c.post(f"{url}decisions/", {"text": "Neste møte i mai"}).status_code == 302
    assert Decision.objects.get().text == "Neste møte i mai"
    assert_safe_page(c.post(f"{url}decisions/", {"text": ""}), 400)
    item = c.post(
        f"{url}action-items/",
        {"title": "Søvnkurs", "owner_organisation": orgs["health"].pk, "person": h.mother.pk},
    )
    assert item.status_code == 302, item.content.decode()[:2000]
    assert ActionItem.objects.get().category == "health"
    participants = list(Participant.objects.filter(meeting=meeting).order_by("id"))
    c.post(
        f"{url}attendance/",
        {f"attended-{participants[0].pk}": "yes", f"attended-{participants[1].pk}": "no"},
    )
    assert [p.attended for p in Participant.objects.filter(meeting=meeting).order_by("id")] == [
        True,
        False,
    ]
    organiser = web_client(h.navk)
    assert (
        organiser.post(f"{url}participants/", {"person": h.mother.pk, "role": "mor"}).status_code
        == 302
    )
    assert_safe_page(organiser.post(f"{url}participants/", {"role": "ingen"}), 400)
    assert c.post(f"{url}participants/", {"organisation": orgs["school"].pk}).status_code == 403


def test_make_a_plan_measure_button(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    item = action_item_add(
        actor=h.navk,
        meeting_id=meeting.pk,
        title="Søvnkurs",
        owner_organisation_id=orgs["health"].pk,
        person_id=h.mother.pk,
    )
    c = web_client(h.navk)
    html = assert_safe_page(c.get(f"/meetings/{meeting.pk}/"))
    assert "Make this a plan measure" in html
    response = c.post(f"/action-items/{item.pk}/to-measure/", {"meeting": meeting.pk})
    assert response.status_code == 302 and response.url == f"/meetings/{meeting.pk}/"
    c.post(f"/action-items/{item.pk}/to-measure/", {"meeting": meeting.pk})
    assert Measure.objects.count() == 1
    html = assert_safe_page(c.get(f"/meetings/{meeting.pk}/"))
    assert "In the plan" in html and "Make this a plan measure" not in html
    assert "Helse og velferd Testvik" in html  # the success message names the owner
    assert web_client(h.cws).post(f"/action-items/{item.pk}/to-measure/").status_code == 404


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_meeting_page_query_count_does_not_grow(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    c = web_client(h.navk)
    url = f"/meetings/{meeting.pk}/"
    c.get(url)
    small = _page_queries(c, url)
    participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=h.mother.pk)
    for i in range(20):
        decision_add(actor=h.navk, meeting_id=meeting.pk, text=f"Vedtak {i}")
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title=f"Oppgave {i}",
            owner_organisation_id=orgs["health"].pk,
            person_id=h.mother.pk,
        )
    assert _page_queries(c, url) == small


def test_meeting_pages_render_in_bokmal(household, book):
    from django.test import Client

    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    c = Client(HTTP_ACCEPT_LANGUAGE="nb")
    c.force_login(h.navk.user)
    for url in ("/meetings/", "/meetings/new/", f"/meetings/{meeting.pk}/"):
        assert '<html lang="nb"' in assert_safe_page(c.get(url))
