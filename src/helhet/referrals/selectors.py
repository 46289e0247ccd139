"""Reads of referrals: the inbox, the outbox, one referral, the overdue and back-and-forth ones.

A referral is seen by the sending and the receiving organisation only. What it carries from
the sender's records is shown to the receiver only while the person's consent still covers it.
Lists log one identity read per person listed, in one INSERT; query counts do not grow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from helhet.audit.services import access_record, deny_unknown
from helhet.consent.policies import consented_categories_for_organisation
from helhet.core.categories import IDENTITY
from helhet.core.dates import today
from helhet.people.models import InformationEntry
from helhet.people.selectors import require_case_role
from helhet.referrals.errors import ReferralNotFound
from helhet.referrals.models import (
    BACK_AND_FORTH_REDIRECTS,
    OPEN_STATUSES,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from helhet.tenancy.actor import Actor


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related(
        "person", "from_organisation", "to_organisation", "sent_by"
    )


def _with_overdue(qs: QuerySet[Referral], on: date) -> QuerySet[Referral]:
    return qs.annotate(
        overdue=Case(
            When(status=ReferralStatus.SENT, deadline__lt=on, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _log_list(actor: Actor, referrals: Sequence[Referral], channel: str, through: str) -> None:
    access_record(
        actor=actor,
        person_ids=sorted({r.person_id for r in referrals}),
        categories=[IDENTITY],
        channel=channel,
        through=through,
    )


def referral_inbox_for(
    *, actor: Actor, channel: str, through: str, limit: int = 200
) -> list[Referral]:
    """Open referrals to the actor's organisation: overdue first, then by deadline."""
    require_case_role(actor, channel=channel, through=through, target="referral-inbox")
    on = today()
    referrals = list(
        _with_overdue(
            _base().filter(to_organisation_id=actor.organisation_id, status__in=OPEN_STATUSES), on
        ).order_by("-overdue", "deadline", "sent_at", "id")[:limit]
    )
    _log_list(actor, referrals, channel, through)
    return referrals


def referral_outbox_for(
    *, actor: Actor, channel: str, through: str, limit: int = 200
) -> list[Referral]:
    """Referrals the actor's organisation has sent, open ones first, newest first."""
    require_case_role(actor, channel=channel, through=through, target="referral-outbox")
    on = today()
    referrals: list[Referral] = list(
        _with_overdue(_base().filter(from_organisation_id=actor.organisation_id), on)
        .annotate(
            open=Case(
                When(status__in=OPEN_STATUSES, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-open", "-overdue", "-sent_at", "-id")[:limit]
    )
    _log_list(actor, referrals, channel, through)
    return referrals


@dataclass
class ReferralView:
    referral: Referral
    events: list[ReferralEvent]
    # The sender's entries in the shared categories that consent still covers.
    shared_entries: list[InformationEntry] = field(default_factory=list)
    # Categories sent with the referral whose consent no longer holds.
    no_longer_shared: list[str] = field(default_factory=list)
    overdue: bool = False


def referral_get_for(*, actor: Actor, referral_id: int, channel: str, through: str) -> ReferralView:
    require_case_role(actor, channel=channel, through=through, target=f"referral:{referral_id}")
    referral = (
        _base()
        .filter(pk=referral_id)
        .filter(
            Q(from_organisation_id=actor.organisation_id)
            | Q(to_organisation_id=actor.organisation_id)
        )
        .first()
    )
    if referral is None:
        deny_unknown(
            ReferralNotFound(),
            actor=actor,
            target_ref=f"referral:{referral_id}",
            channel=channel,
            through=through,
            reason="not_a_party",
        )
    if actor.organisation_id == referral.from_organisation_id:
        shared = set(referral.categories)
    else:
        still = consented_categories_for_organisation(
            actor.organisation_id, [referral.person_id]
        ).get(referral.person_id, set())
        shared = set(referral.categories) & still
    entries = list(
        InformationEntry.objects.filter(
            person_id=referral.person_id,
            organisation_id=referral.from_organisation_id,
            category__in=sorted(shared),
        ).select_related("organisation")
    )
    events = list(referral.events.select_related("user", "organisation"))
    access_record(
        actor=actor,
        person_ids=[referral.person_id],
        categories=[IDENTITY, *sorted(shared)],
        channel=channel,
        through=through,
        owners={referral.person_id: {e.organisation_id for e in entries}},
    )
    return ReferralView(
        referral=referral,
        events=events,
        shared_entries=entries,
        no_longer_shared=sorted(set(referral.categories) - shared),
        overdue=referral.status == ReferralStatus.SENT and referral.deadline < today(),
    )


def referrals_overdue(*, on: date) -> QuerySet[Referral]:
    """System scan for the reminder job: sent, not acknowledged, and past the deadline."""
    return _base().filter(status=ReferralStatus.SENT, deadline__lt=on).order_by("deadline", "id")


def back_and_forth_for(*, actor: Actor, channel: str, through: str) -> list[Referral]:
    """Open referrals whose person has been sent on twice or more without being accepted,
    among those the actor's organisation sent or received (the parties who can open them)."""
    require_case_role(actor, channel=channel, through=through, target="back-and-forth")
    org = actor.organisation_id
    referrals = list(
        _base()
        .filter(status__in=OPEN_STATUSES, redirect_count__gte=BACK_AND_FORTH_REDIRECTS)
        .filter(Q(from_organisation_id=org) | Q(to_organisation_id=org))
        .order_by("sent_at", "id")
    )
    _log_list(actor, referrals, channel, through)
    return referrals
