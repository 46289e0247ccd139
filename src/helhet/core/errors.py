"""The root of Helhet's domain errors, and the catalogue of their codes.

Each app defines its own subclasses in ``<app>/errors.py`` with a stable ``code``. The API turns
them into ``{"message", "code", "details"}`` with the class's HTTP status; the web UI shows the
same message on the page. Nothing a user can type should ever surface as a 500.

Every class that sets a ``code`` is entered in one catalogue as it is defined (a code used
twice is an error at import); its meaning is the first paragraph of its docstring, else its
default message. The catalogue is listed in the OpenAPI document and in docs/api.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_noop as N_


@dataclass(frozen=True)
class ErrorCode:
    code: str
    status: int
    meaning: str
    defined_in: str


_CATALOGUE: dict[str, ErrorCode] = {}


def register_code(code: str, status: int, meaning: str, defined_in: str) -> None:
    """Enter a code in the catalogue; also for the few the API answers with outside a class
    (``not_authenticated``, ``http_error``)."""
    known = _CATALOGUE.get(code)
    if known is not None and known.defined_in != defined_in:
        raise TypeError(f"error code {code!r} is defined twice: {known.defined_in}, {defined_in}")
    _CATALOGUE[code] = ErrorCode(code, status, meaning, defined_in)


def _meaning(cls: type[HelhetError]) -> str:
    doc = (cls.__dict__.get("__doc__") or "").strip()
    if doc:
        return " ".join(doc.split("\n\n")[0].split())
    return str(cls.default_message)


def error_catalogue() -> list[ErrorCode]:
    """Every error code Helhet answers with, by code. Imports each app's ``errors`` module
    first, so that the list is whole however little of the project has been imported."""
    autodiscover_modules("errors")
    return sorted(_CATALOGUE.values(), key=lambda entry: entry.code)


class HelhetError(Exception):
    """The request could not be carried out (a refusal without a more precise code)."""

    code: ClassVar[str] = "error"
    status_code: ClassVar[int] = 400
    default_message: ClassVar[str] = "The request could not be carried out."

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            register_code(
                cls.code, cls.status_code, _meaning(cls), f"{cls.__module__}.{cls.__qualname__}"
            )

    def __init__(self, message: str | None = None, *, details: dict[str, Any] | None = None):
        self.message = str(message or self.default_message)
        self.details = details or {}
        super().__init__(self.message)


class NotFound(HelhetError):
    """The thing asked for does not exist, or the actor may not know that it exists (never a
    403 there)."""

    code = "not_found"
    status_code = 404
    default_message = N_("Not found.")


class PermissionDenied(HelhetError):
    """The actor's role or organisation may not do this."""

    code = "permission_denied"
    status_code = 403
    default_message = N_("You do not have permission to do this.")


class ValidationFailed(HelhetError):
    """The data sent is not valid."""

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


register_code("error", 400, _meaning(HelhetError), f"{__name__}.HelhetError")
# The two codes the API answers with outside a domain error class (api/api.py's handlers).
register_code(
    "not_authenticated",
    401,
    "Neither a logged-in session nor a valid API token came with the request.",
    "helhet.api.api.on_auth_error",
)
register_code(
    "http_error",
    405,
    "Refused by the API framework itself, e.g. a method the path does not allow or a failed "
    "CSRF check; the status says which.",
    "helhet.api.api.on_http_error",
)
