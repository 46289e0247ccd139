from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class PersonNotFound(NotFound):
    """Said both when the person does not exist and when the actor may not know of them."""

    code = "person_not_found"
    default_message = N_("Person not found.")


class FamilyNotFound(NotFound):
    code = "family_not_found"
    default_message = N_("Family not found.")


class NationalIdInvalid(ValidationFailed):
    """The national ID number is malformed, fails its check digits, or is a real (not
    synthetic) number where only synthetic ones are allowed."""

    code = "national_id_invalid"


class NoPersonalDataAccess(PermissionDenied):
    code = "role_has_no_personal_data_access"
    default_message = N_("Your role does not give access to personal data.")


class RegistrationNoMatch(ValidationFailed):
    """The same answer whether or not Helhet holds the person: a register look-up failed."""

    code = "registration_no_match"
    default_message = N_(
        "No one in the population register of your municipality has this national identity "
        "number and this name. Check both against the person's identity papers."
    )


class RegistrationBasisInvalid(ValidationFailed):
    """A registration names an unknown legal basis, or a manager's decision without a
    manager or a written reason."""

    code = "registration_basis_invalid"


class GuardianshipNotFree(PermissionDenied):
    code = "guardianship_from_register"
    default_message = N_(
        "Guardianship comes from the population register, or from a manager's decision with "
        "a written reason; it cannot be added as an ordinary relation."
    )


class GuardianshipDecisionInvalid(ValidationFailed):
    """A guardianship decision must name an adult guardian of a child under 18 other than
    the child."""

    code = "guardianship_decision_invalid"


class FamilyInvalid(ValidationFailed):
    """A family without a name or members, with an unknown household role, or with a person
    listed twice."""

    code = "family_invalid"


class RelationInvalid(ValidationFailed):
    """An unknown kind of relation, or a person related to themselves."""

    code = "relation_invalid"


class CategoryUnknown(ValidationFailed):
    """The information category named is not one Helhet knows."""

    code = "category_unknown"


class EntryInvalid(ValidationFailed):
    """A recorded entry needs both a title and a text."""

    code = "entry_invalid"
