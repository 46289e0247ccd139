"""Admin pages for municipalities, organisations, units, staff and memberships.

Every save and delete here writes a change-log row, like the services do. A membership is
the key to personal data, so the admin never lets anyone grant one to themselves (the
attempt is logged), and every membership it grants or changes is told to the managers of
the organisation, who know whether that person works there.
"""

import logging
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from helhet.notifications.services import notify
from helhet.tenancy.changes import record_change
from helhet.tenancy.models import (
    ApiToken,
    Membership,
    Municipality,
    Organisation,
    Role,
    Unit,
    User,
)
from helhet.tenancy.policies import can_grant_membership

security_log = logging.getLogger("helhet.security")

SELF_GRANT_MESSAGE = gettext_lazy(
    "You cannot give yourself a membership or change your own: another administrator must "
    "do it, and the organisation's managers are told."
)


def _record(request: HttpRequest, action: str, obj: models.Model, fields: list[str]) -> None:
    record_change(
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


def _refuse_self_grant(request: HttpRequest, user_id: int | None) -> None:
    """Refuse, and log, a membership the signed-in admin user would hold themselves."""
    user = request.user
    if not user.is_authenticated or can_grant_membership(user.pk, user_id):
        return
    record_change(
        actor=None,
        user=user,
        action="admin.membership.self_grant_refused",
        instance=user,
        changes={"user": user_id},
    )
    security_log.warning("admin self-granted membership refused for user %s", user_id)
    raise ValidationError(SELF_GRANT_MESSAGE, code="membership_self_grant")


def _tell_managers(request: HttpRequest, membership: Membership, action: str) -> None:
    managers = (
        Membership.objects.filter(
            organisation_id=membership.organisation_id,
            role=Role.MANAGER,
            active=True,
            user__is_active=True,
        )
        .exclude(user_id=membership.user_id)
        .select_related("user")
    )
    for manager in managers:
        notify(
            recipient=manager.user,
            kind="membership_granted_in_admin",
            key=f"admin-membership:{membership.pk}:{action}:{membership.role}:{membership.active}",
            title=_("%(admin)s gave %(user)s the role %(role)s in your organisation")
            % {
                "admin": request.user.get_username(),
                "user": membership.user.get_username(),
                "role": membership.get_role_display(),
            },
            body=_(
                "The change was made in the administration pages. If this person should not "
                "work with your organisation's cases, tell the privacy officer at once."
            ),
            municipality_id=membership.municipality_id,
        )


class NoSelfGrantForm(forms.ModelForm):  # type: ignore[type-arg]
    """A membership form that knows who is signed in (set by the admin) and refuses a
    membership of their own."""

    request: HttpRequest | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user = data.get("user")
        user_id = user.pk if user is not None else self.instance.user_id
        if self.request is not None and self.has_changed():
            _refuse_self_grant(self.request, user_id)
        return data


def _form_for(base: type[forms.ModelForm], request: HttpRequest) -> type[forms.ModelForm]:  # type: ignore[type-arg]
    return type(base.__name__, (base,), {"request": request})


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    form = NoSelfGrantForm
    fields = ["organisation", "unit", "role", "active"]
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _form_for(formset.form, request)
        return formset


@admin.register(User)
class StaffUserAdmin(UserAdmin, AuditedAdmin):  # type: ignore[type-arg]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for obj in formset.save(commit=False):
            _refuse_self_grant(request, obj.user_id)
            obj.municipality_id = obj.organisation.municipality_id
            obj.save()
            _record(request, "membership.save", obj, ["organisation_id", "role", "active"])
            _tell_managers(request, obj, "save")
        for obj in formset.deleted_objects:
            _record(request, "membership.delete", obj, [])
            obj.delete()
        formset.save_m2m()


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    form = NoSelfGrantForm
    list_display = ["user", "organisation", "role", "unit", "active"]
    list_filter = ["role", "active", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation", "unit"]
    exclude = ["municipality"]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        return _form_for(super().get_form(request, obj, change, **kwargs), request)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        _refuse_self_grant(request, obj.user_id)
        super().save_model(request, obj, form, change)
        _tell_managers(request, obj, "change" if change else "add")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["name", "prefix", "membership", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    list_select_related = ["membership__user", "membership__organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token's key is shown once at creation, which only the Account page does.
        return False
