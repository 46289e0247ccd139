from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class MeetingNotFound(NotFound):
    """Said both when the meeting does not exist and when the actor's organisation does not
    take part in it."""

    code = "meeting_not_found"
    default_message = N_("Meeting not found.")


class MeetingInvalid(ValidationFailed):
    """The meeting cannot be booked or changed as asked: times out of order, no
    participants, or participants outside the persons and organisations involved."""

    code = "meeting_invalid"


class NotOrganiser(PermissionDenied):
    code = "not_meeting_organiser"
    default_message = N_("Only the organising organisation may add participants.")


class ParticipantNotFound(NotFound):
    code = "participant_not_found"
    default_message = N_("Participant not found.")


class ActionItemNotFound(NotFound):
    code = "action_item_not_found"
    default_message = N_("Action item not found.")


class ActionItemInvalid(ValidationFailed):
    """An action item lacks its text, or names a responsible or due date that is not
    allowed."""

    code = "action_item_invalid"
