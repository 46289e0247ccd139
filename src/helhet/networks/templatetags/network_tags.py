"""Template helpers of networks for other apps' pages: the meeting page shows the team's
offer to make a joint intervention plan with ``{% joint_plan_offer meeting %}``, so that
meetings need not know of networks."""

from __future__ import annotations

from typing import Any

from django import template

from helhet.meetings.models import Meeting
from helhet.networks.selectors import joint_plan_offered

register = template.Library()


@register.inclusion_tag("networks/_joint_plan_offer.html", takes_context=True)
def joint_plan_offer(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "offered": joint_plan_offered(meeting),
        "csrf_token": context.get("csrf_token"),
    }
