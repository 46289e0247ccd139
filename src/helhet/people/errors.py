from __future__ import annotations

from helhet.errors import NotFound, PermissionDenied, ValidationFailed


class PersonNotFound(NotFound):
    """Said both when the person does not exist and when the actor may not know of them."""

    code = "person_not_found"
    default_message = "Person not found."


class FamilyNotFound(NotFound):
    code = "family_not_found"
    default_message = "Family not found."


class NationalIdInvalid(ValidationFailed):
    code = "national_id_invalid"


class NoPersonalDataAccess(PermissionDenied):
    code = "role_has_no_personal_data_access"
    default_message = "Your role does not give access to personal data."
