"""Reads on Min side. Each takes the signed-in person (never a staff ``Actor``), checks whose
data it is (``policies.subject_for``: themselves, or a child in their custody, as far as the
law and the child-welfare service allow) and writes an access event with role "person"
before returning anything. Query counts do not grow with the data (one query per kind).

The person's access log is read in ``portal.access_log``, the copy of their data in
``portal.data_copy``; what staff see of a guardian's restrictions, in ``portal.staff_selectors``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from helhet.audit.models import AccessEvent, Channel, Outcome
from helhet.consent.models import Consent
from helhet.consent.policies import consent_valid_q
from helhet.consent.selectors import CONSENT_CATEGORY, provenance_text
from helhet.core.categories import IDENTITY, InformationCategory
from helhet.core.dates import today
from helhet.meetings.models import Meeting, Participant
from helhet.people.categories import involvement_category
from helhet.people.models import Family, FamilyMember, Person
from helhet.plans.models import FamilyPlan, Goal, Measure
from helhet.plans.selectors import PLAN_CATEGORY
from helhet.portal.audit import PERSON_ROLE, person_access_record
from helhet.portal.errors import SubjectNotFound
from helhet.portal.models import (
    GoalAuthor,
    GoalComment,
    MeetingAnswer,
    MeetingTopic,
)
from helhet.portal.policies import Subject, subject_for, subjects_for
from helhet.tenancy.models import Organisation

MEETING_CATEGORY = "meeting"
DATA_COPY_CATEGORY = "data_copy"


def signer_get(person_id: int | None) -> Person:
    person = Person.objects.filter(pk=person_id).first() if person_id else None
    if person is None:
        raise SubjectNotFound()
    return person


def subject_get(*, signer: Person, person_id: int, through: str) -> Subject:
    """The subject, or the same 404 whether the person does not exist or is not theirs (a
    refused look is logged, without naming anyone)."""
    person = Person.objects.filter(pk=person_id).first()
    subject = subject_for(signer, person, today()) if person is not None else None
    if subject is None:
        AccessEvent.objects.bulk_create(
            [
                AccessEvent(
                    municipality_id=signer.municipality_id,
                    username="Min side",
                    organisation_name="",
                    role=PERSON_ROLE,
                    person_id=None,
                    target_ref=f"person:{person_id}"[:64],
                    categories=[IDENTITY],
                    channel=Channel.WEB,
                    through=through[:200],
                    outcome=Outcome.DENIED,
                    reason="not_theirs",
                )
            ]
        )
        raise SubjectNotFound()
    return subject


def start_for(*, signer: Person, through: str) -> list[Subject]:
    """Whose data the signer may open: themselves and the children in their custody."""
    subjects = subjects_for(signer, today())
    for subject in subjects:
        person_access_record(subject=subject, categories=[IDENTITY], through=through)
    return subjects


def overview_for(*, subject: Subject, through: str) -> Subject:
    """The subject's overview page names them and nothing more."""
    person_access_record(subject=subject, categories=[IDENTITY], through=through)
    return subject


# --- Consents -------------------------------------------------------------------------------


@dataclass
class ConsentRow:
    consent: Consent
    organisations: list[Organisation]
    categories: list[str]
    provenance: str
    in_effect: bool
    given_by_self: bool

    @property
    def category_labels(self) -> list[str]:
        return [str(InformationCategory(c).label) for c in self.categories]


def consents_for(*, subject: Subject, through: str, log: bool = True) -> list[ConsentRow]:
    """Every consent about the subject that the viewer may see (all its categories are
    theirs to see), newest first, with how it was given."""
    on = today()
    valid = set(
        Consent.objects.filter(consent_valid_q(on), person=subject.person).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for consent in (
        Consent.objects.filter(person=subject.person)
        .select_related("given_by", "recorded_by_organisation")
        .prefetch_related("organisations", "categories")
        .order_by("-recorded_at", "-id")
    ):
        cats = consent.category_values
        if not subject.shows(cats):
            continue
        rows.append(
            ConsentRow(
                consent=consent,
                organisations=sorted(consent.organisations.all(), key=lambda o: o.name),
                categories=cats,
                provenance=provenance_text(consent),
                in_effect=consent.pk in valid,
                given_by_self=consent.given_by_id == subject.signer.pk,
            )
        )
    if log:
        person_access_record(
            subject=subject,
            categories=[IDENTITY, CONSENT_CATEGORY, *{c for r in rows for c in r.categories}],
            through=through,
        )
    return rows


def consent_choices(subject: Subject) -> tuple[list[Organisation], list[tuple[str, str]]]:
    """The organisations a consent may name (the person's municipality) and the categories
    the signer may consent to for this subject. No personal data: not logged."""
    on = today()
    organisations = list(
        Organisation.objects.filter(municipality_id=subject.person.municipality_id).order_by("name")
    )
    categories = [
        (c.value, str(c.label))
        for c in InformationCategory
        if c.value in subject.categories and subject.may_consent(c.value, on)
    ]
    return organisations, categories


# --- The family plan -----------------------------------------------------------------------


@dataclass
class GoalRow:
    goal: Goal
    written_by_me: bool
    comments: list[GoalComment] = field(default_factory=list)


@dataclass
class PortalPlan:
    family: Family
    plan: FamilyPlan | None
    goals: list[GoalRow] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)

    @property
    def coordinator_name(self) -> str:
        if self.plan is None or self.plan.coordinator is None:
            return ""
        user = self.plan.coordinator
        return user.get_full_name() or user.get_username()


