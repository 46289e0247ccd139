"""Writes on Min side. Each takes the signed-in person and the subject (from
``selectors.subject_get``), checks it again, and change-logs under "Min side" (never the
national ID) in the same transaction.

Staff writes live here too for what Min side owns: a child-welfare service restricting what
a guardian sees (``guardian_restriction_set``/``_lift``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.models import Consent
from helhet.consent.policies import persons_known_to
from helhet.consent.services import (
    PERSON_ACTOR,
    consent_sign_digitally,
    consent_withdraw_by_person,
)
from helhet.core.dates import today
from helhet.core.text import clean_text
from helhet.meetings.models import Meeting
from helhet.people.errors import NoPersonalDataAccess, PersonNotFound
from helhet.people.models import FamilyMember, Person, Relation, RelationKind
from helhet.plans.models import FamilyPlan, Goal, Measure, PlanVersion
from helhet.plans.snapshots import snapshot_of
from helhet.portal.errors import PortalInvalid, RestrictionInvalid, SubjectNotFound
from helhet.portal.models import (
    GoalAuthor,
    GoalComment,
    GuardianRestriction,
    MeetingAnswer,
    MeetingAnswerKind,
    MeetingTopic,
)
from helhet.portal.policies import Subject, subject_for
from helhet.portal.selectors import visible_meetings
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import OrganisationKind

MAX_TEXT = 4000


def _recheck(subject: Subject) -> Subject:
    fresh = subject_for(subject.signer, subject.person, today())
    if fresh is None:
        raise SubjectNotFound()
    return fresh


def _text(value: str, message: str) -> str:
    text = clean_text(value)
    if not text:
        raise PortalInvalid(message)
    if len(text) > MAX_TEXT:
        raise PortalInvalid(N_("The text is too long (4000 characters at most)."))
    return text


# --- Consents -------------------------------------------------------------------------------


def consent_give(
    *,
    subject: Subject,
    acr: str,
    organisation_ids: Iterable[int],
    categories: Iterable[str],
    purpose: str,
    valid_until: date | None,
) -> Consent:
    """The signed-in person gives a consent digitally, signed at the session's level."""
    subject = _recheck(subject)
    cats = sorted(set(categories))
    if any(not subject.shows([c]) for c in cats):
        raise SubjectNotFound()
    return consent_sign_digitally(
        signer=subject.signer,
        person=subject.person,
        organisation_ids=organisation_ids,
        categories=cats,
        purpose=purpose,
        valid_until=valid_until,
        acr=acr,
    )


def consent_withdraw(*, subject: Subject, consent_id: int, reason: str = "") -> Consent:
    """Withdraw a consent with one action: it stops covering anything at once."""
    subject = _recheck(subject)
    consent = (
        Consent.objects.filter(pk=consent_id, person=subject.person)
        .prefetch_related("categories")
        .first()
    )
    if consent is None or not subject.shows(consent.category_values):
        raise SubjectNotFound()
    return consent_withdraw_by_person(signer=subject.signer, consent_id=consent.pk, reason=reason)


# --- The plan's goals -----------------------------------------------------------------------


def _plan_of_subject(subject: Subject, plan_id: int) -> FamilyPlan:
    plan = (
        FamilyPlan.objects.select_for_update()
        .filter(
            pk=plan_id,
            family_id__in=FamilyMember.objects.filter(person=subject.person).values("family_id"),
        )
        .first()
    )
    if plan is None:
        raise SubjectNotFound()
    return plan


def _bump(plan: FamilyPlan, action: str) -> None:
    plan.version += 1
    plan.save(update_fields=["version", "updated_at"])
    goals = list(Goal.objects.filter(plan=plan).order_by("order", "id"))
    measures = list(
        Measure.objects.filter(plan=plan).select_related("person", "organisation", "responsible")
    )
    PlanVersion.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        number=plan.version,
        action=action,
        snapshot=snapshot_of(plan, goals, measures),
    )


@transaction.atomic
def goal_write(*, subject: Subject, plan_id: int, text: str) -> Goal:
    """The person writes one of the family's goals in their own words."""
    subject = _recheck(subject)
    plan = _plan_of_subject(subject, plan_id)
    text = _text(text, N_("Write the goal in your own words."))
    top = Goal.objects.filter(plan=plan).aggregate(top=Max("order"))["top"]
    goal = Goal(
        municipality_id=plan.municipality_id,
        plan=plan,
        text=text,
        order=1 if top is None else top + 1,
    )
    goal.full_clean()
    goal.save()
    GoalAuthor.objects.create(
        municipality_id=plan.municipality_id, goal=goal, person=subject.signer
    )
    change_record(
        actor=None,
        action="goal.add",
        instance=goal,
        person_id=subject.person.pk,
        municipality_id=plan.municipality_id,
        username=PERSON_ACTOR,
        changes={"text": text, "by": subject.relation},
    )
    _bump(plan, "goal.add")
    return goal


@transaction.atomic
def goal_edit(*, subject: Subject, goal_id: int, text: str) -> Goal:
    """The person edits a goal they wrote themselves."""
    subject = _recheck(subject)
    goal = Goal.objects.filter(pk=goal_id, author__person=subject.signer).first()
    if goal is None:
        raise SubjectNotFound()
    plan = _plan_of_subject(subject, goal.plan_id)
    text = _text(text, N_("Write the goal in your own words."))
    if text == goal.text:
        return goal
    goal.text = text
    goal.full_clean()
    goal.save(update_fields=["text"])
    change_record(
        actor=None,
        action="goal.update",
        instance=goal,
        person_id=subject.person.pk,
        municipality_id=plan.municipality_id,
        username=PERSON_ACTOR,
        changes={"text": text, "by": subject.relation},
    )
    _bump(plan, "goal.update")
    return goal


