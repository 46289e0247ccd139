from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class RoundNotFound(NotFound):
    """Said when the round does not exist or belongs to another municipality."""

    code = "rating_round_not_found"
    default_message = N_("Rating round not found.")


class RoundInvalid(ValidationFailed):
    """The trust/value rating round or a rating in it cannot be saved as given."""

    code = "rating_round_invalid"


class RoundClosed(ValidationFailed):
    code = "rating_round_closed"
    default_message = N_("The rating round is closed: no more answers are taken.")


class RatingsInvalid(ValidationFailed):
    """``details`` names the field or the organisations concerned."""

    code = "ratings_invalid"


class PeriodInvalid(ValidationFailed):
    code = "relations_period_invalid"
    default_message = N_("The period must start on or before the day it ends.")


class NotRoundRunner(PermissionDenied):
    code = "not_round_runner"
    default_message = N_(
        "Only researchers and administrators, or managers of a network's sponsoring or "
        "leading member, run rating rounds for it."
    )


class NotRater(PermissionDenied):
    code = "not_rater"
    default_message = N_(
        "Only a manager or coordinator of a member organisation, or one of its named "
        "representatives in the network, answers for the organisation."
    )
