"""Who may see an organisation's staff, who administers the municipality's organisations, and
who may grant a membership."""

from __future__ import annotations

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, Role


def can_see_staff(actor: Actor, organisation: Organisation) -> bool:
    """An organisation's staff list is shown to its own members only."""
    return actor.organisation_id == organisation.pk


def can_grant_membership(granter_id: int | None, user_id: int | None) -> bool:
    """A membership is the key to personal data: nobody grants or changes their own (another
    administrator must)."""
    return user_id is None or user_id != granter_id


def can_administer_organisations(actor: Actor) -> bool:
    """Administrators run the organisations of their municipality (and read no personal data)."""
    return actor.role == Role.ADMINISTRATOR
