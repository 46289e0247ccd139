"""``helhet review-log``: run the log review's rules over the access events since the last
scan, printing progress per batch and what each rule flagged. Safe to run as often as you
like (from cron, or by hand after changing a threshold); `helhet remind` and `helhet worker`
run the same scan."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from helhet.audit import review
from helhet.audit.models import ReviewRule
from helhet.audit.review import ReviewRun, review_scan, thresholds, watermark


class Command(BaseCommand):
    help = (
        "Flag unusual reads of personal data for the privacy officer (log review). Scans each "
        "access event once; never flags the same thing twice."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now",
            help="Scan as if it were this moment (ISO 8601, e.g. 2026-12-03T08:00:00+01:00).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as exc:
                raise CommandError(f"--now must be ISO 8601, not {options['now']!r}") from exc
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        limits = thresholds()
        self.stdout.write(
            f"Rules in force: {', '.join(r for r in ReviewRule.values if r in limits.rules)}; "
            f"scanning from access event {watermark() + 1} in batches of {review.BATCH}."
        )

        def progress(run: ReviewRun) -> None:
            self.stdout.write(f"… {run.scanned} access events scanned, {run.total()} flagged")

        run = review_scan(now=now, progress=progress)
        for rule in ReviewRule.values:
            if rule in limits.rules:
                self.stdout.write(f"{rule}: {run.flagged[rule]} flagged")
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.scanned} access events scanned, {run.total()} flagged in all; "
                f"the watermark is at event {watermark()}."
            )
        )
