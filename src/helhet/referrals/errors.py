from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class ReferralNotFound(NotFound):
    code = "referral_not_found"
    default_message = N_("Referral not found.")


class ReferralInvalid(ValidationFailed):
    """The referral cannot be sent or answered as asked: unknown receiver, missing
    reason, or a state change the referral's status does not allow."""

    code = "referral_invalid"


class ReferralStateError(ValidationFailed):
    """The step is not allowed from the referral's current status."""

    code = "referral_state"
    status_code = 409


class ReferralNotYours(PermissionDenied):
    code = "referral_not_yours"
    default_message = N_("Only the receiving organisation can take this step.")


class ReasonRequired(ValidationFailed):
    code = "reason_required"
    default_message = N_("A reason is required for this step.")
