"""Persons, families/households, relations between persons, and what agencies record."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.models import TenantModel


class Person(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    national_id = models.CharField(_("national identity number"), max_length=11, unique=True)
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Family(TenantModel):
    """A household: the unit a family plan and a family meeting are about."""

    name = models.CharField(_("name"), max_length=150)
    members: models.ManyToManyField[Person, FamilyMember] = models.ManyToManyField(
        Person, through="FamilyMember", related_name="families"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return self.name


class HouseholdRole(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    OTHER = "other", _("Other household member")


class FamilyMember(TenantModel):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="family_memberships")
    role = models.CharField(_("role in household"), max_length=8, choices=HouseholdRole.choices)

    class Meta:
        ordering = ["role", "person__birth_date"]
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="family_member_unique"),
        ]

    def __str__(self) -> str:
        return f"person {self.person_id} in family {self.family_id} ({self.role})"


class RelationKind(models.TextChoices):
    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    GUARDIAN = "guardian", _("Guardian")


class RelationSource(models.TextChoices):
    """Where a relation comes from. Guardianship decides who may consent and who may see a
    child's data on Min side, so it is never a free write: it comes from the population
    register, or from a manager's logged decision with a written reason."""

    REGISTER = "register", _("Population register")
    MANAGER_DECISION = "manager_decision", _("A manager's decision")
    RECORDED = "recorded", _("Recorded by a caseworker")
    UNVERIFIED = "unverified", _("Recorded before sources were kept")


class Relation(TenantModel):
    """``relative`` is the ``kind`` of ``person``: (Kari, Ola, parent) says Ola is Kari's parent."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    relative = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_as_relative"
    )
    kind = models.CharField(_("relation"), max_length=8, choices=RelationKind.choices)
    source = models.CharField(_("source"), max_length=16, choices=RelationSource.choices)
    decided_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "kind"], name="relation_unique"),
            # A guardian is never just typed in: see RelationSource.
            models.CheckConstraint(
                condition=~models.Q(kind="guardian")
                | models.Q(source__in=["register", "manager_decision", "unverified"]),
                name="relation_guardian_has_source",
            ),
            models.CheckConstraint(
                condition=~models.Q(source="manager_decision") | ~models.Q(reason=""),
                name="relation_decision_has_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative_id} is {self.kind} of {self.person_id}"


class InformationEntry(TenantModel):
    """A piece of information one organisation keeps about a person, in one category."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="entries")
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="entries"
    )
    category = models.CharField(_("category"), max_length=16, choices=InformationCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    recorded_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("information entry")
        verbose_name_plural = _("information entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=InformationCategory.values),
                name="entry_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title
