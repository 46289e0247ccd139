from __future__ import annotations

from helhet.errors import HelhetError, NotFound, PermissionDenied


class NoMembership(PermissionDenied):
    code = "no_membership"
    default_message = "Your user has no active membership in any organisation."


class MembershipNotFound(NotFound):
    code = "membership_not_found"
    default_message = "Membership not found."


class TokenNotFound(NotFound):
    code = "token_not_found"
    default_message = "Token not found."


class TokenInvalid(HelhetError):
    code = "token_invalid"
    status_code = 401
    default_message = "The API token is unknown or revoked."
