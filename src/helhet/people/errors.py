from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.errors import NotFound, PermissionDenied, ValidationFailed


class PersonNotFound(NotFound):
    """Said both when the person does not exist and when the actor may not know of them."""

    code = "person_not_found"
    default_message = N_("Person not found.")


class FamilyNotFound(NotFound):
    code = "family_not_found"
    default_message = N_("Family not found.")


class NationalIdInvalid(ValidationFailed):
    code = "national_id_invalid"


class NoPersonalDataAccess(PermissionDenied):
    code = "role_has_no_personal_data_access"
    default_message = N_("Your role does not give access to personal data.")
