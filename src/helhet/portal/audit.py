"""Reads a person makes on Min side go into the same access log as staff reads.

The row names the channel ("Min side", as the change log does, never the national ID), the
role "person", and in ``reason`` whether they read their own data or a child's as guardian.
It fails closed like ``audit.services.access_record``: no row, no data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError

from helhet.audit.models import AccessEvent, Channel, Outcome
from helhet.consent.services import PERSON_ACTOR
from helhet.core.errors import AuditUnavailable
from helhet.portal.policies import Subject

logger = logging.getLogger(__name__)
PERSON_ROLE = "person"


def person_access_record(
    *,
    subject: Subject,
    categories: Iterable[str],
    through: str,
    channel: str = Channel.WEB,
    outcome: str = Outcome.GRANTED,
) -> None:
    row = AccessEvent(
        municipality_id=subject.person.municipality_id,
        user_id=None,
        username=PERSON_ACTOR,
        organisation_id=None,
        organisation_name="",
        role=PERSON_ROLE,
        person_id=subject.person.pk,
        target_ref=str(subject.person.pk),
        categories=sorted(set(categories)),
        channel=channel,
        through=through[:200],
        outcome=outcome,
        reason=subject.relation,
    )
    try:
        AccessEvent.objects.bulk_create([row])
    except DatabaseError as exc:
        logger.exception("access log write failed")
        raise AuditUnavailable() from exc
