"""The access log's own refusals: who may see a person's log, and the log review's."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import HelhetError, NotFound, PermissionDenied, ValidationFailed


class AccessLogDenied(PermissionDenied):
    code = "access_log_denied"
    default_message = N_(
        "Only a coordinator or manager, or the caseworker responsible for the person, can see "
        "who has looked at this person's data."
    )


class ReviewNotAllowed(PermissionDenied):
    code = "review_not_allowed"
    default_message = N_("Only the municipality's privacy officer reviews the access log.")


class ReviewFlagNotFound(NotFound):
    code = "review_flag_not_found"
    default_message = N_("Flagged access not found.")


class ReviewAlreadyDecided(HelhetError):
    code = "review_already_decided"
    status_code = 409
    default_message = N_("This flagged access already has an outcome.")


class ReviewOutcomeInvalid(ValidationFailed):
    """The review filter names an unknown rule or outcome, or an outcome is neither justified
    nor not justified, or its note is missing or too long."""

    code = "review_outcome_invalid"
