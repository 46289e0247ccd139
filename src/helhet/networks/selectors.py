"""Reads for networks. Everyone logged in reads the networks of their municipality; networks
describe organisations and staff, not clients, so no access-log rows are written."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from helhet.meetings.models import Meeting, MeetingKind, Participant
from helhet.meetings.selectors import meetings_visible_to
from helhet.networks.errors import NetworkNotFound
from helhet.networks.models import (
    Mandate,
    Network,
    NetworkMeeting,
    NetworkMember,
    Objective,
    Representative,
)
from helhet.networks.policies import can_edit_network
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation

# How many of the latest meetings decide whether an organisation keeps coming or stopped.
RECENT_MEETINGS = 3


def networks_for(actor: Actor) -> QuerySet[Network]:
    return Network.objects.filter(municipality_id=actor.municipality_id)


def network_list(*, actor: Actor) -> list[Network]:
    """Networks of the actor's municipality, with the number of members and bodies."""
    return list(
        networks_for(actor)
        .select_related("parent", "lead_organisation")
        .annotate(
            member_count=Count("members", distinct=True),
            body_count=Count("bodies", distinct=True),
        )
    )


def network_get(*, actor: Actor, network_id: int) -> Network:
    network = (
        networks_for(actor)
        .select_related("parent", "lead_organisation", "parent__parent")
        .filter(pk=network_id)
        .first()
    )
    if network is None:
        raise NetworkNotFound()
    return network


@dataclass(frozen=True)
class AttendanceRow:
    organisation: Organisation
    # One cell per meeting, oldest first: True attended, False absent, None not recorded or
    # not invited.
    cells: list[bool | None]
    summary: str  # "keeps_coming", "stopped", "irregular", "never", "no_record"


@dataclass(frozen=True)
class Attendance:
    meetings: list[Meeting]
    rows: list[AttendanceRow]
    recent: int = RECENT_MEETINGS

    @property
    def keeps_coming(self) -> list[Organisation]:
        return [r.organisation for r in self.rows if r.summary == "keeps_coming"]

    @property
    def stopped(self) -> list[Organisation]:
        return [r.organisation for r in self.rows if r.summary == "stopped"]


def _summary(cells: list[bool | None], recent: int) -> str:
    recorded = [c for c in cells if c is not None]
    if not recorded:
        return "no_record"
    if not any(recorded):
        return "never"
    last, earlier = recorded[-recent:], recorded[:-recent]
    if all(last):
        return "keeps_coming"
    if not any(last) and any(earlier):
        return "stopped"
    return "irregular"


def network_attendance(network_id: int, *, recent: int = RECENT_MEETINGS) -> Attendance:
    """Attendance per organisation per meeting of the network, oldest meeting first, with a
    summary: attended each of the last ``recent`` recorded meetings ("keeps_coming"), absent
    from the last ``recent`` after attending earlier ("stopped"), never attended, irregular.

    An organisation attended a meeting if any of its participants did; it was absent if its
    participants were all recorded absent. Three queries, whatever the size.
    """
    meetings = list(
        Meeting.objects.filter(network_link__network_id=network_id).order_by("starts_at", "id")
    )
    participants = Participant.objects.filter(
        meeting__in=[m.pk for m in meetings], organisation__isnull=False
    ).values_list("meeting_id", "organisation_id", "attended")
    seen: dict[tuple[int, int], bool | None] = {}
    for meeting_id, organisation_id, attended in participants:
        key = (meeting_id, organisation_id)
        before = seen.get(key)
        if attended is True or before is True:
            seen[key] = True
        elif attended is False or before is False:
            seen[key] = False
        else:
            seen[key] = None
    org_ids = {org for (_m, org) in seen} | set(
        NetworkMember.objects.filter(network_id=network_id).values_list(
            "organisation_id", flat=True
        )
    )
    by_org: dict[int, list[bool | None]] = defaultdict(list)
    for org_id in org_ids:
        by_org[org_id] = [seen.get((m.pk, org_id)) for m in meetings]
    organisations = Organisation.objects.filter(pk__in=org_ids).order_by("name", "id")
    rows = [
        AttendanceRow(organisation=o, cells=by_org[o.pk], summary=_summary(by_org[o.pk], recent))
        for o in organisations
    ]
    return Attendance(meetings=meetings, rows=rows, recent=recent)


@dataclass(frozen=True)
class NetworkView:
    network: Network
    bodies: list[Network]
    members: list[NetworkMember]
    objectives: list[Objective]
    mandate: Mandate | None
    attendance: Attendance
    can_edit: bool
    meetings: list[Meeting] = field(default_factory=list)


def network_detail(*, actor: Actor, network_id: int) -> NetworkView:
    network = network_get(actor=actor, network_id=network_id)
    members = list(
        NetworkMember.objects.filter(network=network)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("representatives", queryset=Representative.objects.select_related("user")),
        )
    )
    mandate = Mandate.objects.filter(network=network).first()
    attendance = network_attendance(network.pk)
    return NetworkView(
        network=network,
        bodies=list(network.bodies.select_related("lead_organisation").order_by("name", "id")),
        members=members,
        objectives=list(network.objectives.all()),
        mandate=mandate,
        attendance=attendance,
        can_edit=can_edit_network(actor, network),
        meetings=attendance.meetings,
    )


# The network page lists at most this many of the team's meetings (latest first).
MEETINGS_SHOWN = 50


def network_meetings_for(
    *, actor: Actor, network_id: int, limit: int = MEETINGS_SHOWN
) -> list[Meeting]:
    """The network's meetings and case conferences that the actor's organisation takes part
    in, latest first. Only the date and the title are fetched: a case conference's title
    never names the person (see ``case_conferences``), and the person is not loaded, so the
    list reads no personal data and writes no access-log rows."""
    return list(
        meetings_visible_to(actor)
        .filter(network_link__network_id=network_id)
        .only("id", "title", "starts_at", "ends_at", "kind")
        .order_by("-starts_at", "-id")[:limit]
    )


def joint_plan_offered(meeting: Meeting) -> bool:
    """Whether the meeting page offers a joint intervention plan: a team's case conference
    about a person can become one (``case_conferences.joint_plan_make`` decides again)."""
    return (
        meeting.kind == MeetingKind.CASE_CONFERENCE
        and meeting.person_id is not None
        and NetworkMeeting.objects.filter(meeting_id=meeting.pk).exists()
    )
