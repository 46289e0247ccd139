from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import HelhetError, NotFound, PermissionDenied, ValidationFailed


class InstrumentNotFound(NotFound):
    """Said when the instrument does not exist or belongs to another municipality."""

    code = "survey_instrument_not_found"
    default_message = N_("Survey instrument not found.")


class ItemNotFound(NotFound):
    code = "survey_item_not_found"
    default_message = N_("Survey statement not found.")


class RoundNotFound(NotFound):
    code = "survey_round_not_found"
    default_message = N_("Survey round not found.")


class InvitationNotFound(NotFound):
    """An unknown or replaced personal link: never says whether a round exists."""

    code = "survey_invitation_not_found"
    default_message = N_("This survey link is not valid. Ask whoever invited you for a new one.")


class SurveyInvalid(ValidationFailed):
    """The survey, round or response cannot be saved as given (questions, dates, answers
    or constructs not valid)."""

    code = "survey_invalid"


class InstrumentFrozen(ValidationFailed):
    code = "survey_instrument_frozen"
    default_message = N_(
        "This instrument has answers in a survey round, so its wording is frozen. Make a new "
        "version to change it."
    )


class NotInstrumentOwner(PermissionDenied):
    code = "not_survey_instrument_owner"
    default_message = N_("Only the instrument's owner may change it. Copy it to make your own.")


class NotRoundOwner(PermissionDenied):
    code = "not_survey_round_owner"
    default_message = N_("Only the owner of the survey round may do this.")


class RoundClosed(HelhetError):
    code = "survey_round_closed"
    status_code = 410
    default_message = N_("This survey round is closed; answers are no longer accepted.")


class RoundNotOpen(HelhetError):
    code = "survey_round_not_open"
    status_code = 409
    default_message = N_("This survey round has not opened yet.")


class AlreadyAnswered(HelhetError):
    code = "survey_already_answered"
    status_code = 409
    default_message = N_("These answers have already been submitted; they cannot be sent twice.")


class ResultsWithheld(HelhetError):
    """Too few respondents (or an anonymous round still open): showing the answers could
    reveal what one person said. ``details`` says why and how many are needed."""

    code = "survey_results_withheld"
    status_code = 409
    default_message = N_("The results are withheld to protect the respondents' anonymity.")
