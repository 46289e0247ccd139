"""The root of Helhet's domain errors.

Each app defines its own subclasses with a stable ``code``. The API turns them into
``{"message", "code", "details"}`` with the class's HTTP status; the web UI shows the same
message on the page. Nothing a user can type should ever surface as a 500.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop as N_


class HelhetError(Exception):
    code: str = "error"
    status_code: int = 400
    default_message: str = "The request could not be carried out."

    def __init__(self, message: str | None = None, *, details: dict[str, Any] | None = None):
        self.message = str(message or self.default_message)
        self.details = details or {}
        super().__init__(self.message)


class NotFound(HelhetError):
    """Also used where the actor may not know the thing exists (never a 403 there)."""

    code = "not_found"
    status_code = 404
    default_message = N_("Not found.")


class PermissionDenied(HelhetError):
    code = "permission_denied"
    status_code = 403
    default_message = N_("You do not have permission to do this.")


class ValidationFailed(HelhetError):
    code = "invalid"
    status_code = 400
    default_message = N_("The data is not valid.")


class AuditUnavailable(HelhetError):
    """The access log could not be written, so the read is refused (fail closed)."""

    code = "audit_unavailable"
    status_code = 503
    default_message = N_("The access log is unavailable, so personal data cannot be shown.")


class TokenInvalid(HelhetError):
    """Neither a valid API token nor a logged-in session came with the request."""

    code = "token_invalid"
    status_code = 401
    default_message = N_("The API token is unknown or revoked.")
