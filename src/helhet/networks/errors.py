from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class NetworkNotFound(NotFound):
    """Said when the network does not exist or belongs to another municipality."""

    code = "network_not_found"
    default_message = N_("Network not found.")


class NetworkMemberNotFound(NotFound):
    code = "network_member_not_found"
    default_message = N_("Network member not found.")


class NetworkInvalid(ValidationFailed):
    """The network or team cannot be created or changed as asked (name, mandate,
    members, lifecycle or parent not valid)."""

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


class CaseConferenceNoConsent(ValidationFailed):
    """A team discusses a named person only with that person's consent to share with each
    organisation taking part; ``details.organisations`` names those without one."""

    code = "case_conference_no_consent"
    default_message = N_(
        "The person has not consented to sharing with every organisation invited. Get "
        "consent first, invite fewer organisations, or discuss the case anonymously."
    )


class CaseConferenceInvalid(ValidationFailed):
    """The case conference cannot be booked: invited organisations outside the team, no
    consent to share, or times not valid."""

    code = "case_conference_invalid"


class NotNetworkMember(PermissionDenied):
    code = "not_network_member"
    default_message = N_("Only staff of the team's member organisations may bring a case to it.")
