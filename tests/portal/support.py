"""Helpers of the Min side tests: the door string, ages, and a person signed in as the
callback signs them in."""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.utils import timezone

from helhet.portal.session import SESSION_KEY

THROUGH = "GET portal:test"


def years_ago(years: int, days: int = 10) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - timedelta(days=days)


def sign_in(client, person, acr: str = "idporten-loa-substantial"):  # type: ignore[no-untyped-def]
    session = client.session
    now = time.time()
    session[SESSION_KEY] = {
        "person_id": person.pk,
        "acr": acr,
        "signed_in_at": now,
        "last_seen": now,
        "id_token": "",
    }
    session.save()
    return client
