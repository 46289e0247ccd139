"""Admin pages for municipalities, organisations, units, staff and memberships.

Every save and delete here writes a change-log row, like the services do.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models, transaction
from django.http import HttpRequest

from helhet.audit.services import change_record
from helhet.tenancy.models import ApiToken, Membership, Municipality, Organisation, Unit, User


def _record(request: HttpRequest, action: str, obj: models.Model, fields: list[str]) -> None:
    change_record(
        actor=None,
        user=request.user if request.user.is_authenticated else None,
        action=f"admin.{action}",
        instance=obj,
        changes={f: getattr(obj, f, None) for f in fields if not f.startswith("password")},
        municipality_id=getattr(obj, "municipality_id", None),
    )


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            self.before_save(obj)
            super().save_model(request, obj, form, change)
            _record(request, "change" if change else "add", obj, list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            _record(request, "delete", obj, [])
            super().delete_model(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # The bulk delete skips delete_model, and with it the change log.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def before_save(self, obj: Any) -> None:
        """Derive the tenant key where the form does not ask for it."""
        if (
            hasattr(obj, "organisation_id")
            and hasattr(obj, "municipality_id")
            and obj.organisation_id
        ):
            obj.municipality_id = obj.organisation.municipality_id


@admin.register(Municipality)
class MunicipalityAdmin(AuditedAdmin):
    list_display = ["number", "name"]
    search_fields = ["number", "name"]


class UnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unit
    fk_name = "organisation"
    fields = ["name", "kind", "parent"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "sector", "municipality"]
    list_filter = ["kind", "sector", "municipality"]
    search_fields = ["name", "org_number"]
    list_select_related = ["municipality"]
    inlines = [UnitInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        units = formset.save(commit=False)
        for unit in units:
            unit.municipality_id = form.instance.municipality_id
            unit.save()
            _record(request, "unit.save", unit, ["name", "kind", "parent_id"])
        for unit in formset.deleted_objects:
            _record(request, "unit.delete", unit, [])
            unit.delete()
        formset.save_m2m()


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "parent"]
    exclude = ["municipality"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    fields = ["organisation", "unit", "role", "active"]
    extra = 0


@admin.register(User)
class StaffUserAdmin(UserAdmin, AuditedAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for obj in formset.save(commit=False):
            obj.municipality_id = obj.organisation.municipality_id
            obj.save()
            _record(request, "membership.save", obj, ["organisation_id", "role", "active"])
        for obj in formset.deleted_objects:
            _record(request, "membership.delete", obj, [])
            obj.delete()
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role", "unit", "active"]
    list_filter = ["role", "active", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation", "unit"]
    exclude = ["municipality"]


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["name", "prefix", "membership", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    list_select_related = ["membership__user", "membership__organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token's key is shown once at creation, which only the Account page does.
        return False
