from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from helhet.notifications.reminders import run_reminders


class Command(BaseCommand):
    help = "Run the background jobs (reminders, log review) every --interval seconds until stopped."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=int, default=300, help="Seconds between runs.")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        interval = max(5, options["interval"])
        while True:
            run = run_reminders()
            self.stdout.write(
                f"reminders: {run.total()} sent ({dict(run.sent)}); log review: "
                f"{run.scanned} scanned, {sum(run.flagged.values())} flagged"
            )
            if options["once"] or stopping:
                return
            waited = 0.0
            while waited < interval and not stopping:
                time.sleep(0.5)
                waited += 0.5
            if stopping:
                return
            # A long-lived process: drop connections the database may have closed meanwhile.
            close_old_connections()
