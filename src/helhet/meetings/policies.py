"""Who may do what with a meeting, beyond seeing it.

Staff of any organisation taking part see the meeting and write its agenda, minutes,
decisions, action items and attendance (``selectors.meetings_visible_to``); only the
organiser's organisation adds participants.
"""

from __future__ import annotations

from helhet.meetings.errors import NotOrganiser
from helhet.meetings.models import Meeting
from helhet.tenancy.actor import Actor


def can_add_participants(actor: Actor, meeting: Meeting) -> bool:
    return meeting.organiser_organisation_id == actor.organisation_id


def require_organiser(actor: Actor, meeting: Meeting) -> None:
    if not can_add_participants(actor, meeting):
        raise NotOrganiser()
