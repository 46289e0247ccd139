from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class AgreementNotFound(NotFound):
    code = "agreement_not_found"
    default_message = N_("Agreement not found.")


class AgreementInvalid(ValidationFailed):
    """The service agreement or pooled resource cannot be saved as given (parties,
    periods, amounts or rows not valid)."""

    code = "agreement_invalid"


class AgreementNotYours(PermissionDenied):
    code = "agreement_not_yours"
    default_message = N_("Only managers and administrators of a party can change the agreement.")


class SignOffInvalid(ValidationFailed):
    """Only the latest version of an agreement can be signed, and each party signs a version
    once."""

    code = "signoff_invalid"
    status_code = 409


class FundingPeriodOverlap(ValidationFailed):
    code = "funding_period_overlap"
    default_message = N_("This funding stream already has a period that overlaps these dates.")


class NegativeAmount(ValidationFailed):
    code = "negative_amount"
    default_message = N_("Amounts and hours cannot be negative.")


class SharesNotHundred(ValidationFailed):
    code = "shares_not_100"
    default_message = N_("The agreed shares must add up to 100 %.")


class MeasurementExists(ValidationFailed):
    code = "measurement_exists"
    status_code = 409
    default_message = N_("The indicator already has a measurement for that date.")
