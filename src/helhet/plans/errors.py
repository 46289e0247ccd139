from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import HelhetError, NotFound, PermissionDenied, ValidationFailed


class PlanNotFound(NotFound):
    """The family is known to the actor but has no plan yet (the family itself is a 404
    ``family_not_found`` when the actor knows none of its members)."""

    code = "plan_not_found"
    default_message = N_("This family has no plan yet.")


class PlanConflict(HelhetError):
    """Someone saved the plan after the caller loaded it. Nothing was overwritten.

    ``details`` holds ``expected_version``, ``current_version`` and ``changes``: for each
    field that changed since the caller's version, ``[value in the caller's version, value
    now]``, limited to what the caller may see.
    """

    code = "plan_conflict"
    status_code = 409
    default_message = N_(
        "Someone else saved the plan after you opened it. Nothing was overwritten: look at "
        "what changed, then save again."
    )


class PlanInvalid(ValidationFailed):
    """A change to the family plan names a field that cannot be changed, or gives a
    value of the wrong kind."""

    code = "plan_invalid"


class PlanVersionNotFound(NotFound):
    code = "plan_version_not_found"
    default_message = N_("That version of the plan does not exist.")


class GoalNotFound(NotFound):
    code = "goal_not_found"
    default_message = N_("Goal not found.")


class MeasureNotFound(NotFound):
    """Said both when the measure does not exist and when the actor may not see it."""

    code = "measure_not_found"
    default_message = N_("Measure not found.")


class MeasureNotOwned(PermissionDenied):
    code = "measure_not_owned"
    default_message = N_("Only staff of the organisation that owns a measure may change it.")


class MeasureInvalid(ValidationFailed):
    """A measure lacks its title, names a goal, person or responsible outside the plan,
    or has an unknown category or status."""

    code = "measure_invalid"
