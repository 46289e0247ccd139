from __future__ import annotations

from django.http import HttpRequest

from helhet.core.web import current_actor
from helhet.notifications.selectors import notifications_for
from helhet.tenancy.selectors import memberships_of


def actor(request: HttpRequest) -> dict[str, object]:
    current = current_actor(request) if hasattr(request, "user") else None
    if current is None:
        return {"actor": None}
    return {
        "actor": current,
        "my_memberships": memberships_of(current.user),
        "unread_notifications": notifications_for(current.user, unread_only=True).count(),
    }
