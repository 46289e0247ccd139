from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from helhet.tenancy.models import ApiToken, Membership, Municipality, Organisation, Unit, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["number", "name"]
    search_fields = ["number", "name"]


class UnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unit
    fk_name = "organisation"
    fields = ["name", "kind", "parent"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "sector", "municipality"]
    list_filter = ["kind", "sector", "municipality"]
    search_fields = ["name", "org_number"]
    list_select_related = ["municipality"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "kind", "organisation", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation", "parent"]
    exclude = ["municipality"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.municipality_id = obj.organisation.municipality_id
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    fields = ["organisation", "unit", "role", "active"]
    extra = 0


@admin.register(User)
class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        for obj in formset.save(commit=False):
            if isinstance(obj, Membership):
                obj.municipality_id = obj.organisation.municipality_id
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "organisation", "role", "unit", "active"]
    list_filter = ["role", "active", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation", "unit"]
    exclude = ["municipality"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.municipality_id = obj.organisation.municipality_id
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "prefix", "membership", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    list_select_related = ["membership__user", "membership__organisation"]
