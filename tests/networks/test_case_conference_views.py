"""Bringing a case to the team from the web, the team's list of its case conferences, and the
joint intervention plan button on the meeting page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import AccessEvent, Outcome
from helhet.meetings.action_items import action_item_add
from helhet.meetings.models import Meeting, Participant
from helhet.networks import services
from helhet.networks.case_conferences import case_conference_book
from helhet.plans.models import Measure
from helhet.tenancy.models import Role
from tests.plans.conftest import assert_safe_page, web_client

THROUGH = "GET web:network_case_conference_book"


@pytest.fixture
def team(make_actor, orgs, household):
    """An OSK team led by NAV municipal with child welfare and health as members."""
    lead = make_actor("navk", Role.MANAGER)
    network = services.network_create(
        actor=lead,
        name="OSK-teamet",
        kind="mandated",
        type="team",
        leadership_model="formal_lead",
        lead_organisation_id=orgs["navk"].pk,
    )
    for key in ("cws", "health"):
        services.member_add(actor=lead, network_id=network.pk, organisation_id=orgs[key].pk)
    return network


def _form(**extra) -> dict[str, object]:
    start = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Rådhuset, møterom 3",
        "agenda": "Samordning av tiltak",
        "q": "",
        **extra,
    }


def _url(team) -> str:
    return f"/networks/{team.pk}/case-conferences/new/"


def test_the_form_lists_known_persons_and_logs_each_read(team, household, orgs):
    h = household
    c = web_client(h.navk)
    network_page = assert_safe_page(c.get(f"/networks/{team.pk}/"))
    assert _url(team) in network_page and "Bring a case" in network_page
    # Looking at the team reads no one.
    assert not AccessEvent.objects.exists()
    html = assert_safe_page(c.get(_url(team)))
    assert "Mona Berg" in html and "Anonymous case" in html
    assert "Mio Berg" not in html  # the child is not known to NAV municipal
    # Every member organisation but one's own is offered, and ticked by default.
    for key in ("cws", "health"):
        assert orgs[key].name in html
    assert html.count('type="checkbox"') == 2 and html.count("checked") == 2
    rows = AccessEvent.objects.filter(through=THROUGH)
    assert [(r.person_id, r.outcome, r.categories) for r in rows] == [
        (h.mother.pk, Outcome.GRANTED, ["identity"])
    ]
    assert rows[0].user_id == h.navk.user.pk
    # A search narrows the list, and is logged for what it lists.
    none_found = assert_safe_page(c.get(_url(team) + "?q=Nobody"))
    assert "Mona Berg" not in none_found and "0 persons you know" in none_found
    assert AccessEvent.objects.filter(through=THROUGH).count() == 1


def test_without_consent_the_page_names_the_organisations_and_keeps_the_input(
    team, household, orgs
):
    h = household
    c = web_client(h.navk)
    data = _form(person=str(h.mother.pk), organisations=[orgs["cws"].pk, orgs["health"].pk])
    refused = c.post(_url(team), data)
    html = assert_safe_page(refused, 400)
    assert "has not consented to sharing with every organisation invited" in html
    assert "No valid consent to share with:" in html
    assert f"<li>{orgs['cws'].name}</li>" in html and f"<li>{orgs['health'].name}</li>" in html
    # What was typed is shown again.
    assert f'<option value="{h.mother.pk}" selected>' in html
    assert 'value="Rådhuset, møterom 3"' in html and "Samordning av tiltak</textarea>" in html
    assert f'value="{data["starts_at"]}"' in html
    assert not Meeting.objects.exists()


def test_consent_for_part_of_the_team(team, household, orgs, consent):
    h = household
    consent(h.mother, ["health"], ["economy"])
    c = web_client(h.navk)
    refused = c.post(
        _url(team),
        _form(person=str(h.mother.pk), organisations=[orgs["cws"].pk, orgs["health"].pk]),
    )
    html = assert_safe_page(refused, 400)
    assert f"<li>{orgs['cws'].name}</li>" in html and f"<li>{orgs['health'].name}</li>" not in html
    # Only the unticked organisation is left out of the re-shown checkboxes.
    assert html.count("checked") == 2
    assert not Meeting.objects.exists()
    ok = c.post(_url(team), _form(person=str(h.mother.pk), organisations=[orgs["health"].pk]))
    meeting = Meeting.objects.get()
    assert ok.status_code == 302 and ok.url == f"/meetings/{meeting.pk}/"
    assert meeting.person_id == h.mother.pk and meeting.location == "Rådhuset, møterom 3"
    assert set(
        Participant.objects.filter(meeting=meeting).values_list("organisation_id", flat=True)
    ) == {orgs["navk"].pk, orgs["health"].pk}


def test_with_consent_every_member_is_invited(team, household, orgs, consent):
    h = household
    consent(h.mother, ["cws", "health"], ["economy"])
    ok = web_client(h.navk).post(
        _url(team),
        _form(person=str(h.mother.pk), organisations=[orgs["cws"].pk, orgs["health"].pk]),
    )
    assert ok.status_code == 302
    meeting = Meeting.objects.get()
    assert Participant.objects.filter(meeting=meeting).count() == 3
    assert timezone.localtime(meeting.starts_at).hour == 10


def test_anonymous_case_needs_no_consent(team, household, orgs):
    ok = web_client(household.navk).post(
        _url(team), _form(person="anonymous", organisations=[orgs["cws"].pk, orgs["health"].pk])
    )
    assert ok.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.person_id is None and meeting.kind == "case_conference"


def test_bad_input(team, household, orgs, make_actor):
    h = household
    c = web_client(h.navk)
    backwards = _form(person="anonymous")
    backwards["ends_at"] = backwards["starts_at"]
    assert "must end after it starts" in assert_safe_page(c.post(_url(team), backwards), 400)
    # No choice of person is not taken as an anonymous case.
    assert_safe_page(c.post(_url(team), _form(person="")), 400)
    # A person not offered (here: not known to NAV municipal) is refused as a bad choice.
    assert_safe_page(c.post(_url(team), _form(person=str(h.child.pk))), 400)
    # An organisation outside the team cannot be invited.
    assert_safe_page(
        c.post(_url(team), _form(person="anonymous", organisations=[orgs["school"].pk])), 400
    )
    lead = make_actor("navk", Role.MANAGER)
    services.network_status_change(actor=lead, network_id=team.pk, status="ended")
    assert "Bring a case" not in assert_safe_page(c.get(f"/networks/{team.pk}/"))
    assert "An ended network holds no meetings." in assert_safe_page(
        c.post(_url(team), _form(person="anonymous")), 400
    )
    assert not Meeting.objects.exists()


def test_who_may_bring_a_case(team, household, make_actor):
    # Staff outside the team: no link, and the form page refuses before listing anyone.
    school = make_actor("school", Role.CASEWORKER)
    assert "Bring a case" not in assert_safe_page(web_client(school).get(f"/networks/{team.pk}/"))
    assert_safe_page(web_client(school).get(_url(team)), 403)
    assert_safe_page(web_client(school).post(_url(team), _form(person="anonymous")), 403)
    # A member organisation's administrator does not work with people.
    admin = make_actor("navk", Role.ADMINISTRATOR)
    assert "Bring a case" not in assert_safe_page(web_client(admin).get(f"/networks/{team.pk}/"))
    assert_safe_page(web_client(admin).get(_url(team)), 403)
    assert not AccessEvent.objects.filter(outcome=Outcome.GRANTED).exists()
    assert AccessEvent.objects.filter(user=admin.user, outcome=Outcome.DENIED).count() == 1
    assert web_client(household.navk).get("/networks/999999/case-conferences/new/").status_code == (
        404
    )
    assert not Meeting.objects.exists()


def test_the_team_page_lists_its_case_conferences_without_names(team, household, orgs, consent):
    h = household
    consent(h.mother, ["health"], ["economy"])
    start = timezone.now() + timedelta(days=2)
    meeting = case_conference_book(
        actor=h.navk,
        network_id=team.pk,
        person_id=h.mother.pk,
        organisation_ids=[orgs["health"].pk],
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    for actor in (h.navk, h.health):
        html = assert_safe_page(web_client(actor).get(f"/networks/{team.pk}/"))
        assert f'href="/meetings/{meeting.pk}/"' in html and meeting.title in html
        assert "Mona" not in html and "Berg" not in html
    # Child welfare was not invited, so it is not listed for them.
    cws_page = assert_safe_page(web_client(h.cws).get(f"/networks/{team.pk}/"))
    assert f'href="/meetings/{meeting.pk}/"' not in cws_page
    assert "No meetings of this network that your organisation takes part in." in cws_page
    # Listing them reads no one.
    assert not AccessEvent.objects.exists()


def _conference(team, h, orgs, consent, *, person=True) -> Meeting:
    if person:
        consent(h.mother, ["cws", "health", "navk"], ["economy", "health", "child_welfare"])
    start = timezone.now() + timedelta(days=1)
    return case_conference_book(
        actor=h.navk,
        network_id=team.pk,
        person_id=h.mother.pk if person else None,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )


def test_joint_plan_button_makes_measures_owned_by_each_organisation(
    team, household, orgs, consent
):
    h = household
    meeting = _conference(team, h, orgs, consent)
    c = web_client(h.navk)
    page = assert_safe_page(c.get(f"/meetings/{meeting.pk}/"))
    action = f"/networks/case-conferences/{meeting.pk}/joint-plan/"
    assert f'action="{action}"' in page and "Make the joint intervention plan" in page
    for key, title in (
        ("navk", "Økonomisk rådgivning"),
        ("health", "Samtaler med psykolog"),
        ("cws", "Foreldreveiledning"),
    ):
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title=title,
            owner_organisation_id=orgs[key].pk,
            person_id=h.mother.pk,
        )
    made = c.post(action)
    assert made.status_code == 302 and made.url == f"/families/{h.family.pk}/plan/"
    assert dict(Measure.objects.values_list("title", "organisation_id")) == {
        "Økonomisk rådgivning": orgs["navk"].pk,
        "Samtaler med psykolog": orgs["health"].pk,
        "Foreldreveiledning": orgs["cws"].pk,
    }
    plan_page = c.get(made.url)
    assert "3 measures were created" in assert_safe_page(plan_page)
    again = web_client(h.health).post(action, follow=True)
    assert "No new measures" in assert_safe_page(again)
    assert Measure.objects.count() == 3
    assert c.get(action).status_code == 405


def test_joint_plan_errors_go_back_to_the_meeting(team, household, orgs, consent):
    h = household
    meeting = _conference(team, h, orgs, consent)
    c = web_client(h.navk)
    action = f"/networks/case-conferences/{meeting.pk}/joint-plan/"
    no_items = c.post(action, follow=True)
    assert no_items.redirect_chain == [(f"/meetings/{meeting.pk}/", 302)]
    assert "Agree on action items" in assert_safe_page(no_items)
    anonymous = _conference(team, h, orgs, consent, person=False)
    action_item_add(
        actor=h.navk,
        meeting_id=anonymous.pk,
        title="Avklare ytelser",
        owner_organisation_id=orgs["navk"].pk,
    )
    page = assert_safe_page(c.get(f"/meetings/{anonymous.pk}/"))
    assert "Make the joint intervention plan" not in page
    refused = c.post(f"/networks/case-conferences/{anonymous.pk}/joint-plan/", follow=True)
    assert refused.redirect_chain == [(f"/meetings/{anonymous.pk}/", 302)]
    assert "An anonymous case conference has no one to make a plan for." in assert_safe_page(
        refused
    )
    assert not Measure.objects.exists()


def test_joint_plan_only_for_participants_of_a_team_case_conference(team, household, orgs, consent):
    h = household
    consent(h.mother, ["health"], ["economy"])
    start = timezone.now() + timedelta(days=1)
    meeting = case_conference_book(
        actor=h.navk,
        network_id=team.pk,
        person_id=h.mother.pk,
        organisation_ids=[orgs["health"].pk],
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    # Child welfare was not invited: the same 404 as for no meeting at all.
    assert (
        web_client(h.cws).post(f"/networks/case-conferences/{meeting.pk}/joint-plan/").status_code
        == 404
    )
    assert (
        web_client(h.navk).post("/networks/case-conferences/999999/joint-plan/").status_code == 404
    )
    # A case conference booked outside a team has no such button.
    from helhet.meetings.services import meeting_book

    plain = meeting_book(
        actor=h.navk,
        kind="case_conference",
        title="Drøfting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        person_id=h.mother.pk,
    )
    page = assert_safe_page(web_client(h.navk).get(f"/meetings/{plain.pk}/"))
    assert "Make the joint intervention plan" not in page
    assert Measure.objects.count() == 0
