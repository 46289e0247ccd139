"""Start and stop the local ID provider (``node devidp/server.mjs``), which plays ID-porten in
development, the tests and the demo. ``helhet run`` and the tests' session fixture use it."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SERVER = Path(settings.PROJECT_DIR) / "devidp" / "server.mjs"


class DevIdpUnavailable(RuntimeError):
    pass


@dataclass
class DevIdp:
    issuer: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def available() -> bool:
    return (
        bool(shutil.which("node"))
        and SERVER.exists()
        and (Path(settings.PROJECT_DIR) / "node_modules" / "oidc-provider").exists()
    )


def start(
    *,
    issuer: str,
    redirect_uris: Iterable[str],
    post_logout_redirect_uris: Iterable[str],
    client_id: str,
    client_secret: str,
    hints: Iterable[tuple[str, str]] = (),
    key_file: Path | None = None,
    log: Path | None = None,
    timeout: float = 20.0,
) -> DevIdp:
    """Start the provider and wait until its discovery document answers."""
    node = shutil.which("node")
    if node is None or not available():
        raise DevIdpUnavailable(
            "The local ID provider needs Node.js and `npm ci` (make setup): devidp/server.mjs"
        )
    env = {
        **os.environ,
        "DEVIDP_ISSUER": issuer,
        "DEVIDP_CLIENT_ID": client_id,
        "DEVIDP_CLIENT_SECRET": client_secret,
        "DEVIDP_REDIRECT_URIS": ",".join(redirect_uris),
        "DEVIDP_POST_LOGOUT_REDIRECT_URIS": ",".join(post_logout_redirect_uris),
        "DEVIDP_HINTS": ",".join(f"{name}={nid}" for name, nid in hints),
        "DEVIDP_EXIT_WITH_STDIN": "1",
    }
    if key_file is not None:
        env["DEVIDP_KEY_FILE"] = str(key_file)
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - the child keeps it
    process = subprocess.Popen(  # noqa: S603 - our own script, with the node on PATH
        [node, str(SERVER)],
        cwd=settings.PROJECT_DIR,
        env=env,
        stdin=subprocess.PIPE,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    idp = DevIdp(issuer=issuer, process=process)
    deadline = time.monotonic() + timeout
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise DevIdpUnavailable(f"The local ID provider stopped (exit {process.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - our own URL
                if response.status == 200:
                    return idp
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    idp.stop()
    raise DevIdpUnavailable(f"The local ID provider did not answer at {url}.")
