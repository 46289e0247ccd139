"""The ``helhet`` command.

``helhet run`` prepares the embedded database, loads the demo data and serves the app;
``helhet serve`` only serves; every other word is a Django management command
(``helhet migrate``, ``helhet demo``, ``helhet createsuperuser`` …).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helhet.portal.devidp import DevIdp


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
        idp = _start_dev_idp(rest[0] if rest else address)
        # A plain `kill` should stop the local ID provider too (the finally below).
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        try:
            execute_from_command_line(["helhet", "runserver", "--noreload", *(rest or [address])])
        finally:
            if idp is not None:
                idp.stop()
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


def _start_dev_idp(address: str) -> DevIdp | None:
    """Start the local ID provider that plays ID-porten for Min side (docs/portal.md), when
    HELHET_DEV_IDP is on (the default outside production) and the issuer is on this machine."""
    from urllib.parse import urlsplit

    from django.conf import settings

    from helhet.portal import devidp

    host = urlsplit(settings.OIDC_ISSUER).hostname
    if not settings.DEV_IDP or host not in {"127.0.0.1", "localhost"}:
        return None
    base = address if "://" in address else f"http://{address}"
    port = urlsplit(base).port or 8000
    sites = [f"http://127.0.0.1:{port}", f"http://localhost:{port}", base.rstrip("/")]
    sites = list(dict.fromkeys(sites))
    try:
        from helhet.portal.demo import demo_sign_ins

        hints = demo_sign_ins()
    except Exception:  # hints are a convenience; the provider runs without them
        hints = []
    try:
        idp = devidp.start(
            issuer=settings.OIDC_ISSUER,
            redirect_uris=[f"{s}/min-side/callback/" for s in sites],
            post_logout_redirect_uris=[f"{s}/min-side/signed-out/" for s in sites],
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET,
            hints=hints,
            key_file=settings.DATA_DIR / "devidp" / "signing-key.json",
            log=settings.DATA_DIR / "devidp.log",
        )
    except devidp.DevIdpUnavailable as exc:
        print(f"Min side: {exc} Sign-in through the local ID-porten is off.")
        return None
    print(f"Min side: the local ID-porten runs at {settings.OIDC_ISSUER}")
    return idp


if __name__ == "__main__":
    main()
