"""Who may use the observatory's analyses: the people who evaluate and steer collaboration.

Researchers, managers, coordinators and administrators see the analyses of their
municipality; caseworkers take part (they answer surveys, their meetings are counted) but do
not see the analyses. Every observatory app calls ``require_observatory`` before a read or a
write, and ``can_use_observatory`` to decide what to offer.
"""

from __future__ import annotations

from helhet.observatory.errors import NotObservatoryUser
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

OBSERVATORY_ROLES = frozenset({Role.RESEARCHER, Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR})


def can_use_observatory(actor: Actor) -> bool:
    return actor.role in OBSERVATORY_ROLES


def require_observatory(actor: Actor) -> None:
    if not can_use_observatory(actor):
        raise NotObservatoryUser()
