"""The local ID provider for the tests: a real OpenID provider (node devidp/server.mjs) per
site, started once per test session (per xdist worker) and stopped at its end, plus a helper
that walks its sign-in page over HTTP as a browser would."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from helhet.portal import devidp
from tests.conftest import require

CLIENT_ID = "helhet-test"
CLIENT_SECRET = "helhet-test-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def idp_servers(tmp_path_factory) -> Iterator[Callable[[str], devidp.DevIdp]]:  # type: ignore[no-untyped-def]
    started: dict[str, devidp.DevIdp] = {}

    def get(site: str) -> devidp.DevIdp:
        require(devidp.available(), "Node.js with npm oidc-provider (make setup) for devidp")
        if site not in started:
            started[site] = devidp.start(
                issuer=f"http://127.0.0.1:{_free_port()}",
                redirect_uris=[f"{site}/min-side/callback/"],
                post_logout_redirect_uris=[f"{site}/min-side/signed-out/"],
                client_id=CLIENT_ID,
                client_secret=CLIENT_SECRET,
                log=tmp_path_factory.getbasetemp() / f"devidp-{len(started)}.log",
            )
        return started[site]

    yield get
    for server in started.values():
        server.stop()


def use_idp(settings, server: devidp.DevIdp) -> devidp.DevIdp:  # type: ignore[no-untyped-def]
    settings.OIDC_ISSUER = server.issuer
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_REDIRECT_URI = ""
    return server


@pytest.fixture
def idp(idp_servers, settings) -> devidp.DevIdp:  # type: ignore[no-untyped-def]
    """The provider for Django's test client (the site is http://testserver)."""
    return use_idp(settings, idp_servers("http://testserver"))


def idp_login(authorize_url: str, pid: str, acr: str, *, stop_at: str) -> str:
    """Walk the provider's sign-in page as a browser would; return the URL it sends the
    browser back to (on the site ``stop_at``)."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text[:500]
    action = re.search(r'action="(/interaction/[^"]+/login)"', page.text)
    assert action, page.text[:500]
    response = browser.post(
        urljoin(page.url, action.group(1)),
        data={"pid": pid, "acr": acr},
        allow_redirects=False,
        timeout=10,
    )
    for _hop in range(10):
        location = response.headers.get("location", "")
        assert response.status_code in (302, 303), response.text[:500]
        if location.startswith(stop_at):
            return location
        response = browser.get(urljoin(response.url, location), allow_redirects=False, timeout=10)
    raise AssertionError("the provider did not send the browser back")


def portal_sign_in(client, pid: str, acr: str = "idporten-loa-substantial"):  # type: ignore[no-untyped-def]
    """Sign in on Min side with Django's test client through the real provider."""
    start = client.post("/min-side/sign-in/")
    assert start.status_code == 302, start.content[:500]
    back = idp_login(start["Location"], pid, acr, stop_at="http://testserver")
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")
