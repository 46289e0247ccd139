"""Closed-loop referrals between organisations about a person."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REDIRECTED = "redirected", _("Redirected")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACCEPTED)
# Redirected this many times without anyone accepting: the person is sent back and forth.
BACK_AND_FORTH_REDIRECTS = 2


class DeadlineRule(TenantModel):
    """How many working days an organisation has to acknowledge referrals from another one."""

    from_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("from"),
    )
    to_organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    working_days = models.PositiveSmallIntegerField(
        _("working days to acknowledge"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    basis = models.CharField(_("basis (agreement)"), max_length=200, blank=True)
    # Set by a service agreement in force: it changes only with a new version signed by every
    # party, never by one party alone.
    from_agreement = models.BooleanField(_("set by an agreement in force"), default=False)

    class Meta:
        verbose_name = _("referral deadline")
        verbose_name_plural = _("referral deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["from_organisation", "to_organisation"], name="deadline_rule_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(working_days__gte=1) & models.Q(working_days__lte=60),
                name="deadline_rule_days_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation_id} → {self.to_organisation_id}: {self.working_days}"


class Referral(TenantModel):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    from_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("from"),
    )
    to_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to"),
    )
    sent_by = models.ForeignKey(
        "tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason for the referral"))
    # The information categories that travel with the referral: only ones the person consented
    # to share with the receiver when it was sent, and shown only while consent still holds.
    categories = models.JSONField(_("information shared"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    deadline = models.DateField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="redirected_to"
    )
    # Redirections in the chain so far without anyone accepting.
    redirect_count = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="referral_not_to_self",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReferralStatus.values), name="referral_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["to_organisation", "status", "deadline"], name="referral_inbox"),
            models.Index(fields=["from_organisation", "status"], name="referral_outbox"),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def back_and_forth(self) -> bool:
        return self.redirect_count >= BACK_AND_FORTH_REDIRECTS


class ReferralEvent(models.Model):
    """Every state change of a referral, with who made it and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey("tenancy.User", null=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=16, blank=True, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
