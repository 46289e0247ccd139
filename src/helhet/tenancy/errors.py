from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied


class NoMembership(PermissionDenied):
    code = "no_membership"
    default_message = N_("Your user has no active membership in any organisation.")


class MembershipNotFound(NotFound):
    code = "membership_not_found"
    default_message = N_("Membership not found.")


class TokenNotFound(NotFound):
    code = "token_not_found"
    default_message = N_("Token not found.")
