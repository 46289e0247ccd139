"""What Min side keeps of its own: restrictions on what a guardian sees, what the person writes
about the plan's goals, and their answers and topics for meetings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TenantModel


class GuardianRestriction(TenantModel):
    """A child-welfare service's decision that a guardian does not see a child's data on Min
    side (for example when the child lives in care and contact is restricted). While it is in
    force (not lifted) the child does not appear for the guardian at all."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("child")
    )
    guardian = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("guardian")
    )
    organisation = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by organisation"),
    )
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        "tenancy.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("guardian restriction")
        verbose_name_plural = _("guardian restrictions")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "guardian"],
                condition=models.Q(lifted_at__isnull=True),
                name="guardian_restriction_one_in_force",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="guardian_restriction_has_reason"
            ),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("guardian")), name="guardian_restriction_two"
            ),
        ]

    def __str__(self) -> str:
        return f"guardian {self.guardian_id} restricted from child {self.child_id}"


class GoalAuthor(TenantModel):
    """A goal of the family plan written by a family member on Min side: they may edit it."""

    goal = models.OneToOneField("plans.Goal", on_delete=models.CASCADE, related_name="author")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"goal {self.goal_id} by person {self.person_id}"


class GoalComment(TenantModel):
    """A family member's comment on one of the plan's goals, in their own words."""

    goal = models.ForeignKey("plans.Goal", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a goal")
        verbose_name_plural = _("comments on goals")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="goal_comment_text")
        ]

    def __str__(self) -> str:
        return self.text[:60]


class MeetingAnswerKind(models.TextChoices):
    ACCEPTED = "accepted", _("I will come")
    DECLINED = "declined", _("I cannot come")


class MeetingAnswer(TenantModel):
    """Whether a family member comes to a meeting (given by them, or a guardian for a child)."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="portal_answers"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=8, choices=MeetingAnswerKind.choices)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meeting_answer_once"),
            models.CheckConstraint(
                condition=models.Q(answer__in=MeetingAnswerKind.values),
                name="meeting_answer_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} for meeting {self.meeting_id} by person {self.person_id}"


class MeetingTopic(TenantModel):
    """Something a family member wants raised at a meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="portal_topics"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("topic"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="meeting_topic_text")
        ]

    def __str__(self) -> str:
        return self.text[:60]
