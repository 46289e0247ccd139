"""API authentication: a bearer token bound to a membership, or the web session (with CSRF).

Both resolve to an :class:`~helhet.tenancy.actor.Actor`, which handlers find in ``request.auth``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from helhet.tenancy.actor import Actor
from helhet.tenancy.errors import TokenInvalid
from helhet.tenancy.middleware import current_actor
from helhet.tenancy.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Actor | None:
        try:
            return api_token_authenticate(key=token)
        except TokenInvalid:
            return None


class SessionActorAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        if super().authenticate(request, key) is None:
            return None
        return current_actor(request)


def actor_of(request: HttpRequest) -> Actor:
    auth: Any = getattr(request, "auth", None)
    if not isinstance(auth, Actor):
        raise TokenInvalid()
    return auth
