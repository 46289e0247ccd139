from __future__ import annotations

from django.http import HttpRequest

from helhet.audit.policies import can_review_log, can_see_organisation_log
from helhet.core.web import current_actor
from helhet.notifications.selectors import notifications_for
from helhet.people.policies import can_work_with_people
from helhet.tenancy.policies import can_administer_organisations
from helhet.tenancy.selectors import memberships_of


def actor(request: HttpRequest) -> dict[str, object]:
    current = current_actor(request) if hasattr(request, "user") else None
    if current is None:
        return {"actor": None}
    return {
        "actor": current,
        "my_memberships": memberships_of(current.user),
        "unread_notifications": notifications_for(current.user, unread_only=True).count(),
        # What the pages offer this actor, asked of the policies rather than of the role.
        "offer": {
            "people": can_work_with_people(current),
            "organisation_log": can_see_organisation_log(current),
            "administration": can_administer_organisations(current),
            "log_review": can_review_log(current),
        },
    }
