"""Booking, participants, attendance, minutes, decisions and action items."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.meetings.action_items import action_item_add
from helhet.meetings.errors import (
    ActionItemInvalid,
    MeetingInvalid,
    MeetingNotFound,
    NotOrganiser,
    ParticipantNotFound,
)
from helhet.meetings.models import Participant
from helhet.meetings.services import (
    attendance_record,
    decision_add,
    minutes_update,
    participant_add,
)
from helhet.people.errors import FamilyNotFound, NoPersonalDataAccess, PersonNotFound
from helhet.tenancy.models import Role


def test_booking_makes_the_organiser_and_invited_organisations_participants(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health", "nav"])
    assert meeting.organiser_organisation_id == h.navk.organisation_id
    rows = list(
        Participant.objects.filter(meeting=meeting).values_list(
            "organisation_id", "user_id", "role"
        )
    )
    assert rows[0] == (h.navk.organisation_id, h.navk.user.pk, "organiser")
    assert {r[0] for r in rows[1:]} == {orgs["health"].pk, orgs["nav"].pk}
    assert ChangeEvent.objects.filter(action="meeting.book").count() == 1


def test_booking_rules(household, book, make_actor):
    h = household
    with pytest.raises(MeetingInvalid):  # a family meeting needs a family
        book(h.navk)
    with pytest.raises(MeetingInvalid):  # a responsibility group is about a person
        book(h.navk, kind="responsibility_group")
    with pytest.raises(FamilyNotFound):
        book(make_actor("school"), family=h.family)
    with pytest.raises(PersonNotFound):  # NAV municipal does not know the child
        book(h.navk, kind="responsibility_group", person=h.child)
    start = timezone.now()
    with pytest.raises(MeetingInvalid):
        book(h.navk, family=h.family, starts_at=start, ends_at=start - timedelta(minutes=5))
    with pytest.raises(MeetingInvalid):
        book(h.navk, family=h.family, starts_at=datetime(9999, 12, 1, 23, 0))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(MeetingInvalid):
        book(h.navk, family=h.family, title=" \x00 ")
    with pytest.raises(NoPersonalDataAccess):
        book(make_actor("navk", Role.ADMINISTRATOR), kind="case_conference")
    with pytest.raises(MeetingInvalid):  # booked from a network only, which links it
        book(h.navk, kind="network_meeting")
    anonymous = book(h.navk, kind="case_conference", title="Drøftingsmøte")
    assert anonymous.family_id is None and anonymous.person_id is None
    # A naive time is Oslo wall-clock time.
    naive = book(h.navk, kind="case_conference", starts_at=datetime(2026, 7, 1, 10, 0))  # noqa: DTZ001
    assert naive.starts_at == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_only_the_organiser_adds_participants(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    with pytest.raises(NotOrganiser):
        participant_add(actor=h.health, meeting_id=meeting.pk, organisation_id=orgs["school"].pk)
    with pytest.raises(MeetingNotFound):  # not taking part: the meeting does not exist for CWS
        participant_add(actor=h.cws, meeting_id=meeting.pk, organisation_id=orgs["cws"].pk)
    added = participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=h.mother.pk, role="mor")
    assert added.person_id == h.mother.pk
    staff = participant_add(
        actor=h.navk,
        meeting_id=meeting.pk,
        organisation_id=orgs["health"].pk,
        user_id=h.health.user.pk,
        role="helsesykepleier",
    )
    assert staff.user_id == h.health.user.pk
    with pytest.raises(MeetingInvalid):  # twice
        participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=h.mother.pk)
    with pytest.raises(MeetingInvalid):  # a user of another organisation
        participant_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            organisation_id=orgs["school"].pk,
            user_id=h.health.user.pk,
        )
    with pytest.raises(MeetingInvalid):  # neither, or both
        participant_add(actor=h.navk, meeting_id=meeting.pk)
    with pytest.raises(PersonNotFound):  # NAV municipal does not know the child
        participant_add(actor=h.navk, meeting_id=meeting.pk, person_id=h.child.pk)


def test_participants_staff_record_attendance_minutes_and_decisions(household, book):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    participants = list(Participant.objects.filter(meeting=meeting).order_by("id"))
    result = attendance_record(
        actor=h.health,
        meeting_id=meeting.pk,
        attendance={participants[0].pk: True, participants[1].pk: False},
    )
    assert [p.attended for p in result] == [True, False]
    with pytest.raises(ParticipantNotFound):
        attendance_record(actor=h.health, meeting_id=meeting.pk, attendance={999_999: True})
    updated = minutes_update(
        actor=h.health, meeting_id=meeting.pk, minutes="Mona fortalte om søvnen.", agenda="1. Runde"
    )
    assert updated.minutes == "Mona fortalte om søvnen." and updated.agenda == "1. Runde"
    change = ChangeEvent.objects.get(action="meeting.minutes")
    assert "søvnen" not in str(change.changes)  # the log notes the change, not the text
    decision = decision_add(actor=h.navk, meeting_id=meeting.pk, text="Nytt møte om en måned")
    assert decision.created_by == h.navk.user
    with pytest.raises(MeetingInvalid):
        decision_add(actor=h.navk, meeting_id=meeting.pk, text="  ")
    for outsider in (h.cws, h.nav):
        with pytest.raises(MeetingNotFound):
            minutes_update(actor=outsider, meeting_id=meeting.pk, minutes="x")
        with pytest.raises(MeetingNotFound):
            decision_add(actor=outsider, meeting_id=meeting.pk, text="x")


def test_action_items_belong_to_participating_organisations(household, book, orgs):
    h = household
    meeting = book(h.navk, family=h.family, invite=["health"])
    item = action_item_add(
        actor=h.navk,
        meeting_id=meeting.pk,
        title="Henvise til søvnkurs",
        owner_organisation_id=orgs["health"].pk,
        owner_user_id=h.health.user.pk,
        person_id=h.mother.pk,
    )
    assert item.category == "health"  # from the owner's kind by default
    with pytest.raises(ActionItemInvalid):  # school does not take part
        action_item_add(
            actor=h.navk, meeting_id=meeting.pk, title="X", owner_organisation_id=orgs["school"].pk
        )
    with pytest.raises(ActionItemInvalid):  # the responsible person must work for the owner
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title="X",
            owner_organisation_id=orgs["health"].pk,
            owner_user_id=h.navk.user.pk,
        )
    with pytest.raises(ActionItemInvalid):  # for someone outside the family
        from helhet.people.models import Person

        stranger = Person.objects.create(
            municipality_id=h.mother.municipality_id,
            national_id="01810199999",
            given_name="Ute",
            family_name="Person",
            birth_date=h.mother.birth_date,
        )
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title="X",
            owner_organisation_id=orgs["health"].pk,
            person_id=stranger.pk,
        )
    with pytest.raises(ActionItemInvalid):
        action_item_add(
            actor=h.navk,
            meeting_id=meeting.pk,
            title="X",
            owner_organisation_id=orgs["health"].pk,
            category="secret",
        )
