"""The calendar day as the services see it."""

from __future__ import annotations

from datetime import date

from django.utils import timezone


def today() -> date:
    """Today in the configured time zone (Europe/Oslo), not UTC: a consent given at 00:30
    is given on that Norwegian day."""
    return timezone.localdate()
