"""The append-only audit trail: every read of personal data and every change.

Rows are only ever inserted. The model layer refuses updates and deletes, and a database
trigger (PostgreSQL and SQLite alike, see the migrations) refuses them underneath the app.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An invariant of the storage, not a business rule: an existing row never changes.
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The audit log is append-only.")


class Channel(models.TextChoices):
    WEB = "web", _("Web page")
    API = "api", _("API")
    EXPORT = "export", _("Export")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    DENIED = "denied", _("Denied")


class AccessEvent(AppendOnlyModel):
    """One read (or refused read) of one person's data."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality", null=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        "tenancy.User",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("who"), max_length=150)
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=16)
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.PROTECT, related_name="access_events"
    )
    # What was asked for, kept for denied reads of persons that do not exist or are hidden.
    target_ref = models.CharField(max_length=64, blank=True)
    categories = models.JSONField(_("categories"), default=list)
    channel = models.CharField(_("through"), max_length=8, choices=Channel.choices)
    through = models.CharField(_("view"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access event")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["person", "-at"], name="access_person_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.outcome} {self.target_ref}"


class ChangeEvent(AppendOnlyModel):
    """One change made through a service."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    user = models.ForeignKey(
        "tenancy.User",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("who"), max_length=150)
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=64)
    entity = models.CharField(_("entity"), max_length=64)
    entity_id = models.CharField(_("entity id"), max_length=64)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change event")
        verbose_name_plural = _("change log")

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.entity}#{self.entity_id}"
        )
