"""Case conferences in a team (the OSK setting) and the joint intervention plan made from them.

* A member organisation's caseworker brings a case to the team. A named case needs the
  person's valid consent to share with every other organisation invited (all members by
  default, or a chosen subset); a case without a person is discussed anonymously.
* The conference is a meeting of the meetings app (kind ``case_conference``, about the person)
  linked to the team, so attendance, minutes, decisions and action items work as elsewhere.
* Its title is seen by everyone who reads the team, so it never names the person: it is made
  here from the team's name and the date.
* ``joint_plan_make`` turns every action item of the conference into a measure of the
  person's family plan, owned and delivered by the organisation that took it on. Converting
  twice changes nothing (an item becomes a measure once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.policies import organisations_without_consent, persons_known_to
from helhet.meetings.errors import MeetingNotFound
from helhet.meetings.models import ActionItem, Meeting, MeetingKind
from helhet.meetings.selectors import meetings_visible_to
from helhet.meetings.services import meeting_book
from helhet.networks.errors import (
    CaseConferenceInvalid,
    CaseConferenceNoConsent,
    NetworkInvalid,
)
from helhet.networks.models import Lifecycle, NetworkMeeting, NetworkMember
from helhet.networks.policies import require_network_member
from helhet.networks.selectors import network_get
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.plans.from_meetings import action_item_to_measure
from helhet.plans.models import Measure
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation


def _invited(actor: Actor, network_id: int, organisation_ids: list[int] | None) -> list[int]:
    members = set(
        NetworkMember.objects.filter(network_id=network_id).values_list(
            "organisation_id", flat=True
        )
    )
    require_network_member(actor, members)
    if organisation_ids is None:
        return sorted(members - {actor.organisation_id})
    chosen = set(organisation_ids) - {actor.organisation_id}
    outside = chosen - members
    if outside:
        raise CaseConferenceInvalid(
            N_("Only member organisations of the team can be invited to its case conference."),
            details={"field": "organisation_ids", "organisations": sorted(outside)},
        )
    return sorted(chosen)


@transaction.atomic
def case_conference_book(
    *,
    actor: Actor,
    network_id: int,
    starts_at: datetime,
    ends_at: datetime,
    person_id: int | None = None,
    family_id: int | None = None,
    organisation_ids: list[int] | None = None,
    location: str = "",
    agenda: str = "",
) -> Meeting:
    """Bring a case to the team: book a case conference about ``person_id`` (or an anonymous
    one) with the member organisations invited."""
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    network = network_get(actor=actor, network_id=network_id)
    if network.status == Lifecycle.ENDED:
        raise NetworkInvalid(N_("An ended network holds no meetings."), details={"field": "status"})
    if family_id is not None and person_id is None:
        raise CaseConferenceInvalid(
            N_("Say which family member the case is about."), details={"field": "person_id"}
        )
    invited = _invited(actor, network.pk, organisation_ids)
    if person_id is not None:
        # An unknown person gets the same 404 as a missing one, never a consent error
        # that would reveal them.
        if not persons_known_to(actor).filter(pk=person_id).exists():
            raise PersonNotFound()
        missing = organisations_without_consent(person_id, invited)
        if missing:
            names = list(
                Organisation.objects.filter(pk__in=missing)
                .order_by("name")
                .values_list("name", flat=True)
            )
            raise CaseConferenceNoConsent(
                details={"organisations": missing, "organisation_names": names}
            )
    starts_local = timezone.localtime(starts_at) if timezone.is_aware(starts_at) else starts_at
    title = _("Case conference, %(team)s, %(date)s") % {
        "team": network.name,
        "date": formats.date_format(starts_local.date(), "SHORT_DATE_FORMAT"),
    }
    meeting = meeting_book(
        actor=actor,
        kind=MeetingKind.CASE_CONFERENCE,
        title=title[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        agenda=agenda,
        family_id=family_id,
        person_id=person_id,
        organisation_ids=invited,
    )
    link = NetworkMeeting.objects.create(
        municipality_id=network.municipality_id, network=network, meeting=meeting
    )
    change_record(
        actor=actor,
        action="network.case_conference_book",
        instance=link,
        person_id=person_id,
        changes={"meeting": meeting.pk, "organisations": invited, "anonymous": person_id is None},
    )
    return meeting


@dataclass(frozen=True)
class JointPlan:
    plan_id: int
    family_id: int
    measures: list[Measure]
    created: int


@transaction.atomic
def joint_plan_make(*, actor: Actor, meeting_id: int) -> JointPlan:
    """Turn the action items of a team's case conference into the person's joint
    intervention plan: one measure per item, owned by the organisation that took it on."""
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    meeting = (
        meetings_visible_to(actor)
        .filter(pk=meeting_id, kind=MeetingKind.CASE_CONFERENCE, network_link__isnull=False)
        .first()
    )
    if meeting is None:
        raise MeetingNotFound()
    if meeting.person_id is None:
        raise CaseConferenceInvalid(
            N_("An anonymous case conference has no one to make a plan for."),
            details={"field": "person"},
        )
    items = list(ActionItem.objects.filter(meeting=meeting).order_by("id"))
    if not items:
        raise CaseConferenceInvalid(
            N_("Agree on action items, each owned by an organisation, before making the plan."),
            details={"field": "action_items"},
        )
    created = sum(1 for item in items if item.measure_id is None)
    measures = [action_item_to_measure(actor=actor, action_item_id=item.pk) for item in items]
    plan_id = measures[0].plan_id
    family_id = measures[0].plan.family_id
    change_record(
        actor=actor,
        action="network.joint_plan_make",
        instance=meeting,
        person_id=meeting.person_id,
        changes={"plan": plan_id, "measures": [m.pk for m in measures], "created": created},
    )
    return JointPlan(plan_id=plan_id, family_id=family_id, measures=measures, created=created)
