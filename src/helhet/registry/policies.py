"""Who reads and who fills in the registry.

Reading, searching, comparing and exporting: observatory users of the municipality
(researchers, managers, coordinators, administrators). Filling in a network's form: its
researchers and administrators, or those who may edit the network itself (the form's key
informant is the sponsor or the lead, as in the observatories the registry is modelled on).
"""

from __future__ import annotations

from helhet.networks.models import Network
from helhet.networks.policies import can_edit_network
from helhet.observatory.policies import can_use_observatory
from helhet.registry.errors import NotRegistryEditor
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Role

REGISTRAR_ROLES = frozenset({Role.RESEARCHER, Role.ADMINISTRATOR})


def can_edit_entry(actor: Actor, network: Network) -> bool:
    if not can_use_observatory(actor) or network.municipality_id != actor.municipality_id:
        return False
    return actor.role in REGISTRAR_ROLES or can_edit_network(actor, network)


def require_entry_editor(actor: Actor, network: Network) -> None:
    if not can_edit_entry(actor, network):
        raise NotRegistryEditor()
