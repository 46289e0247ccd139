"""The actor resolver: the acting membership of a logged-in web request, once per request.

Named by ``settings.HELHET_ACTOR_RESOLVER`` so that the kernel finds it without importing tenancy.
"""

from __future__ import annotations

from django.http import HttpRequest

from helhet.core.errors import HelhetError
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import User
from helhet.tenancy.selectors import actor_for

SESSION_KEY = "helhet_membership_id"
_CACHE = "_helhet_actor"


def current_actor(request: HttpRequest) -> Actor | None:
    if hasattr(request, _CACHE):
        return getattr(request, _CACHE)
    actor: Actor | None = None
    user = request.user
    if user.is_authenticated and isinstance(user, User):
        membership_id = request.session.get(SESSION_KEY)
        try:
            actor = actor_for(user, membership_id)
        except HelhetError:
            # A stale choice (membership ended): fall back to the user's first membership.
            request.session.pop(SESSION_KEY, None)
            try:
                actor = actor_for(user)
            except HelhetError:
                actor = None
    setattr(request, _CACHE, actor)
    return actor
