"""The log review as a scan of the reminder job (``settings.HELHET_REMINDER_SCANS``)."""

from __future__ import annotations

from helhet.audit.review import review_scan
from helhet.notifications.reminders import ReminderRun, own_transactions


@own_transactions
def review_access_log(run: ReminderRun) -> None:
    """Log review: flag the unusual reads since the last scan for the privacy officer. Its
    watermark makes it idempotent like the reminders; it commits in batches of its own."""
    review = review_scan()
    run.scanned += review.scanned
    run.flagged.update(review.flagged)
