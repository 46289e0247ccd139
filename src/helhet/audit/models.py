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


class AccessEventOwner(AppendOnlyModel):
    """An organisation whose recorded entries a read returned: the data's owner, who sees the
    read in its own access log even when another organisation made it."""

    event = models.ForeignKey(AccessEvent, on_delete=models.PROTECT, related_name="owners")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="access_owner_unique")
        ]
        indexes = [models.Index(fields=["organisation", "-event"], name="access_owner_org")]

    def __str__(self) -> str:
        return f"event {self.event_id} owned by {self.organisation_id}"


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


class ReviewRule(models.TextChoices):
    """The rules of log review (Normen's "kontroll av logg"); see docs/log-review.md."""

    UNUSUAL_CATEGORY = "unusual_category", _("Category unusual for the organisation's kind")
    MANY_PERSONS = "many_persons", _("Many persons in a short time")
    OFF_HOURS = "off_hours", _("Outside working hours")
    NO_OPEN_TASK = "no_open_task", _("No open task with the person")


class ReviewScan(AppendOnlyModel):
    """One run of the review rules; the highest ``up_to_event_id`` is the watermark."""

    at = models.DateTimeField(auto_now_add=True)
    up_to_event_id = models.BigIntegerField()
    events_scanned = models.PositiveIntegerField(default=0)
    flags_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-up_to_event_id"]
        indexes = [models.Index(fields=["-up_to_event_id"], name="review_scan_watermark")]

    def __str__(self) -> str:
        return f"scan up to event {self.up_to_event_id}"


class ReviewFlag(AppendOnlyModel):
    """An access event a rule found unusual, waiting for the privacy officer.

    ``key`` names what was flagged (the reader, the person, the day …), unique per rule, so a
    scan that runs twice, or two scans at once, never flag the same thing twice.
    """

    municipality = models.ForeignKey(
        "tenancy.Municipality", null=True, on_delete=models.PROTECT, related_name="+"
    )
    access_event = models.ForeignKey(
        AccessEvent, on_delete=models.PROTECT, related_name="review_flags"
    )
    rule = models.CharField(_("rule"), max_length=24, choices=ReviewRule.choices)
    key = models.CharField(max_length=200)
    details = models.JSONField(_("details"), default=dict)
    created_at = models.DateTimeField(_("flagged"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")
        constraints = [
            models.UniqueConstraint(fields=["rule", "key"], name="review_flag_unique_key"),
            models.CheckConstraint(
                condition=models.Q(rule__in=ReviewRule.values), name="review_flag_rule_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "-created_at"], name="review_flag_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} on access event {self.access_event_id}"


class ReviewVerdict(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    NOT_JUSTIFIED = "not_justified", _("Not justified")


class ReviewOutcome(AppendOnlyModel):
    """The privacy officer's finding on one flag, with the written reasoning."""

    municipality = models.ForeignKey(
        "tenancy.Municipality", null=True, on_delete=models.PROTECT, related_name="+"
    )
    flag = models.ForeignKey(ReviewFlag, on_delete=models.PROTECT, related_name="outcomes")
    verdict = models.CharField(_("outcome"), max_length=16, choices=ReviewVerdict.choices)
    note = models.TextField(_("note"))
    decided_by = models.ForeignKey(
        "tenancy.User",
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    decided_by_username = models.CharField(_("decided by"), max_length=150)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("review outcome")
        verbose_name_plural = _("review outcomes")
        constraints = [
            # One finding per flag: a finding is a record, not a draft to be rewritten.
            models.UniqueConstraint(fields=["flag"], name="review_outcome_one_per_flag"),
            models.CheckConstraint(
                condition=models.Q(verdict__in=ReviewVerdict.values),
                name="review_outcome_verdict_valid",
            ),
            models.CheckConstraint(condition=~models.Q(note=""), name="review_outcome_has_note"),
        ]

    def __str__(self) -> str:
        return f"{self.verdict} on flag {self.flag_id}"
