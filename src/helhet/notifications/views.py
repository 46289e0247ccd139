from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from helhet.core.web import with_actor
from helhet.notifications import selectors, services

if TYPE_CHECKING:
    from helhet.tenancy.actor import Actor


@with_actor
def notification_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    notifications = selectors.notifications_for(actor.user)[:200]
    return render(request, "notifications/notification_list.html", {"notifications": notifications})


@require_POST
@with_actor
def notification_open(request: HttpRequest, actor: Actor, notification_id: int) -> HttpResponse:
    notification = services.notification_mark_read(
        recipient=actor.user, notification_id=notification_id
    )
    return redirect(notification.url or "web:notification_list")
