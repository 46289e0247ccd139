from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from helhet.demo.services import DEMO_PASSWORD, DemoRefused, demo_load


class Command(BaseCommand):
    help = "Load the deterministic synthetic demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_load(progress=None if options["quiet"] else self.stdout.write)
        except DemoRefused as exc:
            raise CommandError(str(exc)) from exc
        if options["quiet"]:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
        for username, role, organisation in result.logins:
            self.stdout.write(f"  {username:<24} {role:<14} {organisation}")
        self.stdout.write("")
        # Min side: these persons sign in through the local ID-porten with their synthetic IDs.
        from django.conf import settings

        from helhet.portal.demo import demo_sign_ins

        self.stdout.write(
            self.style.SUCCESS(
                f"Min side ({settings.SITE_URL}/min-side/): sign in through the local ID-porten "
                "with a synthetic national ID, no password"
            )
        )
        for description, national_id in demo_sign_ins():
            self.stdout.write(f"  {national_id}  {description}")
        self.stdout.write("")
