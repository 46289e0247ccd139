"""The referral state machine.

    sent ──acknowledge──▶ acknowledged ──accept──▶ accepted ──complete──▶ completed
      │                        ├──decline (reason)──▶ declined
      │                        └──redirect (reason)─▶ redirected  (+ a new referral, sent)
      └──────────── withdraw (reason, sender side) ◀──┘

The receiver acknowledges within a deadline counted in working days; the sender (or a manager
of the sending organisation) may withdraw while the referral is not yet accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.consent.models import Involvement, InvolvementBasis
from helhet.consent.policies import consented_categories_for_organisation, involvement_active_q
from helhet.consent.services import involvement_open_for
from helhet.core.categories import InformationCategory
from helhet.core.dates import today
from helhet.core.working_days import add_working_days
from helhet.people.errors import NoPersonalDataAccess
from helhet.people.services import person_for_write
from helhet.referrals.errors import (
    ReasonRequired,
    ReferralInvalid,
    ReferralNotFound,
    ReferralStateError,
)
from helhet.referrals.models import DeadlineRule, Referral, ReferralEvent, ReferralStatus
from helhet.referrals.policies import require_deadline_setter, require_receiver, require_withdrawer
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation

S = ReferralStatus
# Which step may be taken from which status, and by which side.
RECEIVER_STEPS: dict[str, tuple[str, ...]] = {
    "acknowledge": (S.SENT,),
    "accept": (S.ACKNOWLEDGED,),
    "decline": (S.ACKNOWLEDGED,),
    "redirect": (S.ACKNOWLEDGED,),
    "complete": (S.ACCEPTED,),
}
SENDER_STEPS: dict[str, tuple[str, ...]] = {"withdraw": (S.SENT, S.ACKNOWLEDGED)}


def deadline_days(from_organisation_id: int, to_organisation_id: int) -> int:
    rule = DeadlineRule.objects.filter(
        from_organisation_id=from_organisation_id, to_organisation_id=to_organisation_id
    ).first()
    return rule.working_days if rule else settings.REFERRAL_DEADLINE_WORKING_DAYS


def _clean_categories(categories: Iterable[str]) -> list[str]:
    cats = sorted(set(categories))
    unknown = [c for c in cats if c not in InformationCategory.values]
    if unknown:
        raise ReferralInvalid(_("Unknown information category: %(c)s.") % {"c": ", ".join(unknown)})
    return cats


def _create(
    *,
    actor: Actor,
    person_id: int,
    to_organisation: Organisation,
    reason: str,
    categories: list[str],
    previous: Referral | None = None,
) -> Referral:
    if to_organisation.pk == actor.organisation_id:
        raise ReferralInvalid(N_("An organisation cannot refer to itself."))
    if to_organisation.municipality_id != actor.municipality_id:
        raise ReferralInvalid(N_("Referrals go to organisations in the same municipality."))
    consented = consented_categories_for_organisation(to_organisation.pk, [person_id]).get(
        person_id, set()
    )
    missing = [c for c in categories if c not in consented]
    if missing:
        labels = ", ".join(str(InformationCategory(c).label).lower() for c in missing)
        raise ReferralInvalid(
            _("The person has not consented to share %(c)s with %(org)s.")
            % {"c": labels, "org": to_organisation.name},
            details={"categories": missing},
        )
    sent_on = today()
    referral = Referral(
        municipality_id=actor.municipality_id,
        person_id=person_id,
        from_organisation_id=actor.organisation_id,
        to_organisation=to_organisation,
        sent_by=actor.user,
        reason=reason,
        categories=categories,
        deadline=add_working_days(
            sent_on, deadline_days(actor.organisation_id, to_organisation.pk)
        ),
        previous=previous,
        redirect_count=(previous.redirect_count + 1) if previous else 0,
    )
    referral.full_clean()
    referral.save()
    _event(actor, referral, "", S.SENT, reason)
    change_record(
        actor=actor,
        action="referral.send",
        instance=referral,
        person_id=person_id,
        changes={
            "to": to_organisation.pk,
            "categories": categories,
            "deadline": referral.deadline,
            "previous": previous.pk if previous else None,
        },
    )
    return referral


@transaction.atomic
def referral_send(
    *,
    actor: Actor,
    person_id: int,
    to_organisation_id: int,
    reason: str,
    categories: Iterable[str] = (),
) -> Referral:
    """Send a referral about a person the actor's organisation works with."""
    person_for_write(actor, person_id)
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(N_("Say why the person is referred."))
    to_organisation = Organisation.objects.filter(pk=to_organisation_id).first()
    if to_organisation is None:
        raise ReferralInvalid(N_("The receiving organisation does not exist."))
    return _create(
        actor=actor,
        person_id=person_id,
        to_organisation=to_organisation,
        reason=reason,
        categories=_clean_categories(categories),
    )


