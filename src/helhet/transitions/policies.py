"""Who may do what with transitions.

The list of youths turning 18 is for roles that work with people. The municipality's
settings (horizon, aftercare age) are changed by a manager or an administrator. A plan is
made and changed by those who may see the child-welfare case, which is a question of what
the actor sees (``selectors.child_welfare_involvements_visible_to``), not of their role.
"""

from __future__ import annotations

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role
from helhet.transitions.errors import TransitionSettingsDenied

SETTINGS_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


def can_see_transitions(actor: Actor) -> bool:
    """Whether the list page shows youths at all (the list itself refuses, and logs, others)."""
    return actor.works_with_people


def can_change_settings(actor: Actor) -> bool:
    return actor.role in SETTINGS_ROLES


def require_settings_editor(actor: Actor) -> None:
    if not can_change_settings(actor):
        raise TransitionSettingsDenied()
