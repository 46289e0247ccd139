"""Template helpers of the observatory; the main menu uses ``can_use_observatory``."""

from __future__ import annotations

from django import template

from helhet.observatory import policies
from helhet.tenancy.actor import Actor

register = template.Library()


@register.filter
def can_use_observatory(actor: Actor | None) -> bool:
    """``{% if actor|can_use_observatory %}``: whether to offer the observatory at all."""
    return isinstance(actor, Actor) and policies.can_use_observatory(actor)
