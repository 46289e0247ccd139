"""Writes for municipalities, organisations, units, staff and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from helhet.core.errors import TokenInvalid
from helhet.tenancy.actor import Actor
from helhet.tenancy.changes import record_change
from helhet.tenancy.errors import TokenNotFound
from helhet.tenancy.models import (
    ApiToken,
    Membership,
    Municipality,
    Organisation,
    Unit,
    User,
)

TOKEN_PREFIX = "hh_"  # noqa: S105 - a marker that makes leaked tokens greppable


@transaction.atomic
def municipality_create(*, actor: Actor | None, number: str, name: str) -> Municipality:
    municipality = Municipality(number=number, name=name)
    municipality.full_clean()
    municipality.save()
    record_change(
        actor=actor,
        action="municipality.create",
        instance=municipality,
        changes={"number": number, "name": name},
        municipality_id=municipality.pk,
    )
    return municipality


@transaction.atomic
def organisation_create(
    *,
    actor: Actor | None,
    municipality: Municipality,
    name: str,
    kind: str,
    sector: str,
    org_number: str = "",
) -> Organisation:
    organisation = Organisation(
        municipality=municipality, name=name, kind=kind, sector=sector, org_number=org_number
    )
    organisation.full_clean()
    organisation.save()
    record_change(
        actor=actor,
        action="organisation.create",
        instance=organisation,
        changes={"name": name, "kind": kind, "sector": sector},
        municipality_id=municipality.pk,
    )
    return organisation


@transaction.atomic
def unit_create(
    *,
    actor: Actor | None,
    organisation: Organisation,
    name: str,
    kind: str,
    parent: Unit | None = None,
) -> Unit:
    unit = Unit(
        organisation=organisation,
        municipality_id=organisation.municipality_id,
        name=name,
        kind=kind,
        parent=parent,
    )
    unit.full_clean()
    unit.save()
    record_change(
        actor=actor,
        action="unit.create",
        instance=unit,
        changes={"organisation": organisation, "name": name, "kind": kind},
        municipality_id=organisation.municipality_id,
    )
    return unit


@transaction.atomic
def staff_create(
    *,
    actor: Actor | None,
    username: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    record_change(actor=actor, action="user.create", instance=user, changes={"username": username})
    return user


@transaction.atomic
def membership_create(
    *,
    actor: Actor | None,
    user: User,
    organisation: Organisation,
    role: str,
    unit: Unit | None = None,
) -> Membership:
    membership = Membership(
        user=user,
        organisation=organisation,
        municipality_id=organisation.municipality_id,
        role=role,
        unit=unit,
    )
    membership.full_clean()
    membership.save()
    record_change(
        actor=actor,
        action="membership.create",
        instance=membership,
        changes={"user": user, "organisation": organisation, "role": role},
        municipality_id=organisation.municipality_id,
    )
    return membership


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Actor, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor's current membership. The key is shown once, then only hashed."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        membership=actor.membership, name=name or "API", prefix=key[:8], key_hash=_hash(key)
    )
    token.full_clean()
    token.save()
    record_change(actor=actor, action="api_token.create", instance=token, changes={"name": name})
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(
        pk=token_id, membership__user=actor.user, revoked_at__isnull=True
    ).first()
    if token is None:
        raise TokenNotFound()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_change(actor=actor, action="api_token.revoke", instance=token)
    return token


def api_token_authenticate(*, key: str) -> Actor:
    token = (
        ApiToken.objects.filter(
            key_hash=_hash(key),
            revoked_at__isnull=True,
            membership__active=True,
            membership__user__is_active=True,
        )
        .select_related("membership__user", "membership__organisation")
        .first()
    )
    if token is None:
        raise TokenInvalid()
    # A timestamp of use, not a change worth a change-log row.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return Actor(user=token.membership.user, membership=token.membership)
