"""Who may see the audit trail, and who reviews it.

A person's own log (who has looked at them) depends on their involvements and is the consent
policy's (``consent.policies.can_see_access_log``).
"""

from __future__ import annotations

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

LOG_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


def can_see_organisation_log(actor: Actor) -> bool:
    """Managers and administrators see their organisation's logs: the reads its staff made,
    the reads of its data by other organisations, and its change log."""
    return actor.role in LOG_ROLES


def can_review_log(actor: Actor) -> bool:
    """The municipality's privacy officer, and only they, reviews the flagged reads."""
    return actor.role == Role.PRIVACY_OFFICER
