"""Reads of the audit trail: an organisation's own log, the reads of its data, a user's own.

A person's log (who has looked at them) depends on their involvements, so it is read in
``consent.access_log``, above this app.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import AccessEvent
from helhet.audit.policies import can_see_organisation_log
from helhet.core.errors import PermissionDenied
from helhet.tenancy.actor import Actor

ACCESS_LOG_CATEGORY = "access_log"
ACCESS_LOG_LIMIT = 500


def organisation_access_log(*, actor: Actor) -> QuerySet[AccessEvent]:
    """A manager's view of the reads made by their own organisation's staff."""
    if not can_see_organisation_log(actor):
        raise PermissionDenied(
            N_("Only managers and administrators can see the organisation's log.")
        )
    return AccessEvent.objects.filter(organisation_id=actor.organisation_id).order_by("-at", "-id")


def reads_of_our_data(*, actor: Actor) -> QuerySet[AccessEvent]:
    """Reads by other organisations that returned entries the actor's organisation recorded:
    the data's owner sees who read its data, newest first (paginate; the rows carry the
    reader and the categories, the person only as a reference)."""
    if not can_see_organisation_log(actor):
        raise PermissionDenied(
            N_("Only managers and administrators can see who has read the organisation's data.")
        )
    return (
        AccessEvent.objects.filter(owners__organisation_id=actor.organisation_id)
        .exclude(organisation_id=actor.organisation_id)
        .order_by("-at", "-id")
    )


def my_access_log(*, actor: Actor) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(user_id=actor.user.pk).order_by("-at", "-id")
