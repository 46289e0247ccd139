"""Writing the audit trail. Services call these inside their own transaction."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import DatabaseError, models

from helhet.audit.models import AccessEvent, AccessEventOwner, ChangeEvent, Channel, Outcome
from helhet.core.errors import AuditUnavailable, HelhetError

if TYPE_CHECKING:
    from helhet.tenancy.actor import Actor

logger = logging.getLogger(__name__)


def _base(
    actor: Actor, categories: Iterable[str], channel: str, through: str, outcome: str, reason: str
) -> dict[str, Any]:
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    return {
        "municipality_id": actor.municipality_id,
        "user_id": actor.user.pk,
        "username": actor.user.get_username(),
        "organisation_id": actor.organisation_id,
        "organisation_name": actor.organisation.name,
        "role": actor.role,
        "categories": sorted(set(categories)),
        "channel": channel,
        "through": through[:200],
        "outcome": outcome,
        "reason": reason[:200],
    }


def access_record(
    *,
    actor: Actor,
    person_ids: Iterable[int],
    categories: Iterable[str],
    channel: str,
    through: str,
    outcome: str = Outcome.GRANTED,
    reason: str = "",
    target_ref: str = "",
    owners: Mapping[int, Iterable[int]] | None = None,
) -> None:
    """Log a read of one or more persons' data: one row per person, one INSERT in all.

    ``owners`` maps a person to the organisations whose recorded entries the read returned;
    each of them sees the read in its own log (the data's owner sees who read its data).
    Fails closed: if a row cannot be written the caller's read is refused.
    """
    base = _base(actor, categories, channel, through, outcome, reason)
    rows = [
        AccessEvent(person_id=pid, target_ref=target_ref or str(pid), **base) for pid in person_ids
    ]
    if not rows and outcome == Outcome.DENIED:
        rows = [AccessEvent(person_id=None, target_ref=target_ref[:64], **base)]
    _write(rows, owners)


def deny_unknown(
    error: HelhetError,
    *,
    actor: Actor,
    target_ref: str,
    channel: str,
    through: str,
    reason: str = "not_involved",
    categories: Iterable[str] = (),
    person_ids: Iterable[int] = (),
) -> NoReturn:
    """Log a refused read of something the actor may not know exists, then raise ``error``
    (a not-found): the refusal is in the log, and the answer says no more than "not found"."""
    access_record(
        actor=actor,
        person_ids=person_ids,
        categories=categories,
        channel=channel,
        through=through,
        outcome=Outcome.DENIED,
        reason=reason,
        target_ref=target_ref,
    )
    raise error


def access_record_each(
    *,
    actor: Actor,
    reads: Mapping[int, Iterable[str]],
    channel: str,
    through: str,
    owners: Mapping[int, Iterable[int]] | None = None,
) -> None:
    """Log granted reads of several persons, each with its own categories, in one INSERT."""
    rows = []
    for person_id, categories in reads.items():
        row_base = _base(actor, categories, channel, through, Outcome.GRANTED, "")
        rows.append(AccessEvent(person_id=person_id, target_ref=str(person_id), **row_base))
    _write(rows, owners)


def _write(rows: list[AccessEvent], owners: Mapping[int, Iterable[int]] | None = None) -> None:
    if not rows:
        return
    try:
        AccessEvent.objects.bulk_create(rows)
        if owners:
            AccessEventOwner.objects.bulk_create(
                [
                    AccessEventOwner(event_id=row.pk, organisation_id=org_id)
                    for row in rows
                    if row.person_id is not None
                    for org_id in sorted(set(owners.get(row.person_id, ())))
                ]
            )
    except DatabaseError as exc:
        logger.exception("access log write failed")
        raise AuditUnavailable() from exc


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def change_record(
    *,
    actor: Actor | None,
    action: str,
    instance: models.Model,
    changes: Mapping[str, Any] | None = None,
    person_id: int | None = None,
    municipality_id: int | None = None,
    user: AbstractBaseUser | None = None,
    username: str = "",
) -> ChangeEvent:
    """Log a change made by a service, in the service's transaction.

    ``actor`` is None for system work (the demo loader), for the admin pages, where the
    logged-in ``user`` is named instead, and for what a person does on Min side, where
    ``username`` names the channel (never the national ID).
    """
    who = actor.user if actor else user
    return ChangeEvent.objects.create(
        municipality_id=municipality_id
        if municipality_id is not None
        else (actor.municipality_id if actor else None),
        user_id=who.pk if who else None,
        username=who.get_username() if who else (username or "system"),
        organisation_id=actor.organisation_id if actor else None,
        organisation_name=actor.organisation.name if actor else "",
        action=action,
        entity=instance._meta.label,
        entity_id=str(instance.pk),
        person_id=person_id,
        changes={k: _plain(v) for k, v in (changes or {}).items()},
    )
