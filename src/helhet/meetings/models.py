"""Family meetings, responsibility-group meetings (*ansvarsgruppe*) and case conferences.

A meeting is visible to the staff of the organisations that take part in it (a
``Participant`` row naming the organisation) and to nobody else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.categories import InformationCategory
from helhet.core.models import TenantModel


class MeetingKind(models.TextChoices):
    FAMILY_MEETING = "family_meeting", _("Family meeting")
    RESPONSIBILITY_GROUP = "responsibility_group", _("Responsibility group")
    CASE_CONFERENCE = "case_conference", _("Case conference")
    # Booked only through a network (networks.services.network_meeting_book), which links it.
    NETWORK_MEETING = "network_meeting", _("Network meeting")


# The kinds anyone may book directly; a network meeting is booked from its network.
BOOKABLE_KINDS = (
    MeetingKind.FAMILY_MEETING,
    MeetingKind.RESPONSIBILITY_GROUP,
    MeetingKind.CASE_CONFERENCE,
)


class Meeting(TenantModel):
    kind = models.CharField(_("kind"), max_length=24, choices=MeetingKind.choices)
    family = models.ForeignKey(
        "people.Family",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("family"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("about"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    organiser = models.ForeignKey(
        "tenancy.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organiser"),
    )
    organiser_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organised by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MeetingKind.values), name="meeting_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "starts_at"], name="meeting_starts")]

    def __str__(self) -> str:
        return self.title


class Participant(TenantModel):
    """Someone taking part: an organisation (with or without a named member of staff), or a
    family member. Organisations that take part see the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_participations",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_participations",
        verbose_name=_("member of staff"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_participations",
        verbose_name=_("family member"),
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(person__isnull=False),
                name="participant_is_someone",
            ),
            # A member of staff takes part on behalf of an organisation.
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) | models.Q(organisation__isnull=False),
                name="participant_user_has_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="participant_user_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(person__isnull=False),
                name="participant_person_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=models.Q(user__isnull=True, person__isnull=True),
                name="participant_organisation_once",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "meeting"], name="participant_org_meeting"),
        ]

    def __str__(self) -> str:
        return f"participant {self.pk} in meeting {self.meeting_id}"


class Decision(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    created_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:60]


class ActionItem(TenantModel):
    """Something a meeting agreed an organisation will do. It can become a plan measure."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("title"), max_length=200)
    owner_organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("owner"),
    )
    owner_user = models.ForeignKey(
        "tenancy.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    measure = models.ForeignKey(
        "plans.Measure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("plan measure"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("for"),
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=InformationCategory.choices,
        default=InformationCategory.OTHER,
    )
    created_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.UniqueConstraint(
                fields=["measure"],
                condition=models.Q(measure__isnull=False),
                name="action_item_measure_once",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=InformationCategory.values),
                name="action_item_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title
