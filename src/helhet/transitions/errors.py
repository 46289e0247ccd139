from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import HelhetError, NotFound, PermissionDenied, ValidationFailed


class ChildWelfareCaseNotFound(NotFound):
    """Said alike when there is no child-welfare case and when the actor may not see it."""

    code = "child_welfare_case_not_found"
    default_message = N_("No child-welfare case that you may see was found for this person.")


class TransitionPlanNotFound(NotFound):
    """Said alike when the plan does not exist and when the actor may not see it."""

    code = "transition_plan_not_found"
    default_message = N_("Transition plan not found.")


class TransitionPlanReadOnly(PermissionDenied):
    """The organisation taking over sees the plan but only child welfare's side changes it."""

    code = "transition_plan_read_only"
    default_message = N_(
        "Your organisation is named as taking over and may read this plan, but only those who "
        "may see the child-welfare case can change it."
    )


class TransitionPlanExists(HelhetError):
    code = "transition_plan_exists"
    status_code = 409
    default_message = N_("This person already has an active transition plan. Change that one.")


class TransitionPlanInvalid(ValidationFailed):
    code = "transition_plan_invalid"
    default_message = N_("The transition plan is not valid.")


class NotTransitionBound(ValidationFailed):
    code = "not_transition_bound"
    default_message = N_(
        "This person has reached the end of the aftercare age, so no transition plan is made."
    )


class TakingOverUnknown(ValidationFailed):
    code = "taking_over_unknown"
    default_message = N_("The organisation taking over is not an organisation in the municipality.")


class TakingOverInvalid(ValidationFailed):
    code = "taking_over_invalid"
    default_message = N_(
        "The organisation taking over must be another organisation than the child welfare "
        "service with the case."
    )


class ResponsibleUnknown(ValidationFailed):
    code = "responsible_unknown"
    default_message = N_(
        "The responsible person must be a caseworker, coordinator or manager in the child "
        "welfare service, in the organisation taking over, or in your own organisation."
    )


class StartsAfterAftercare(ValidationFailed):
    code = "starts_after_aftercare"
    default_message = N_("The plan cannot start after the aftercare ends.")


class StartsOnOutOfRange(ValidationFailed):
    code = "starts_on_out_of_range"
    default_message = N_(
        "The plan must start after the person's birth and before the end of the aftercare age."
    )


class AftercareBeyondAge(ValidationFailed):
    code = "aftercare_beyond_age"
    default_message = N_("Aftercare cannot run beyond the birthday at the aftercare age.")


class AftercareBeforeAdulthood(ValidationFailed):
    code = "aftercare_before_adulthood"
    default_message = N_("Aftercare must run until a day after the 18th birthday.")


class AftercareUntilWithoutAftercare(ValidationFailed):
    code = "aftercare_until_without_aftercare"
    default_message = N_("An end date for aftercare is given, but the plan has no aftercare.")


class TransitionSettingsDenied(PermissionDenied):
    code = "transition_settings_denied"
    default_message = N_(
        "Only a manager or an administrator may change the municipality's transition settings."
    )


class TransitionSettingsInvalid(ValidationFailed):
    code = "transition_settings_invalid"
    default_message = N_("The transition settings are not valid.")


class DateOutOfRange(ValidationFailed):
    code = "date_out_of_range"
    default_message = N_("The date is out of range.")
