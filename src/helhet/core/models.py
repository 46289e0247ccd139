"""Model bases shared by the apps."""

from __future__ import annotations

from django.db import models


class TenantModel(models.Model):
    """A row that belongs to one municipality: every query of it is scoped by that key, and a
    municipality that still holds rows cannot be deleted."""

    # A string reference, so the kernel imports no app; "+" because no one walks back from a
    # municipality to everything it holds.
    municipality = models.ForeignKey(
        "tenancy.Municipality", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
