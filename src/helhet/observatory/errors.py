"""The observatory's own refusals; the API shows them as ``{message, code, details}``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed

if TYPE_CHECKING:
    from helhet.observatory.survey_file import Problem


class SurveyFileInvalid(ValidationFailed):
    """The survey data cannot be analysed. ``problems`` lists what is wrong, each with its
    line in the file (``details.problems`` in the API), at most fifty; ``total`` counts all."""

    code = "survey_file_invalid"
    default_message = N_("The survey data cannot be analysed; see the problems listed.")

    def __init__(
        self,
        message: str | None = None,
        *,
        details: dict[str, Any] | None = None,
        problems: Sequence[Problem] = (),
        total: int = 0,
    ) -> None:
        super().__init__(message, details=details)
        self.problems = list(problems)
        self.total = total or len(self.problems)


class AnalysisSettingsInvalid(ValidationFailed):
    code = "analysis_settings_invalid"
    default_message = N_("The analysis settings are not valid.")


class AnalysisNotFound(NotFound):
    """The analysis is not (or no longer) among those kept for this session."""

    code = "analysis_not_found"
    default_message = N_("The analysis was not found. Run it again.")


class NotObservatoryUser(PermissionDenied):
    """The observatory's analyses are for researchers, managers, coordinators and
    administrators; caseworkers take part but do not see them."""

    code = "not_observatory_user"
    default_message = N_(
        "Only researchers, managers, coordinators and administrators use the observatory."
    )
