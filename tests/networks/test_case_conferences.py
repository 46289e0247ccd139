"""Case conferences in a team: a named case only with consent to every organisation invited,
an anonymous one without; the joint intervention plan gives each agency its own measures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.meetings.action_items import action_item_add
from helhet.meetings.errors import MeetingNotFound
from helhet.meetings.models import Meeting, Participant
from helhet.networks import services
from helhet.networks.case_conferences import case_conference_book, joint_plan_make
from helhet.networks.errors import (
    CaseConferenceInvalid,
    CaseConferenceNoConsent,
    NotNetworkMember,
)
from helhet.networks.models import NetworkMeeting
from helhet.people.errors import PersonNotFound
from helhet.plans.errors import MeasureNotOwned
from helhet.plans.models import Measure
from helhet.plans.selectors import family_plan_for
from helhet.plans.services import measure_set_status
from helhet.tenancy.models import Role
from tests.plans.conftest import api_client, family_of, household  # noqa: F401 - fixtures


@pytest.fixture
def team(make_actor, orgs, household):  # noqa: F811
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


def _when():
    start = timezone.now() + timedelta(days=3)
    return {"starts_at": start, "ends_at": start + timedelta(hours=1)}


def test_a_named_case_needs_consent_for_every_organisation_invited(team, household, orgs, consent):  # noqa: F811
    h = household
    with pytest.raises(CaseConferenceNoConsent) as err:
        case_conference_book(actor=h.navk, network_id=team.pk, person_id=h.mother.pk, **_when())
    assert err.value.details["organisations"] == sorted([orgs["cws"].pk, orgs["health"].pk])
    assert not Meeting.objects.exists()
    # Consent to health only: inviting the whole team still fails, naming child welfare.
    consent(h.mother, ["health"], ["economy"])
    with pytest.raises(CaseConferenceNoConsent) as err:
        case_conference_book(actor=h.navk, network_id=team.pk, person_id=h.mother.pk, **_when())
    assert err.value.details["organisation_names"] == [orgs["cws"].name]
    # … but a conference with health alone can be held.
    meeting = case_conference_book(
        actor=h.navk,
        network_id=team.pk,
        person_id=h.mother.pk,
        organisation_ids=[orgs["health"].pk],
        **_when(),
    )
    assert set(
        Participant.objects.filter(meeting=meeting).values_list("organisation_id", flat=True)
    ) == {
        orgs["navk"].pk,
        orgs["health"].pk,
    }
    assert NetworkMeeting.objects.get(meeting=meeting).network_id == team.pk
    # The title, seen by everyone reading the team, does not name the person.
    assert "Mona" not in meeting.title and "Berg" not in meeting.title
    assert meeting.kind == "case_conference" and meeting.person_id == h.mother.pk


def test_withdrawn_or_expired_consent_does_not_count(team, household, orgs, consent):  # noqa: F811
    h = household
    given = consent(h.mother, ["cws", "health"], ["economy"])
    from helhet.consent.services import consent_withdraw

    consent_withdraw(actor=h.navk, consent_id=given.pk, reason="Ombestemt seg")
    with pytest.raises(CaseConferenceNoConsent):
        case_conference_book(actor=h.navk, network_id=team.pk, person_id=h.mother.pk, **_when())
    consent(
        h.mother,
        ["cws", "health"],
        ["economy"],
        valid_from=timezone.localdate() - timedelta(days=100),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(CaseConferenceNoConsent):
        case_conference_book(actor=h.navk, network_id=team.pk, person_id=h.mother.pk, **_when())


def test_anonymous_case_needs_no_consent_and_gets_no_plan(team, household, orgs):  # noqa: F811
    h = household
    meeting = case_conference_book(actor=h.navk, network_id=team.pk, **_when())
    assert meeting.person_id is None
    assert Participant.objects.filter(meeting=meeting).count() == 3
    action_item_add(
        actor=h.navk,
        meeting_id=meeting.pk,
        title="Avklare ytelser",
        owner_organisation_id=orgs["navk"].pk,
    )
    with pytest.raises(CaseConferenceInvalid):
        joint_plan_make(actor=h.navk, meeting_id=meeting.pk)


def test_unknown_person_is_a_404_not_a_consent_error(team, household, make_person):  # noqa: F811
    stranger = make_person("Ukjent", "Person")
    with pytest.raises(PersonNotFound):
        case_conference_book(
            actor=household.navk, network_id=team.pk, person_id=stranger.pk, **_when()
        )


def test_only_member_organisations_bring_and_are_invited(team, household, orgs, make_actor):  # noqa: F811
    school = make_actor("school")
    with pytest.raises(NotNetworkMember):
        case_conference_book(actor=school, network_id=team.pk, **_when())
    with pytest.raises(CaseConferenceInvalid):
        case_conference_book(
            actor=household.navk,
            network_id=team.pk,
            organisation_ids=[orgs["school"].pk],
            **_when(),
        )
    assert not Meeting.objects.exists()


def test_joint_plan_gives_each_agency_its_own_measures(team, household, orgs, consent):  # noqa: F811
    h = household
    consent(h.mother, ["cws", "health", "navk"], ["economy", "health", "child_welfare"])
    meeting = case_conference_book(
        actor=h.navk, network_id=team.pk, person_id=h.mother.pk, **_when()
    )
    with pytest.raises(CaseConferenceInvalid):
        joint_plan_make(actor=h.navk, meeting_id=meeting.pk)  # no action items yet
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
    plan = joint_plan_make(actor=h.navk, meeting_id=meeting.pk)
    assert plan.created == 3 and plan.family_id == h.family.pk
    owners = {m.title: m.organisation_id for m in Measure.objects.filter(plan_id=plan.plan_id)}
    assert owners == {
        "Økonomisk rådgivning": orgs["navk"].pk,
        "Samtaler med psykolog": orgs["health"].pk,
        "Foreldreveiledning": orgs["cws"].pk,
    }
    # Again: nothing new.
    again = joint_plan_make(actor=h.health, meeting_id=meeting.pk)
    assert again.created == 0 and Measure.objects.count() == 3
    # Each agency delivers its own measure and cannot mark another's.
    by_title = {m.title: m for m in Measure.objects.all()}
    measure_set_status(
        actor=h.health, measure_id=by_title["Samtaler med psykolog"].pk, status="in_progress"
    )
    with pytest.raises(MeasureNotOwned):
        measure_set_status(
            actor=h.health, measure_id=by_title["Foreldreveiledning"].pk, status="done"
        )
    # The plan shows NAV all three, since the mother consented for every category.
    view = family_plan_for(actor=h.navk, family_id=h.family.pk, channel="web", through="t")
    assert {m.title for m in view.measures} == set(owners)
    assert ChangeEvent.objects.filter(action="network.joint_plan_make").count() == 2


def test_a_non_participant_cannot_make_the_plan(team, household, orgs, consent, make_actor):  # noqa: F811
    h = household
    consent(h.mother, ["health"], ["economy"])
    meeting = case_conference_book(
        actor=h.navk,
        network_id=team.pk,
        person_id=h.mother.pk,
        organisation_ids=[orgs["health"].pk],
        **_when(),
    )
    with pytest.raises(MeetingNotFound):
        joint_plan_make(actor=h.cws, meeting_id=meeting.pk)


def test_case_conference_and_joint_plan_over_the_api(team, household, orgs, consent):  # noqa: F811
    h = household
    c = api_client(h.navk)
    when = _when()
    body = {"starts_at": when["starts_at"].isoformat(), "ends_at": when["ends_at"].isoformat()}
    refused = c.post(
        f"/api/networks/{team.pk}/case-conferences",
        {**body, "person_id": h.mother.pk},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "case_conference_no_consent"
    assert "consent" in refused.json()["message"]
    consent(h.mother, ["cws", "health"], ["economy"])
    booked = c.post(
        f"/api/networks/{team.pk}/case-conferences",
        {**body, "person_id": h.mother.pk},
        content_type="application/json",
    )
    assert booked.status_code == 201, booked.content
    meeting_id = booked.json()["id"]
    action_item_add(
        actor=h.navk,
        meeting_id=meeting_id,
        title="Økonomisk rådgivning",
        owner_organisation_id=orgs["navk"].pk,
        person_id=h.mother.pk,
    )
    made = c.post(f"/api/networks/case-conferences/{meeting_id}/joint-plan")
    assert made.status_code == 200, made.content
    assert made.json()["created"] == 1 and len(made.json()["measure_ids"]) == 1
    assert c.post("/api/networks/case-conferences/999999/joint-plan").status_code == 404