@transaction.atomic
def goal_comment(*, subject: Subject, goal_id: int, text: str) -> GoalComment:
    """The person comments on one of the family's goals."""
    subject = _recheck(subject)
    goal = Goal.objects.filter(pk=goal_id).first()
    if goal is None:
        raise SubjectNotFound()
    _plan_of_subject(subject, goal.plan_id)
    comment = GoalComment(
        municipality_id=goal.municipality_id,
        goal=goal,
        author=subject.signer,
        text=_text(text, N_("Write your comment.")),
    )
    comment.full_clean()
    comment.save()
    change_record(
        actor=None,
        action="goal.comment",
        instance=comment,
        person_id=subject.person.pk,
        municipality_id=goal.municipality_id,
        username=PERSON_ACTOR,
        changes={"goal": goal.pk, "text": comment.text},
    )
    return comment


# --- Meetings -------------------------------------------------------------------------------


def _meeting_of(subject: Subject, meeting_id: int) -> Meeting:
    # One meeting, through the same visibility rule as the list (no scan over all of them).
    found = visible_meetings(subject, meeting_id)
    if not found:
        raise SubjectNotFound()
    return found[0]


@transaction.atomic
def meeting_answer(*, subject: Subject, meeting_id: int, answer: str) -> MeetingAnswer:
    """Accept or decline a meeting (for oneself, or for a child as guardian)."""
    subject = _recheck(subject)
    if answer not in MeetingAnswerKind.values:
        raise PortalInvalid(N_("Say whether you will come."))
    meeting = _meeting_of(subject, meeting_id)
    row, _created = MeetingAnswer.objects.update_or_create(
        meeting=meeting,
        person=subject.person,
        defaults={
            "municipality_id": meeting.municipality_id,
            "answered_by": subject.signer,
            "answer": answer,
        },
    )
    change_record(
        actor=None,
        action="meeting.answer",
        instance=row,
        person_id=subject.person.pk,
        municipality_id=meeting.municipality_id,
        username=PERSON_ACTOR,
        changes={"meeting": meeting.pk, "answer": answer, "by": subject.relation},
    )
    return row


@transaction.atomic
def meeting_topic_add(*, subject: Subject, meeting_id: int, text: str) -> MeetingTopic:
    """Something the person wants raised at the meeting."""
    subject = _recheck(subject)
    meeting = _meeting_of(subject, meeting_id)
    topic = MeetingTopic(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        person=subject.person,
        raised_by=subject.signer,
        text=_text(text, N_("Write what you want to talk about.")),
    )
    topic.full_clean()
    topic.save()
    change_record(
        actor=None,
        action="meeting.topic",
        instance=topic,
        person_id=subject.person.pk,
        municipality_id=meeting.municipality_id,
        username=PERSON_ACTOR,
        changes={"meeting": meeting.pk, "text": topic.text},
    )
    return topic


# --- Staff: restricting what a guardian sees -----------------------------------------------


def _child_welfare_child(actor: Actor, child_id: int) -> Person:
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    if actor.organisation.kind != OrganisationKind.CHILD_WELFARE:
        raise RestrictionInvalid(
            N_("Only the child-welfare service can restrict what a guardian sees.")
        )
    child = persons_known_to(actor).filter(pk=child_id).first()
    if child is None:
        raise PersonNotFound()
    return child


@transaction.atomic
def guardian_restriction_set(
    *, actor: Actor, child_id: int, guardian_id: int, reason: str
) -> GuardianRestriction:
    """Child welfare decides that a guardian does not see the child's data on Min side."""
    child = _child_welfare_child(actor, child_id)
    if not Relation.objects.filter(
        person=child, relative_id=guardian_id, kind=RelationKind.GUARDIAN
    ).exists():
        raise RestrictionInvalid(N_("That person is not the child's guardian."))
    reason = clean_text(reason)
    if not reason:
        raise RestrictionInvalid(N_("Give the reason for the restriction."))
    existing = GuardianRestriction.objects.filter(
        child=child, guardian_id=guardian_id, lifted_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    restriction = GuardianRestriction(
        municipality_id=child.municipality_id,
        child=child,
        guardian_id=guardian_id,
        organisation=actor.organisation,
        reason=reason,
        decided_by=actor.user,
    )
    restriction.full_clean()
    restriction.save()
    change_record(
        actor=actor,
        action="guardian_restriction.set",
        instance=restriction,
        person_id=child.pk,
        changes={"guardian": guardian_id, "reason": reason},
    )
    return restriction


@transaction.atomic
def guardian_restriction_lift(*, actor: Actor, restriction_id: int) -> GuardianRestriction:
    restriction = (
        GuardianRestriction.objects.select_for_update()
        .filter(pk=restriction_id, lifted_at__isnull=True)
        .first()
    )
    if restriction is None:
        raise SubjectNotFound()
    _child_welfare_child(actor, restriction.child_id)
    restriction.lifted_at = timezone.now()
    restriction.lifted_by = actor.user
    restriction.save(update_fields=["lifted_at", "lifted_by"])
    change_record(
        actor=actor,
        action="guardian_restriction.lift",
        instance=restriction,
        person_id=restriction.child_id,
        changes={"lifted_at": restriction.lifted_at},
    )
    return restriction
