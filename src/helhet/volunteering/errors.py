from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class CareUnitNotFound(NotFound):
    code = "care_unit_not_found"
    default_message = N_("Care unit not found.")


class ActivityNotFound(NotFound):
    code = "activity_not_found"
    default_message = N_("Volunteer activity not found.")


class VolunteerNotFound(NotFound):
    code = "volunteer_not_found"
    default_message = N_("Volunteer not found.")


class AgreementNotFound(NotFound):
    code = "volunteer_agreement_not_found"
    default_message = N_("Volunteer agreement not found.")


class VolunteeringNotYours(PermissionDenied):
    code = "volunteering_not_yours"
    default_message = N_(
        "Only staff of the care unit's organisation or of the voluntary organisation can do this."
    )


class NotCareStaff(VolunteeringNotYours):
    default_message = N_(
        "Only staff of a nursing home, home care or other care organisation can do this."
    )


class NotVoluntaryStaff(VolunteeringNotYours):
    default_message = N_("Only staff of a voluntary organisation can register its volunteers.")


class VolunteeringInvalid(ValidationFailed):
    """The volunteer activity, occurrence, volunteer or agreement cannot be saved as
    given."""

    code = "volunteering_invalid"


class UnknownActivityCategory(ValidationFailed):
    code = "activity_category_unknown"
    default_message = N_("Unknown activity category.")


class UnknownCoordinator(ValidationFailed):
    code = "coordinator_unknown"
    default_message = N_("Unknown coordinator.")


class NegativeNumber(ValidationFailed):
    code = "occurrence_negative"
    default_message = N_("Participants, volunteers and hours cannot be negative.")


class PoliceCertificateMissing(ValidationFailed):
    code = "police_certificate_missing"
    default_message = N_(
        "This activity requires a police certificate, and none has been checked for the volunteer."
    )
