"""Sign-in through ID-porten with OpenID Connect, by Authlib (never a hand-written protocol).

Authorization code flow with PKCE (S256), ``state`` and ``nonce`` kept in the session by
Authlib; the id_token's signature is checked against the provider's JWKS (from discovery),
with its issuer, audience, expiry and nonce. Helhet then reads ``pid`` (the national ID) and
checks ``acr`` against ``settings.OIDC_REQUIRED_ACR``.

The issuer is one setting: ``HELHET_OIDC_ISSUER=https://idporten.no`` in production, the local
provider (devidp/) elsewhere. See docs/portal.md.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from authlib.common.errors import AuthlibBaseError  # type: ignore[import-untyped]
from authlib.integrations.django_client import (  # type: ignore[import-untyped]
    DjangoOAuth2App,
    OAuth,
)
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from joserfc.errors import JoseError
from requests import RequestException

from helhet.portal.errors import AssuranceTooLow, SignInFailed

# ID-porten's assurance levels, lowest first (eIDAS substantial and high).
ACR_LEVELS = ("idporten-loa-substantial", "idporten-loa-high")
PID = re.compile(r"^\d{11}$")
NAME = "idporten"

_lock = threading.Lock()
_clients: dict[tuple[str, str, str, str], DjangoOAuth2App] = {}


def client() -> DjangoOAuth2App:
    """The OpenID Connect client for the configured issuer (its discovery document and keys
    are fetched once and kept; Authlib fetches the keys again if a new key id appears)."""
    key = (
        settings.OIDC_ISSUER.rstrip("/"),
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPE,
    )
    with _lock:
        if key not in _clients:
            oauth = OAuth()
            _clients[key] = oauth.register(
                name=NAME,
                client_id=key[1],
                client_secret=key[2],
                server_metadata_url=key[0] + "/.well-known/openid-configuration",
                client_kwargs={
                    "scope": key[3],
                    "code_challenge_method": "S256",
                    "token_endpoint_auth_method": "client_secret_basic",
                    "timeout": 10,
                },
            )
        return _clients[key]


def issuer_origin() -> str:
    parts = urlsplit(settings.OIDC_ISSUER)
    return f"{parts.scheme}://{parts.netloc}"


def redirect_uri(request: HttpRequest) -> str:
    return settings.OIDC_REDIRECT_URI or request.build_absolute_uri(reverse("portal:callback"))


def post_logout_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portal:signed_out"))


def acr_rank(acr: str) -> int:
    return ACR_LEVELS.index(acr) if acr in ACR_LEVELS else -1


def begin(request: HttpRequest) -> HttpResponse:
    """Redirect to the provider's authorization endpoint (state, nonce and PKCE verifier are
    stored in the session by Authlib)."""
    try:
        response: HttpResponse = client().authorize_redirect(
            request,
            redirect_uri(request),
            acr_values=settings.OIDC_REQUIRED_ACR,
            ui_locales="en" if (get_language() or "").startswith("en") else "nb",
        )
    except (AuthlibBaseError, RequestException, ValueError) as exc:
        raise SignInFailed(details={"stage": "authorize", "error": type(exc).__name__}) from exc
    return response


@dataclass(frozen=True)
class Identity:
    pid: str
    acr: str
    amr: tuple[str, ...]
    id_token: str


def complete(request: HttpRequest) -> Identity:
    """Finish the flow on the callback: state checked, code exchanged with the PKCE verifier,
    id_token verified (signature, issuer, audience, expiry, nonce), ``acr`` checked."""
    try:
        token: dict[str, Any] = client().authorize_access_token(request)
    except (AuthlibBaseError, JoseError, RequestException, ValueError, KeyError) as exc:
        code = getattr(exc, "error", "") or type(exc).__name__
        raise SignInFailed(details={"stage": "callback", "error": str(code)}) from exc
    claims = token.get("userinfo")
    if not claims or "id_token" not in token:
        # No verified id_token (Authlib verifies one only when it sent a nonce): refuse.
        raise SignInFailed(details={"stage": "callback", "error": "no_id_token"})
    pid = str(claims.get("pid", ""))
    if not PID.match(pid):
        raise SignInFailed(details={"stage": "claims", "error": "pid"})
    acr = str(claims.get("acr", ""))
    if acr_rank(acr) < max(acr_rank(settings.OIDC_REQUIRED_ACR), 0):
        raise AssuranceTooLow(details={"acr": acr, "required": settings.OIDC_REQUIRED_ACR})
    amr = claims.get("amr") or ()
    return Identity(
        pid=pid,
        acr=acr,
        amr=tuple(str(a) for a in (amr if isinstance(amr, list) else [amr])),
        id_token=str(token["id_token"]),
    )


def logout_url(request: HttpRequest, id_token: str) -> str | None:
    """The provider's end_session_endpoint, to end the ID-porten session too."""
    try:
        result = client().create_logout_url(
            post_logout_redirect_uri=post_logout_uri(request),
            id_token_hint=id_token or None,
        )
    except (AuthlibBaseError, RequestException, RuntimeError, ValueError):
        return None
    return str(result["url"])
