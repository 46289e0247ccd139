"""The ``helhet`` command.

``helhet run`` prepares the embedded database, loads the demo data and serves the app;
``helhet serve`` only serves; every other word is a Django management command
(``helhet migrate``, ``helhet demo``, ``helhet createsuperuser`` …).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helhet.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    from django.core.management import execute_from_command_line

    if not args:
        execute_from_command_line(["helhet", "help"])
        return
    command, rest = args[0], args[1:]
    address = os.environ.get("HELHET_ADDRESS", "127.0.0.1:8000")
    if command == "run":
        execute_from_command_line(["helhet", "migrate", "--no-input", "-v", "0"])
        execute_from_command_line(["helhet", "demo"])
        execute_from_command_line(["helhet", "runserver", "--noreload", *(rest or [address])])
    elif command == "serve":
        from django.conf import settings

        if settings.PRODUCTION:
            gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
            os.execv(  # noqa: S606 - replaces this process with gunicorn from the same venv
                gunicorn,
                [
                    "gunicorn",
                    "helhet.wsgi",
                    "--bind",
                    rest[0] if rest else address,
                    "--workers",
                    os.environ.get("HELHET_WORKERS", "3"),
                ],
            )
        execute_from_command_line(["helhet", "runserver", *(rest or [address])])
    else:
        execute_from_command_line(["helhet", *args])


if __name__ == "__main__":
    main()
