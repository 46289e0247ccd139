from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from helhet.core.errors import NotFound, PermissionDenied, ValidationFailed


class RegistryEntryNotFound(NotFound):
    """Said when the entry does not exist or belongs to another municipality."""

    code = "registry_entry_not_found"
    default_message = N_("Registry entry not found.")


class RegistryItemNotFound(NotFound):
    code = "registry_item_not_found"
    default_message = N_("The partner or funding line is not in this registry entry.")


class RegistryEntryExists(ValidationFailed):
    code = "registry_entry_exists"
    default_message = N_("The network already has a registry entry.")


class RegistryInvalid(ValidationFailed):
    """A network's registry form cannot be saved as given (unknown organisation, year out of
    range, or a setting or sector not among the choices)."""

    code = "registry_invalid"


class RegistryCompareInvalid(ValidationFailed):
    code = "registry_compare_invalid"
    default_message = N_("Choose between two and four networks to compare.")


class NotRegistryEditor(PermissionDenied):
    code = "not_registry_editor"
    default_message = N_(
        "Only researchers and administrators, or managers of a network's sponsoring or "
        "leading member, fill in its registry entry."
    )