def _event(actor: Actor, referral: Referral, before: str, after: str, note: str = "") -> None:
    ReferralEvent.objects.create(
        referral=referral,
        user=actor.user,
        organisation_id=actor.organisation_id,
        from_status=before,
        to_status=after,
        note=note,
    )


def _locked(actor: Actor, referral_id: int) -> Referral:
    if not actor.works_with_people:
        raise NoPersonalDataAccess()
    referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None or actor.organisation_id not in (
        referral.from_organisation_id,
        referral.to_organisation_id,
    ):
        raise ReferralNotFound()
    return referral


def _step(actor: Actor, referral_id: int, step: str, note: str = "") -> tuple[Referral, str]:
    referral = _locked(actor, referral_id)
    if step in RECEIVER_STEPS:
        require_receiver(actor, referral)
        allowed = RECEIVER_STEPS[step]
    else:
        require_withdrawer(actor, referral)
        allowed = SENDER_STEPS[step]
    if referral.status not in allowed:
        raise ReferralStateError(
            _("A referral that is %(status)s cannot be %(step)s.")
            % {"status": referral.get_status_display().lower(), "step": _step_label(step)},
            details={"status": referral.status, "step": step},
        )
    return referral, referral.status


def _step_label(step: str) -> str:
    return {
        "acknowledge": _("acknowledged"),
        "accept": _("accepted"),
        "decline": _("declined"),
        "redirect": _("redirected"),
        "complete": _("completed"),
        "withdraw": _("withdrawn"),
    }[step]


def _save(actor: Actor, referral: Referral, before: str, note: str, fields: list[str]) -> Referral:
    referral.save(update_fields=["status", *fields])
    _event(actor, referral, before, referral.status, note)
    change_record(
        actor=actor,
        action=f"referral.{referral.status}",
        instance=referral,
        person_id=referral.person_id,
        changes={"from": before, "to": referral.status, "note": note},
    )
    return referral


