"""Teams and networks: kind, type, mandate, objectives, members, leadership, bodies, meetings.

Networks describe organisations and their staff, not clients, so reading them is not
logged in the access log. A body (steering committee, round table, practitioner team) is
a network whose ``parent`` is the network it belongs to.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel


class NetworkKind(models.TextChoices):
    MANDATED = "mandated", _("Mandated")
    VOLUNTARY = "voluntary", _("Voluntary")
    HYBRID = "hybrid", _("Hybrid")


class NetworkType(models.TextChoices):
    TEAM = "team", _("Team")
    NETWORK = "network", _("Network")
    ROUND_TABLE = "round_table", _("Round table")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    PRACTITIONER_TEAM = "practitioner_team", _("Practitioner team")
    TRANSITIONAL_WORKING_GROUP = "transitional_working_group", _("Transitional working group")


class Lifecycle(models.TextChoices):
    FORMING = "forming", _("Forming")
    OPERATING = "operating", _("Operating")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


# The steps a network may take; an ended network stays ended.
LIFECYCLE_STEPS: dict[str, frozenset[str]] = {
    Lifecycle.FORMING: frozenset({Lifecycle.OPERATING, Lifecycle.ENDED}),
    Lifecycle.OPERATING: frozenset({Lifecycle.PAUSED, Lifecycle.ENDED}),
    Lifecycle.PAUSED: frozenset({Lifecycle.OPERATING, Lifecycle.ENDED}),
    Lifecycle.ENDED: frozenset(),
}


class LeadershipModel(models.TextChoices):
    FORMAL_LEAD = "formal_lead", _("Formal lead organisation")
    SHARED = "shared", _("Shared leadership")
    INFORMAL = "informal", _("Informal leaders")


class MemberRole(models.TextChoices):
    SPONSOR = "sponsor", _("Sponsor")
    LEAD = "lead", _("Lead")
    MEMBER = "member", _("Member")
    ADVISORY = "advisory", _("Advisory")


class Network(TenantModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=NetworkKind.choices)
    type = models.CharField(_("type"), max_length=32, choices=NetworkType.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        verbose_name=_("part of"),
    )
    status = models.CharField(
        _("lifecycle"), max_length=16, choices=Lifecycle.choices, default=Lifecycle.FORMING
    )
    target_population = models.TextField(_("target population"), blank=True)
    districts = models.CharField(_("districts"), max_length=500, blank=True)
    leadership_model = models.CharField(
        _("leadership"),
        max_length=16,
        choices=LeadershipModel.choices,
        default=LeadershipModel.SHARED,
    )
    lead_organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_networks",
        verbose_name=_("lead organisation"),
    )
    informal_leaders = models.CharField(_("informal leaders"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NetworkKind.values), name="network_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(type__in=NetworkType.values), name="network_type_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Lifecycle.values), name="network_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(leadership_model__in=LeadershipModel.values),
                name="network_leadership_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(leadership_model=LeadershipModel.FORMAL_LEAD)
                | models.Q(lead_organisation__isnull=False),
                name="network_formal_lead_named",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "name"], name="network_name")]

    def __str__(self) -> str:
        return self.name


class Mandate(TenantModel):
    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="mandate")
    issued_by = models.CharField(_("issued by"), max_length=200)
    regulatory_basis = models.CharField(_("regulatory basis"), max_length=500, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    scope = models.TextField(_("scope"), blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"mandate of network {self.network_id}"


class Objective(TenantModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="objectives")
    text = models.CharField(_("objective"), max_length=1000)
    explicit = models.BooleanField(_("explicit"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.text[:60]


class NetworkMember(TenantModel):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="network_member_once"),
            models.CheckConstraint(
                condition=models.Q(role__in=MemberRole.values), name="network_member_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"member {self.organisation_id} of network {self.network_id}"


class Representative(TenantModel):
    """A named person representing a member organisation: a member of staff or a name."""

    member = models.ForeignKey(
        NetworkMember, on_delete=models.CASCADE, related_name="representatives"
    )
    user = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member of staff"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""),
                name="representative_is_someone",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"user {self.user_id}"


class NetworkMeeting(TenantModel):
    """Links a meeting of the meetings app to the network that held it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="network_link"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    def __str__(self) -> str:
        return f"meeting {self.meeting_id} of network {self.network_id}"
