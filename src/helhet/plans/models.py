"""The family plan (*helhetlig familieplan*): one per family, made with the family.

The plan has a common part that every service working with a family member sees (the
family's own goals and the texts the individual-plan regulation asks for), and measures
(*tiltak*). A measure concerns one family member, is owned by one organisation and carries an
information category, so ``consent.policies.readable_q`` filters measures in SQL exactly as
it filters information entries: the owner sees its own, others only with consent.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.models import TenantModel


class FamilyPlan(TenantModel):
    family = models.OneToOneField(
        "people.Family", on_delete=models.PROTECT, related_name="plan", verbose_name=_("family")
    )
    # Optimistic locking: every saved change adds one; a save based on an older number is
    # refused (PlanConflict) instead of overwriting what someone else saved.
    version = models.PositiveIntegerField(_("version"), default=1)
    # Element 3: who coordinates and follows up. The organisation is kept with the user, so
    # the plan can show (or withhold) it by the same rule as an involvement.
    coordinator = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    coordinator_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Element 7: plan period and when it is revised.
    period_start = models.DateField(_("plan period from"), null=True, blank=True)
    period_end = models.DateField(_("plan period until"), null=True, blank=True)
    revise_on = models.DateField(_("revise on"), null=True, blank=True)
    # Element 1 (with the goals), 2, 4, 6 and 9 of the regulation.
    resources_and_needs = models.TextField(_("resources and needs"), blank=True)
    participants = models.TextField(_("who takes part"), blank=True)
    contributions = models.TextField(
        _("what the family, the services and relatives contribute"), blank=True
    )
    implementation = models.TextField(_("how the measures are carried out"), blank=True)
    cooperation = models.TextField(_("cooperation needed with other services"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("family plan")
        verbose_name_plural = _("family plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="plan_period_end_after_start",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="plan_version_pos"),
        ]

    def __str__(self) -> str:
        return f"Plan {self.pk} for family {self.family_id} (v{self.version})"


class Goal(TenantModel):
    """One of the family's goals, in the family's own words."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal, in the family's own words"))
    order = models.PositiveIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text[:60]


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


class Measure(TenantModel):
    """A measure (*tiltak*) for one family member, owned by one organisation.

    ``person``, ``organisation`` and ``category`` carry these names so that
    ``consent.policies.readable_q(actor)`` applies to measures as it is.
    """

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("goal"),
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="measures", verbose_name=_("for")
    )
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("owned by"),
    )
    category = models.CharField(_("category"), max_length=16, choices=InformationCategory.choices)
    responsible = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Element 5: the scope of the measure (how much, how often, for how long).
    scope = models.TextField(_("scope"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=InformationCategory.values),
                name="measure_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MeasureStatus.values), name="measure_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "due_date"], name="measure_org_due"),
        ]

    def __str__(self) -> str:
        return self.title


class PlanVersion(TenantModel):
    """The whole plan as it was after one saved change (JSON), kept for history and diffs.

    A change that concerns one measure also records that measure's ``person``,
    ``organisation`` and ``category``, so that the version list can be filtered with
    ``readable_q`` like the measures themselves.
    """

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("change"), max_length=48)
    snapshot = models.JSONField()
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(max_length=16, blank=True)
    created_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_organisation = models.ForeignKey(
        "tenancy.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique"),
        ]

    def __str__(self) -> str:
        return f"Plan {self.plan_id} v{self.number}"