def _require(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ReasonRequired(message)
    return text


@transaction.atomic
def referral_acknowledge(*, actor: Actor, referral_id: int) -> Referral:
    referral, before = _step(actor, referral_id, "acknowledge")
    referral.status = S.ACKNOWLEDGED
    referral.acknowledged_at = timezone.now()
    return _save(actor, referral, before, "", ["acknowledged_at"])


@transaction.atomic
def referral_accept(*, actor: Actor, referral_id: int) -> Referral:
    """Accept: the receiving organisation takes the person on (an involvement is opened)."""
    referral, before = _step(actor, referral_id, "accept")
    referral.status = S.ACCEPTED
    referral.decided_at = timezone.now()
    _save(actor, referral, before, "", ["decided_at"])
    already = Involvement.objects.filter(
        involvement_active_q(today()),
        organisation_id=actor.organisation_id,
        person_id=referral.person_id,
    ).exists()
    if not already:
        involvement_open_for(
            actor=actor,
            organisation=actor.organisation,
            person=referral.person,
            started_on=today(),
            responsible=actor.user,
            basis=InvolvementBasis.REFERRAL,
            basis_reference=f"referral:{referral.pk}",
            decided_by=actor.user,
        )
    return referral


@transaction.atomic
def referral_decline(*, actor: Actor, referral_id: int, reason: str) -> Referral:
    reason = _require(reason, N_("Say why the referral is declined."))
    referral, before = _step(actor, referral_id, "decline")
    referral.status = S.DECLINED
    referral.decided_at = referral.closed_at = timezone.now()
    referral.decision_reason = reason
    return _save(actor, referral, before, reason, ["decided_at", "closed_at", "decision_reason"])


@transaction.atomic
def referral_redirect(
    *, actor: Actor, referral_id: int, to_organisation_id: int, reason: str
) -> Referral:
    """Send the person on to another organisation; returns the new referral.

    The new referral keeps only the categories the person has consented to share with the new
    receiver, and counts one more redirection in the chain.
    """
    reason = _require(reason, N_("Say why the referral is sent on."))
    referral, before = _step(actor, referral_id, "redirect")
    target = Organisation.objects.filter(pk=to_organisation_id).first()
    if target is None:
        raise ReferralInvalid(N_("The receiving organisation does not exist."))
    referral.status = S.REDIRECTED
    referral.decided_at = referral.closed_at = timezone.now()
    referral.decision_reason = reason
    _save(actor, referral, before, reason, ["decided_at", "closed_at", "decision_reason"])
    consented = consented_categories_for_organisation(target.pk, [referral.person_id]).get(
        referral.person_id, set()
    )
    return _create(
        actor=actor,
        person_id=referral.person_id,
        to_organisation=target,
        reason=_("%(original)s\n\nSent on by %(org)s: %(reason)s")
        % {"original": referral.reason, "org": actor.organisation.name, "reason": reason},
        categories=[c for c in referral.categories if c in consented],
        previous=referral,
    )


@transaction.atomic
def referral_complete(*, actor: Actor, referral_id: int, outcome: str) -> Referral:
    outcome = _require(outcome, N_("Describe the outcome."))
    referral, before = _step(actor, referral_id, "complete")
    referral.status = S.COMPLETED
    referral.closed_at = timezone.now()
    referral.outcome = outcome
    return _save(actor, referral, before, outcome, ["closed_at", "outcome"])


@transaction.atomic
def referral_withdraw(*, actor: Actor, referral_id: int, reason: str) -> Referral:
    reason = _require(reason, N_("Say why the referral is withdrawn."))
    referral, before = _step(actor, referral_id, "withdraw")
    referral.status = S.WITHDRAWN
    referral.closed_at = timezone.now()
    referral.decision_reason = reason
    return _save(actor, referral, before, reason, ["closed_at", "decision_reason"])


@transaction.atomic
def deadline_rule_set(
    *,
    actor: Actor,
    from_organisation_id: int,
    to_organisation_id: int,
    working_days: int,
    basis: str = "",
) -> DeadlineRule:
    """Managers and administrators agree deadlines for their own organisation's referrals."""
    require_deadline_setter(actor, from_organisation_id, to_organisation_id)
    if from_organisation_id == to_organisation_id:
        raise ReferralInvalid(N_("An organisation cannot refer to itself."))
    orgs = Organisation.objects.filter(
        pk__in=[from_organisation_id, to_organisation_id], municipality_id=actor.municipality_id
    ).count()
    if orgs != 2:
        raise ReferralInvalid(N_("Both organisations must exist in your municipality."))
    if not 1 <= working_days <= 60:
        raise ReferralInvalid(N_("A deadline is between 1 and 60 working days."))
    if DeadlineRule.objects.filter(
        from_organisation_id=from_organisation_id,
        to_organisation_id=to_organisation_id,
        from_agreement=True,
    ).exists():
        raise ReferralInvalid(
            N_(
                "This deadline was agreed in a service agreement in force. Change it with a "
                "new version of the agreement, signed by every party."
            ),
            details={"field": "working_days"},
        )
    rule, _created = DeadlineRule.objects.update_or_create(
        from_organisation_id=from_organisation_id,
        to_organisation_id=to_organisation_id,
        defaults={
            "working_days": working_days,
            "basis": basis.strip(),
            "municipality_id": actor.municipality_id,
        },
    )
    change_record(
        actor=actor,
        action="referral.deadline_rule",
        instance=rule,
        changes={"from": from_organisation_id, "to": to_organisation_id, "days": working_days},
    )
    return rule


def deadline_for(*, from_organisation_id: int, to_organisation_id: int, sent_on: date) -> date:
    return add_working_days(sent_on, deadline_days(from_organisation_id, to_organisation_id))
