"""Min side's domain errors. Messages are English msgids, translated where shown."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import HelhetError, NotFound, PermissionDenied, ValidationFailed


class SignInFailed(HelhetError):
    code = "sign_in_failed"
    status_code = 400
    default_message = N_("The sign-in through ID-porten could not be completed. Please try again.")


class AssuranceTooLow(PermissionDenied):
    code = "assurance_too_low"
    default_message = N_(
        "Min side needs a sign-in at a higher security level. Sign in again with BankID or "
        "another electronic ID at level high or substantial."
    )


class SubjectNotFound(NotFound):
    """Not yours to see, or nothing there: the same answer either way."""

    code = "portal_not_found"
    default_message = N_("We found nothing here for you.")


class PortalInvalid(ValidationFailed):
    """What the person sent from Min side cannot be saved as given."""

    code = "portal_invalid"


class RestrictionInvalid(ValidationFailed):
    """Only child welfare may restrict what a guardian sees, only for the child's guardian,
    and with a reason."""

    code = "guardian_restriction_invalid"