def plans_for(
    *, subject: Subject, through: str, log: bool = True, channel: str = Channel.WEB
) -> list[PortalPlan]:
    """The plans of the families the subject belongs to: the family's goals (with comments),
    the subject's own measures in the categories the viewer sees, the coordinator and the
    next revision."""
    memberships = list(
        FamilyMember.objects.filter(person=subject.person)
        .select_related("family")
        .order_by("family_id")
    )
    families = [m.family for m in memberships]
    plans = {
        p.family_id: p
        for p in FamilyPlan.objects.filter(family__in=families).select_related(
            "coordinator", "coordinator_organisation"
        )
    }
    goals = list(
        Goal.objects.filter(plan__in=plans.values())
        .select_related("author")
        .order_by("order", "id")
    )
    comments: dict[int, list[GoalComment]] = defaultdict(list)
    for comment in GoalComment.objects.filter(goal__in=goals).select_related("author"):
        comments[comment.goal_id].append(comment)
    measures = [
        m
        for m in Measure.objects.filter(plan__in=plans.values(), person=subject.person)
        .select_related("organisation", "responsible")
        .order_by(F("due_date").asc(nulls_last=True), "id")
        if subject.shows([m.category])
    ]
    authors = set(
        GoalAuthor.objects.filter(goal__in=goals, person=subject.signer).values_list(
            "goal_id", flat=True
        )
    )
    result = []
    for family in families:
        plan = plans.get(family.pk)
        result.append(
            PortalPlan(
                family=family,
                plan=plan,
                goals=[
                    GoalRow(goal=g, written_by_me=g.pk in authors, comments=comments[g.pk])
                    for g in goals
                    if plan is not None and g.plan_id == plan.pk
                ],
                measures=[m for m in measures if plan is not None and m.plan_id == plan.pk],
            )
        )
    categories = {IDENTITY, *([PLAN_CATEGORY] if plans else []), *(m.category for m in measures)}
    if log:
        person_access_record(
            subject=subject, categories=categories, through=through, channel=channel
        )
    return result


# --- Meetings ------------------------------------------------------------------------------


@dataclass
class MeetingRow:
    meeting: Meeting
    participants: list[Participant]
    answer: MeetingAnswer | None
    topics: list[MeetingTopic]

    @property
    def upcoming(self) -> bool:
        return self.meeting.ends_at >= timezone.now()

    def who(self) -> list[str]:
        names = []
        for p in self.participants:
            if p.person is not None:
                names.append(p.person.full_name)
            elif p.user is not None and p.organisation is not None:
                name = p.user.get_full_name() or p.user.get_username()
                names.append(f"{name} ({p.organisation.name})")
            elif p.organisation is not None:
                names.append(p.organisation.name)
        return names


def visible_meetings(subject: Subject, meeting_id: int | None = None) -> list[Meeting]:
    only = Q(pk=meeting_id) if meeting_id is not None else Q()
    meetings = list(
        Meeting.objects.filter(
            only,
            Q(person=subject.person)
            | Q(participants__person=subject.person)
            | Q(family__memberships__person=subject.person),
        )
        .distinct()
        .select_related("organiser_organisation")
        .prefetch_related(
            "participants__organisation", "participants__user", "participants__person"
        )
        .order_by("starts_at", "id")
    )

    def reveals(meeting: Meeting) -> set[str]:
        kinds = {p.organisation.kind for p in meeting.participants.all() if p.organisation}
        kinds.add(meeting.organiser_organisation.kind)
        return {involvement_category(k) for k in kinds}

    return [m for m in meetings if subject.shows(reveals(m))]


def meetings_for(*, subject: Subject, through: str, log: bool = True) -> list[MeetingRow]:
    """Meetings about the subject or with them taking part: time, place, who comes, their
    answer and the topics they asked to raise. A meeting with a service whose involvement
    reveals a category the viewer does not see (child welfare, for a guardian of a
    15-year-old) is not shown."""
    meetings = visible_meetings(subject)
    answers = {
        a.meeting_id: a
        for a in MeetingAnswer.objects.filter(meeting__in=meetings, person=subject.person)
    }
    topics: dict[int, list[MeetingTopic]] = defaultdict(list)
    for topic in MeetingTopic.objects.filter(meeting__in=meetings, person=subject.person):
        topics[topic.meeting_id].append(topic)
    rows = [
        MeetingRow(
            meeting=m,
            participants=list(m.participants.all()),
            answer=answers.get(m.pk),
            topics=topics[m.pk],
        )
        for m in meetings
    ]
    if log:
        person_access_record(
            subject=subject, categories=[IDENTITY, MEETING_CATEGORY], through=through
        )
    return rows


def meeting_get(
    *, subject: Subject, meeting_id: int, through: str, channel: str = Channel.WEB
) -> Meeting:
    for meeting in visible_meetings(subject):
        if meeting.pk == meeting_id:
            person_access_record(
                subject=subject,
                categories=[IDENTITY, MEETING_CATEGORY],
                through=through,
                channel=channel,
            )
            return meeting
    raise SubjectNotFound()
