from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from helhet.notifications.reminders import run_reminders


class Command(BaseCommand):
    help = "Send due reminders once (for cron). Safe to run as often as you like."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        on = None
        if options["date"]:
            try:
                on = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from exc
        run = run_reminders(on=on)
        for kind in sorted(set(run.sent) | set(run.already_sent)):
            self.stdout.write(
                f"{kind}: {run.sent[kind]} sent, {run.already_sent[kind]} already sent before"
            )
        self.stdout.write(self.style.SUCCESS(f"{run.total()} reminders sent for {run.on}."))
        self.stdout.write(
            f"log review: {run.scanned} access events scanned, "
            f"{sum(run.flagged.values())} flagged ({dict(run.flagged)})"
        )
