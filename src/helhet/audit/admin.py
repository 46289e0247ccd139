"""The audit trail in the admin: superusers may read it, nobody may change it.

The admin shows who did what and when, never whom it was about: the person is an id, and a
change's details (which may hold names) are read in the app, where the read is logged.
"""

from django.contrib import admin
from django.http import HttpRequest

from helhet.audit.models import AccessEvent, ChangeEvent


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "organisation_name", "target_ref", "outcome", "channel"]
    list_filter = ["outcome", "channel"]
    search_fields = ["username", "organisation_name", "target_ref"]
    # The person foreign key would render the person's name; the id is in target_ref.
    exclude = ["person"]


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "entity", "entity_id"]
    list_filter = ["action"]
    search_fields = ["username", "action", "entity_id"]
    fields = ["at", "username", "organisation_name", "action", "entity", "entity_id", "person_id"]
    readonly_fields = ["at", "username", "organisation_name", "action", "entity", "entity_id"]
    readonly_fields += ["person_id"]
