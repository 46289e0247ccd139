"""The person's session on Min side: separate from a staff login, short-lived when idle.

It is one key in the Django session, holding the signed-in person's id, the assurance level
(``acr``) of the sign-in, when they signed in and when they were last seen, and the id_token
(only to end the ID-porten session at sign-out). The national ID is not kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

SESSION_KEY = "helhet_person"


@dataclass(frozen=True)
class PersonSession:
    person_id: int | None  # None: signed in, but Helhet holds nothing about them
    acr: str
    signed_in_at: float
    id_token: str


def sign_in(request: HttpRequest, *, person_id: int | None, acr: str, id_token: str) -> None:
    # A new session key at sign-in: a session id planted before it is worth nothing after.
    request.session.cycle_key()
    now = time.time()
    request.session[SESSION_KEY] = {
        "person_id": person_id,
        "acr": acr,
        "signed_in_at": now,
        "last_seen": now,
        "id_token": id_token,
    }


def current(request: HttpRequest, *, touch: bool = True) -> PersonSession | None:
    """The person's session, or None (never signed in, or idle past the limit: then it ends)."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    now = time.time()
    if now - float(data.get("last_seen", 0)) > settings.PORTAL_IDLE_MINUTES * 60:
        request.session.pop(SESSION_KEY, None)
        request.session["helhet_person_timed_out"] = True
        return None
    if touch:
        data["last_seen"] = now
        request.session[SESSION_KEY] = data
    return PersonSession(
        person_id=data.get("person_id"),
        acr=str(data.get("acr", "")),
        signed_in_at=float(data.get("signed_in_at", now)),
        id_token=str(data.get("id_token", "")),
    )


def timed_out(request: HttpRequest) -> bool:
    return bool(request.session.pop("helhet_person_timed_out", False))


def sign_out(request: HttpRequest) -> str:
    """End the person's session; returns the id_token for the provider's sign-out."""
    data = request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()
    return str(data.get("id_token", "")) if isinstance(data, dict) else ""
