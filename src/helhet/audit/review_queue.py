"""The privacy officer's review queue: the flagged reads of their municipality and findings.

The queue shows who read, for which organisation, when, which categories, through which page
and which rule flagged it — not whom. Seeing the person read is a separate step, and is
itself a read of the person's identity, logged like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.audit.errors import (
    ReviewAlreadyDecided,
    ReviewFlagNotFound,
    ReviewNotAllowed,
    ReviewOutcomeInvalid,
)
from helhet.audit.models import ReviewFlag, ReviewOutcome, ReviewRule, ReviewVerdict
from helhet.audit.policies import can_review_log
from helhet.audit.services import access_record, change_record
from helhet.core.categories import IDENTITY
from helhet.notifications.services import notify
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Membership, Role, User

if TYPE_CHECKING:
    from helhet.people.models import Person

OPEN = "open"
NOTE_MAX_LENGTH = 4000
OUTCOME_FILTERS = (OPEN, ReviewVerdict.JUSTIFIED, ReviewVerdict.NOT_JUSTIFIED)


def _require_privacy_officer(actor: Actor) -> None:
    if not can_review_log(actor):
        raise ReviewNotAllowed()


def review_flags_for(*, actor: Actor, rule: str = "", outcome: str = "") -> QuerySet[ReviewFlag]:
    """The flags of the actor's municipality, newest first, with their event and outcome in
    a fixed number of queries. No person is read: the rows carry no names."""
    _require_privacy_officer(actor)
    qs = (
        ReviewFlag.objects.filter(municipality_id=actor.municipality_id)
        .select_related("access_event")
        .prefetch_related("outcomes")
        .order_by("-created_at", "-id")
    )
    if rule:
        if rule not in ReviewRule.values:
            raise ReviewOutcomeInvalid(_("Unknown rule: %(r)s.") % {"r": rule})
        qs = qs.filter(rule=rule)
    if outcome:
        if outcome not in OUTCOME_FILTERS:
            raise ReviewOutcomeInvalid(_("Unknown outcome: %(o)s.") % {"o": outcome})
        qs = (
            qs.filter(outcomes__isnull=True)
            if outcome == OPEN
            else qs.filter(outcomes__verdict=outcome)
        )
    return qs


def review_flag_get_for(*, actor: Actor, flag_id: int) -> ReviewFlag:
    _require_privacy_officer(actor)
    flag = (
        ReviewFlag.objects.filter(pk=flag_id, municipality_id=actor.municipality_id)
        .select_related("access_event")
        .prefetch_related("outcomes")
        .first()
    )
    if flag is None:
        raise ReviewFlagNotFound()
    return flag


@dataclass
class FlaggedPerson:
    flag: ReviewFlag
    person: Person | None
    target_ref: str


def review_flag_person_for(
    *, actor: Actor, flag_id: int, channel: str, through: str
) -> FlaggedPerson:
    """Whom the flagged read was about. Showing it is a read of the person's identity, and is
    logged (the person sees the privacy officer's look in their own access log)."""
    flag = review_flag_get_for(actor=actor, flag_id=flag_id)
    event = flag.access_event
    person = event.person if event.person_id else None
    if person is not None:
        access_record(
            actor=actor,
            person_ids=[person.pk],
            categories=[IDENTITY],
            channel=channel,
            through=through,
        )
    return FlaggedPerson(flag=flag, person=person, target_ref=event.target_ref)


def _managers_of(organisation_id: int) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id,
            role=Role.MANAGER,
            active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]


@transaction.atomic
def review_outcome_record(*, actor: Actor, flag_id: int, verdict: str, note: str) -> ReviewOutcome:
    """Record the finding on a flag. "Not justified" tells the managers of the reader's
    organisation, who follow it up with their staff; the notice names no person."""
    flag = review_flag_get_for(actor=actor, flag_id=flag_id)
    # Two officers deciding at once: the row lock (PostgreSQL; SQLite's write transactions
    # are serial already) makes the second wait and then find the first one's outcome.
    list(ReviewFlag.objects.select_for_update().filter(pk=flag.pk).values_list("pk", flat=True))
    if ReviewOutcome.objects.filter(flag_id=flag.pk).exists():
        raise ReviewAlreadyDecided()
    if verdict not in ReviewVerdict.values:
        raise ReviewOutcomeInvalid(
            _("The outcome must be justified or not justified."), details={"verdict": "invalid"}
        )
    note = (note or "").strip()
    if not note:
        raise ReviewOutcomeInvalid(_("Write a note on why."), details={"note": "required"})
    if len(note) > NOTE_MAX_LENGTH:
        raise ReviewOutcomeInvalid(
            _("The note is too long (at most %(n)s characters).") % {"n": NOTE_MAX_LENGTH},
            details={"note": "too_long"},
        )
    outcome = ReviewOutcome(
        municipality_id=flag.municipality_id,
        flag=flag,
        verdict=verdict,
        note=note,
        decided_by=actor.user,
        decided_by_username=actor.user.get_username(),
    )
    outcome.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            outcome.save()
    except IntegrityError as exc:  # decided meanwhile, by a path the lock did not cover
        raise ReviewAlreadyDecided() from exc
    event = flag.access_event
    change_record(
        actor=actor,
        action="review.outcome",
        instance=outcome,
        # The note may name people; it stays in the outcome, not in the change log.
        changes={"flag": flag.pk, "rule": flag.rule, "verdict": verdict},
        person_id=event.person_id,
    )
    if verdict == ReviewVerdict.NOT_JUSTIFIED and event.organisation_id:
        read_on = timezone.localtime(event.at).strftime("%d.%m.%Y")
        for manager in _managers_of(event.organisation_id):
            notify(
                recipient=manager,
                kind="review_not_justified",
                key=f"review-not-justified:{flag.pk}",
                title=_(
                    "Log review: a read by %(user)s on %(date)s was found not justified "
                    "(case %(flag)s)"
                )
                % {"user": event.username, "date": read_on, "flag": flag.pk},
                body=_(
                    "The privacy officer found that a read of personal data made by your "
                    "organisation's staff was not justified. Follow it up with the member of "
                    "staff; the privacy officer has the details."
                ),
                url=reverse("web:access_log"),
                municipality_id=flag.municipality_id,
            )
    return outcome


def review_counts_for(*, actor: Actor) -> dict[str, int]:
    """Open flags per rule, for the queue's heading."""
    _require_privacy_officer(actor)
    counts = dict.fromkeys(ReviewRule.values, 0)
    for rule, n in (
        ReviewFlag.objects.filter(municipality_id=actor.municipality_id, outcomes__isnull=True)
        .values("rule")
        .annotate(n=Count("id"))
        .values_list("rule", "n")
    ):
        counts[rule] = n
    return counts
