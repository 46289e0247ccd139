from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.errors import NotFound, PermissionDenied, ValidationFailed


class NetworkNotFound(NotFound):
    """Said when the network does not exist or belongs to another municipality."""

    code = "network_not_found"
    default_message = N_("Network not found.")


class NetworkMemberNotFound(NotFound):
    code = "network_member_not_found"
    default_message = N_("Network member not found.")


class NetworkInvalid(ValidationFailed):
    code = "network_invalid"


class NetworkMemberDuplicate(ValidationFailed):
    code = "network_member_duplicate"
    default_message = N_("The organisation is already a member of this network.")


class NetworkLifecycleInvalid(ValidationFailed):
    code = "network_lifecycle_invalid"
    default_message = N_("The network cannot move to that lifecycle stage.")


class NotNetworkEditor(PermissionDenied):
    code = "not_network_editor"
    default_message = N_(
        "Only managers, coordinators and administrators of a sponsoring or leading member "
        "organisation may change this network."
    )
