"""In-app notifications, each also sent by e-mail. The key makes sending idempotent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    municipality = models.ForeignKey(
        "tenancy.Municipality", null=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        "tenancy.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=48)
    # Unique per recipient: the same reminder is never delivered twice.
    key = models.CharField(max_length=200)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return self.title
