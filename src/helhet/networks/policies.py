"""Who may do what with a network.

* Any manager, coordinator or administrator may create a top-level network.
* Editing a network (or creating a body under it) needs a managing role in the lead
  organisation or in a sponsoring or leading member of it or of a network it belongs to.
* Staff of a member organisation who work with people bring cases to the team; a network
  that has ended holds no meetings.

The pages offer only what these allow, and the services check them again.
"""

from __future__ import annotations

from collections.abc import Iterable

from helhet.networks.errors import NotNetworkEditor, NotNetworkMember
from helhet.networks.models import Lifecycle, MemberRole, Network, NetworkMember
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

EDITOR_ROLES = frozenset({Role.MANAGER, Role.COORDINATOR, Role.ADMINISTRATOR})
EDITOR_MEMBER_ROLES = frozenset({MemberRole.SPONSOR, MemberRole.LEAD})


def can_create_network(actor: Actor) -> bool:
    return actor.role in EDITOR_ROLES


def require_network_creator(actor: Actor) -> None:
    if not can_create_network(actor):
        raise NotNetworkEditor()


def can_edit_network(actor: Actor, network: Network) -> bool:
    """Staff in a managing role of the lead organisation, or of a sponsoring or leading member,
    of the network or of a network it is a body of."""
    if actor.role not in EDITOR_ROLES or network.municipality_id != actor.municipality_id:
        return False
    chain: list[int] = []
    current: Network | None = network
    while current is not None and current.pk not in chain:
        chain.append(current.pk)
        if current.lead_organisation_id == actor.organisation_id:
            return True
        current = current.parent
    return NetworkMember.objects.filter(
        network_id__in=chain, organisation_id=actor.organisation_id, role__in=EDITOR_MEMBER_ROLES
    ).exists()


def require_network_editor(actor: Actor, network: Network) -> None:
    if not can_edit_network(actor, network):
        raise NotNetworkEditor()


def is_member(actor: Actor, member_organisation_ids: Iterable[int]) -> bool:
    return actor.organisation_id in set(member_organisation_ids)


def require_network_member(actor: Actor, member_organisation_ids: Iterable[int]) -> None:
    if not is_member(actor, member_organisation_ids):
        raise NotNetworkMember()


def can_hold_meetings(actor: Actor, network: Network) -> bool:
    """Meetings are booked by staff who work with people, in a network that has not ended."""
    return network.status != Lifecycle.ENDED and actor.works_with_people


def can_bring_case(actor: Actor, network: Network, member_organisation_ids: Iterable[int]) -> bool:
    return can_hold_meetings(actor, network) and is_member(actor, member_organisation_ids)
