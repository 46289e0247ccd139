from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class ConsentMissing(PermissionDenied):
    """The organisation knows the person but holds no valid consent for the category."""

    code = "consent_missing"


class ConsentNotFound(NotFound):
    code = "consent_not_found"
    default_message = N_("Consent not found.")


class ConsentInvalid(ValidationFailed):
    """The consent as given cannot be recorded: unknown categories or organisations,
    dates out of order or backdated, or a signer who may not consent for the person."""

    code = "consent_invalid"


class ConsentAlreadyWithdrawn(ValidationFailed):
    code = "consent_already_withdrawn"
    default_message = N_("This consent has already been withdrawn.")


class InvolvementInvalid(ValidationFailed):
    """The involvement cannot be opened or ended as asked (dates, basis or organisation
    not valid)."""

    code = "involvement_invalid"


class InvolvementNotFound(NotFound):
    code = "involvement_not_found"
    default_message = N_("Involvement not found.")


class ConsentProvenanceMissing(ValidationFailed):
    """A staff member cannot alone record a consent: it needs a form, a witness or the
    person's own signature."""

    code = "consent_provenance_missing"


class ConsentDocumentInvalid(ValidationFailed):
    """The uploaded signed consent form is not an accepted file type, is empty, or is
    too large."""

    code = "consent_document_invalid"


class ConsentDocumentNotFound(NotFound):
    code = "consent_document_not_found"
    default_message = N_("Consent form not found.")


class WitnessInvalid(ValidationFailed):
    """The witness to an oral consent must be another active staff member of the same
    organisation, and only they may confirm it."""

    code = "consent_witness_invalid"


class NotTheWitness(NotFound):
    code = "consent_not_awaiting_you"
    default_message = N_("No consent awaits your confirmation as a witness here.")
