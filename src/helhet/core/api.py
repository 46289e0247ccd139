"""The API side of the kernel: authentication, shared parameter types and the log's door.

A bearer token bound to a membership, or the web session (with CSRF), both resolve to an
``Actor``, which handlers find in ``request.auth``. The token check is tenancy's and is found
through ``settings.HELHET_API_TOKEN_AUTHENTICATOR`` so that the kernel imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string
from ninja.security import HttpBearer, SessionAuth
from pydantic import Field

from helhet.core.errors import TokenInvalid
from helhet.core.web import current_actor

if TYPE_CHECKING:
    from helhet.tenancy.actor import Actor

# Database keys are 64-bit: a larger number is not a key at all, and some drivers (SQLite)
# cannot even bind it, so it is refused as invalid input (422) before any query.
ObjectId = Annotated[int, Field(ge=1, le=2**63 - 1)]


@cache
def _token_authenticator() -> Callable[..., Actor]:
    return import_string(settings.HELHET_API_TOKEN_AUTHENTICATOR)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        try:
            return _token_authenticator()(key=token)
        except TokenInvalid:
            return None


class SessionActorAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        if super().authenticate(request, key) is None:
            return None
        return current_actor(request)


def actor_of(request: HttpRequest) -> Actor:
    # Only the two classes above set ``request.auth``, and both set an actor or nothing.
    auth: Any = getattr(request, "auth", None)
    if auth is None or not hasattr(auth, "membership"):
        raise TokenInvalid()
    return auth


def through(request: HttpRequest) -> str:
    """What the access log records as the door an API read came through: method and path."""
    return f"{request.method} {request.path}"
