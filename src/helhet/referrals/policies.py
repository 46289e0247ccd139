"""Who may take which step with a referral.

The receiving organisation acknowledges, accepts, declines, completes and sends it on; the
sending organisation withdraws it, by the person who sent it or a manager. Managers and
administrators agree the deadlines of their own organisation's referrals. Others than the
two parties do not see the referral at all (``services`` and ``selectors`` answer 404).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.referrals.errors import ReferralNotYours
from helhet.referrals.models import Referral
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

DEADLINE_ROLES = (Role.MANAGER, Role.ADMINISTRATOR)


def is_receiver(actor: Actor, referral: Referral) -> bool:
    """Whether the page offers the receiver's steps."""
    return referral.to_organisation_id == actor.organisation_id


def require_receiver(actor: Actor, referral: Referral) -> None:
    if not is_receiver(actor, referral):
        raise ReferralNotYours()


def require_withdrawer(actor: Actor, referral: Referral) -> None:
    if referral.from_organisation_id != actor.organisation_id:
        raise ReferralNotYours(N_("Only the sending organisation can withdraw a referral."))
    if referral.sent_by_id != actor.user.pk and actor.role != Role.MANAGER:
        raise ReferralNotYours(N_("Only the sender or a manager can withdraw a referral."))


def require_deadline_setter(
    actor: Actor, from_organisation_id: int, to_organisation_id: int
) -> None:
    if actor.role not in DEADLINE_ROLES:
        raise ReferralNotYours(N_("Only managers and administrators can set referral deadlines."))
    if actor.organisation_id not in (from_organisation_id, to_organisation_id):
        raise ReferralNotYours(N_("You can only set deadlines that involve your organisation."))
