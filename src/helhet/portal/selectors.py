"""Reads on Min side. Each takes the signed-in person (never a staff ``Actor``), checks whose
data it is (``policies.subject_for``: themselves, or a child in their custody, as far as the
law and the child-welfare service allow) and writes an access event with role "person"
before returning anything. Query counts do not grow with the data (one query per kind).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import AccessEvent, Channel, Outcome
from helhet.consent.models import Consent, Involvement
from helhet.consent.policies import consent_valid_q, involvement_active_q
from helhet.consent.selectors import CONSENT_CATEGORY, provenance_text
from helhet.core.dates import today
from helhet.meetings.models import Meeting, Participant
from helhet.people.categories import IDENTITY, InformationCategory, involvement_category
from helhet.people.models import Family, FamilyMember, InformationEntry, Person, RelationKind
from helhet.plans.models import FamilyPlan, Goal, Measure
from helhet.plans.selectors import PLAN_CATEGORY
from helhet.portal.audit import PERSON_ROLE, person_access_record
from helhet.portal.errors import SubjectNotFound
from helhet.portal.models import (
    GoalAuthor,
    GoalComment,
    GuardianRestriction,
    MeetingAnswer,
    MeetingTopic,
)
from helhet.portal.policies import Subject, subject_for, subjects_for
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, OrganisationKind, User

MEETING_CATEGORY = "meeting"
ACCESS_LOG_CATEGORY = "access_log"
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


def _meetings_qs(subject: Subject, meeting_id: int | None = None) -> list[Meeting]:
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
    meetings = _meetings_qs(subject)
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
    for meeting in _meetings_qs(subject):
        if meeting.pk == meeting_id:
            person_access_record(
                subject=subject,
                categories=[IDENTITY, MEETING_CATEGORY],
                through=through,
                channel=channel,
            )
            return meeting
    raise SubjectNotFound()


# --- The access log ------------------------------------------------------------------------

# Pages and reports, in words a person understands (by the view that made the read).
THROUGH_LABELS: dict[str, str] = {
    "web:dashboard": N_("the start page (their caseload)"),
    "web:person_list": N_("the list of persons"),
    "web:person_detail": N_("your page in Helhet"),
    "web:person_register": N_("registering a person"),
    "web:person_consents": N_("your consents"),
    "web:person_access_log": N_("the log of who has seen your data"),
    "web:person_access_report": N_("a report of who has seen your data"),
    "web:family_list": N_("the list of families"),
    "web:family_detail": N_("your family's page"),
    "web:family_plan": N_("the family plan"),
    "web:family_plan_print": N_("a printout of the family plan"),
    "web:family_plan_pdf": N_("the family plan as PDF"),
    "web:family_plan_versions": N_("the history of the family plan"),
    "web:family_plan_diff": N_("changes to the family plan"),
    "web:meeting_list": N_("the list of meetings"),
    "web:meeting_detail": N_("a meeting"),
    "web:referral_list": N_("the list of referrals"),
    "web:referral_detail": N_("a referral"),
    "web:transition_list": N_("the list of transitions"),
    "web:consent_letter": N_("a consent receipt letter"),
    "web:consent_document": N_("a signed consent form"),
    "portal:start": N_("Min side"),
    "portal:consents": N_("Min side: consents"),
    "portal:plan": N_("Min side: the plan"),
    "portal:plan_pdf": N_("Min side: the plan as PDF"),
    "portal:meetings": N_("Min side: meetings"),
    "portal:access_log": N_("Min side: the access log"),
    "portal:access_log_csv": N_("Min side: the access log as CSV"),
    "portal:data_json": N_("Min side: a copy of the data (JSON)"),
    "portal:data_pdf": N_("Min side: a copy of the data (PDF)"),
}


def through_label(event: AccessEvent) -> str:
    from django.utils.translation import gettext as _

    if event.channel == Channel.API:
        return _("the API (a system used by the organisation)")
    view = event.through.split(" ", 1)[-1]
    label = THROUGH_LABELS.get(view)
    if label:
        return _(label)
    if event.channel == Channel.EXPORT:
        return _("a report")
    return _("a page in Helhet")


# What the log's pseudo-categories mean.
PSEUDO_LABELS = {
    IDENTITY: N_("name and national identity number"),
    PLAN_CATEGORY: N_("the family plan"),
    CONSENT_CATEGORY: N_("consents"),
    "consent_form": N_("a signed consent form"),
    MEETING_CATEGORY: N_("meetings"),
    ACCESS_LOG_CATEGORY: N_("the access log"),
    DATA_COPY_CATEGORY: N_("a copy of the data"),
}


def category_words(categories: list[str]) -> list[str]:
    from django.utils.translation import gettext as _

    words = []
    for c in categories:
        if c in InformationCategory.values:
            words.append(str(InformationCategory(c).label).lower())
        else:
            words.append(_(PSEUDO_LABELS.get(c, c)))
    return words


@dataclass
class LogLine:
    event: AccessEvent
    who: str
    organisation: str
    what: list[str]
    where: str
    by_person: bool

    @property
    def denied(self) -> bool:
        return self.event.outcome == Outcome.DENIED

    def sentence(self) -> str:
        from django.utils.formats import date_format
        from django.utils.translation import gettext as _

        when = date_format(timezone.localtime(self.event.at), "DATETIME_FORMAT")
        what = ", ".join(self.what)
        if self.by_person:
            if self.event.reason == "guardian":
                return _("A guardian opened %(what)s on %(where)s, %(when)s.") % {
                    "what": what,
                    "where": self.where,
                    "when": when,
                }
            return _("You opened %(what)s on %(where)s, %(when)s.") % {
                "what": what,
                "where": self.where,
                "when": when,
            }
        if self.denied:
            return _(
                "%(who)s at %(org)s tried to see %(what)s through %(where)s, %(when)s, "
                "and was refused."
            ) % {
                "who": self.who,
                "org": self.organisation,
                "what": what,
                "where": self.where,
                "when": when,
            }
        return _("%(who)s at %(org)s saw %(what)s through %(where)s, %(when)s.") % {
            "who": self.who,
            "org": self.organisation,
            "what": what,
            "where": self.where,
            "when": when,
        }


@dataclass
class LogFilter:
    organisation_id: int | None = None  # 0: Min side itself
    category: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass
class AccessLog:
    lines: list[LogLine]
    organisations: list[tuple[int, str]]
    categories: list[tuple[str, str]]


def access_log_for(
    *,
    subject: Subject,
    through: str,
    filters: LogFilter | None = None,
    log: bool = True,
    channel: str = Channel.WEB,
) -> AccessLog:
    """Every read of the subject's data, by anyone, newest first (as far as the viewer sees
    the categories read). Four queries, whatever the number of reads."""
    from django.utils.translation import gettext as _

    filters = filters or LogFilter()
    qs = AccessEvent.objects.filter(person=subject.person)
    if filters.organisation_id == 0:
        qs = qs.filter(role=PERSON_ROLE)
    elif filters.organisation_id:
        qs = qs.filter(organisation_id=filters.organisation_id)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(at__date__lte=filters.date_to)
    events = [
        e
        for e in qs.order_by("-at", "-id")
        if subject.shows(e.categories)
        and (not filters.category or filters.category in e.categories)
    ]
    users = {u.pk: u for u in User.objects.filter(pk__in={e.user_id for e in events if e.user_id})}
    lines = []
    for e in events:
        by_person = e.role == PERSON_ROLE
        user = users.get(e.user_id or 0)
        who = (user.get_full_name() or user.get_username()) if user else e.username
        lines.append(
            LogLine(
                event=e,
                who=_("Min side") if by_person else who,
                organisation=_("Min side") if by_person else e.organisation_name,
                what=category_words(list(e.categories)),
                where=through_label(e),
                by_person=by_person,
            )
        )
    organisations = sorted(
        {
            (e["organisation_id"], e["organisation_name"])
            for e in AccessEvent.objects.filter(
                person=subject.person, organisation_id__isnull=False
            )
            .values("organisation_id", "organisation_name")
            .distinct()
        },
        key=lambda o: o[1],
    )
    categories = [
        (c.value, str(c.label)) for c in InformationCategory if c.value in subject.categories
    ]
    if log:
        person_access_record(
            subject=subject,
            categories=[IDENTITY, ACCESS_LOG_CATEGORY],
            through=through,
            channel=channel,
        )
    return AccessLog(lines=lines, organisations=organisations, categories=categories)


# --- A copy of my data (the right of access) ----------------------------------------------


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def data_copy_for(
    *, subject: Subject, through: str, channel: str = Channel.EXPORT
) -> dict[str, object]:
    """Everything Helhet holds about the subject that the viewer may see, as plain data."""
    person = subject.person
    on = today()
    entries = [
        e
        for e in InformationEntry.objects.filter(person=person).select_related("organisation")
        if subject.shows([e.category])
    ]
    involvements = [
        i
        for i in Involvement.objects.filter(person=person).select_related("organisation")
        if subject.shows([i.category])
    ]
    # One access event for the whole copy (below), not one per part.
    consents = consents_for(subject=subject, through=through, log=False)
    plans = plans_for(subject=subject, through=through, log=False)
    meetings = meetings_for(subject=subject, through=through, log=False)
    log = access_log_for(subject=subject, through=through, log=False)
    active = set(
        Involvement.objects.filter(involvement_active_q(on), person=person).values_list(
            "pk", flat=True
        )
    )
    copy: dict[str, object] = {
        "generated_at": timezone.now().isoformat(),
        "person": {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "birth_date": _iso(person.birth_date),
            "national_id": person.national_id,
        },
        "organisations_working_with_you": [
            {
                "organisation": i.organisation.name,
                "category": i.category,
                "started_on": _iso(i.started_on),
                "ended_on": _iso(i.ended_on),
                "legal_basis": i.basis,
                "active": i.pk in active,
            }
            for i in involvements
        ],
        "information": [
            {
                "organisation": e.organisation.name,
                "category": e.category,
                "title": e.title,
                "text": e.text,
                "recorded_at": _iso(e.recorded_at),
            }
            for e in entries
        ],
        "consents": [
            {
                "shared_with": [o.name for o in r.organisations],
                "categories": r.categories,
                "purpose": r.consent.purpose,
                "valid_from": _iso(r.consent.valid_from),
                "valid_until": _iso(r.consent.valid_until),
                "how_given": r.provenance,
                "in_effect": r.in_effect,
                "withdrawn_at": _iso(r.consent.withdrawn_at),
            }
            for r in consents
        ],
        "plans": [
            {
                "family": p.family.name,
                "coordinator": p.coordinator_name,
                "revise_on": _iso(p.plan.revise_on) if p.plan else None,
                "goals": [
                    {"text": g.goal.text, "comments": [c.text for c in g.comments]} for g in p.goals
                ],
                "measures": [
                    {
                        "title": m.title,
                        "owned_by": m.organisation.name,
                        "category": m.category,
                        "status": m.status,
                        "due_date": _iso(m.due_date),
                    }
                    for m in p.measures
                ],
            }
            for p in plans
        ],
        "meetings": [
            {
                "title": r.meeting.title,
                "starts_at": _iso(r.meeting.starts_at),
                "ends_at": _iso(r.meeting.ends_at),
                "location": r.meeting.location,
                "participants": r.who(),
                "your_answer": r.answer.answer if r.answer else None,
                "your_topics": [t.text for t in r.topics],
            }
            for r in meetings
        ],
        "access_log": [
            {
                "at": _iso(line.event.at),
                "who": line.who,
                "organisation": line.organisation,
                "categories": list(line.event.categories),
                "through": line.where,
                "outcome": line.event.outcome,
                "sentence": line.sentence(),
            }
            for line in log.lines
        ],
    }
    person_access_record(
        subject=subject,
        categories=[
            IDENTITY,
            DATA_COPY_CATEGORY,
            CONSENT_CATEGORY,
            MEETING_CATEGORY,
            ACCESS_LOG_CATEGORY,
            *(e.category for e in entries),
            *(i.category for i in involvements),
            *(c for r in consents for c in r.categories),
            *(m.category for p in plans for m in p.measures),
            *([PLAN_CATEGORY] if any(p.plan for p in plans) else []),
        ],
        through=through,
        channel=channel,
    )
    return copy


# --- Staff: what child welfare has restricted ----------------------------------------------


@dataclass
class GuardianRow:
    guardian: Person
    restriction: GuardianRestriction | None


@dataclass
class ChildRestrictions:
    child: Person
    guardians: list[GuardianRow]


def guardian_restrictions_for(
    *, actor: Actor, child_id: int, channel: str, through: str
) -> ChildRestrictions:
    """A child's guardians and whether each is restricted on Min side, for the child-welfare
    service that works with the child (others: the same 404 as for an unknown person)."""
    from helhet.audit.services import access_record, deny_unknown
    from helhet.people.errors import PersonNotFound
    from helhet.people.selectors import person_known_or_404

    child = person_known_or_404(actor, child_id, channel=channel, through=through)
    if actor.organisation.kind != OrganisationKind.CHILD_WELFARE:
        deny_unknown(
            PersonNotFound(),
            actor=actor,
            target_ref="",
            channel=channel,
            through=through,
            reason="not_child_welfare",
            categories=[IDENTITY],
            person_ids=[child.pk],
        )
    guardians = list(
        Person.objects.filter(
            relations_as_relative__person=child, relations_as_relative__kind=RelationKind.GUARDIAN
        ).distinct()
    )
    restrictions = {
        r.guardian_id: r
        for r in GuardianRestriction.objects.filter(child=child, lifted_at__isnull=True)
    }
    access_record(
        actor=actor,
        person_ids=[child.pk, *(g.pk for g in guardians)],
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )
    return ChildRestrictions(
        child=child,
        guardians=[GuardianRow(guardian=g, restriction=restrictions.get(g.pk)) for g in guardians],
    )
