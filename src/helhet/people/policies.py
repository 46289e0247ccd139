"""Who may work with people's data at all, and who may decide a guardianship.

Which persons and which pieces of their data an actor may read is the consent policy's
(``consent.policies``: involvement and consent); these are the people app's own rules.
"""

from __future__ import annotations

from helhet.consent.policies import can_decide_basis
from helhet.people.errors import GuardianshipNotFree, NoPersonalDataAccess
from helhet.tenancy.actor import Actor


def can_work_with_people(actor: Actor) -> bool:
    """Caseworkers, coordinators and managers; administrators and researchers never read or
    write a person's data."""
    return actor.works_with_people


def require_people_role(actor: Actor) -> None:
    if not can_work_with_people(actor):
        raise NoPersonalDataAccess()


def can_decide_guardianship(actor: Actor) -> bool:
    """A guardian the register does not show is recorded by a manager's decision only."""
    return can_decide_basis(actor)


def require_guardianship_decider(actor: Actor) -> None:
    if not can_decide_guardianship(actor):
        raise GuardianshipNotFree()
