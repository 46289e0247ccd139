"""A copy of my data (the right of access): everything Helhet holds about the subject that
the viewer may see, as plain data for the JSON and PDF downloads on Min side."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from helhet.audit.models import Channel
from helhet.audit.selectors import ACCESS_LOG_CATEGORY
from helhet.consent.models import Involvement
from helhet.consent.policies import involvement_active_q
from helhet.consent.selectors import CONSENT_CATEGORY
from helhet.core.categories import IDENTITY
from helhet.core.dates import today
from helhet.people.models import InformationEntry
from helhet.plans.selectors import PLAN_CATEGORY
from helhet.portal.access_log import access_log_for
from helhet.portal.audit import person_access_record
from helhet.portal.policies import Subject
from helhet.portal.selectors import (
    DATA_COPY_CATEGORY,
    MEETING_CATEGORY,
    consents_for,
    meetings_for,
    plans_for,
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def data_copy_for(
    *, subject: Subject, through: str, channel: str = Channel.EXPORT
) -> dict[str, object]:
    """Everything Helhet holds about the subject that the viewer may see, as plain data."""
    person = subject.person
    on = today()
    entries = [
        e
        for e in InformationEntry.objects.filter(person=person).select_related("organisation")
        if subject.shows([e.category])
    ]
    involvements = [
        i
        for i in Involvement.objects.filter(person=person).select_related("organisation")
        if subject.shows([i.category])
    ]
    # One access event for the whole copy (below), not one per part.
    consents = consents_for(subject=subject, through=through, log=False)
    plans = plans_for(subject=subject, through=through, log=False)
    meetings = meetings_for(subject=subject, through=through, log=False)
    log = access_log_for(subject=subject, through=through, log=False)
    active = set(
        Involvement.objects.filter(involvement_active_q(on), person=person).values_list(
            "pk", flat=True
        )
    )
    copy: dict[str, object] = {
        "generated_at": timezone.now().isoformat(),
        "person": {
            "given_name": person.given_name,
            "family_name": person.family_name,
            "birth_date": _iso(person.birth_date),
            "national_id": person.national_id,
        },
        "organisations_working_with_you": [
            {
                "organisation": i.organisation.name,
                "category": i.category,
                "started_on": _iso(i.started_on),
                "ended_on": _iso(i.ended_on),
                "legal_basis": i.basis,
                "active": i.pk in active,
            }
            for i in involvements
        ],
        "information": [
            {
                "organisation": e.organisation.name,
                "category": e.category,
                "title": e.title,
                "text": e.text,
                "recorded_at": _iso(e.recorded_at),
            }
            for e in entries
        ],
        "consents": [
            {
                "shared_with": [o.name for o in r.organisations],
                "categories": r.categories,
                "purpose": r.consent.purpose,
                "valid_from": _iso(r.consent.valid_from),
                "valid_until": _iso(r.consent.valid_until),
                "how_given": r.provenance,
                "in_effect": r.in_effect,
                "withdrawn_at": _iso(r.consent.withdrawn_at),
            }
            for r in consents
        ],
        "plans": [
            {
                "family": p.family.name,
                "coordinator": p.coordinator_name,
                "revise_on": _iso(p.plan.revise_on) if p.plan else None,
                "goals": [
                    {"text": g.goal.text, "comments": [c.text for c in g.comments]} for g in p.goals
                ],
                "measures": [
                    {
                        "title": m.title,
                        "owned_by": m.organisation.name,
                        "category": m.category,
                        "status": m.status,
                        "due_date": _iso(m.due_date),
                    }
                    for m in p.measures
                ],
            }
            for p in plans
        ],
        "meetings": [
            {
                "title": r.meeting.title,
                "starts_at": _iso(r.meeting.starts_at),
                "ends_at": _iso(r.meeting.ends_at),
                "location": r.meeting.location,
                "participants": r.who(),
                "your_answer": r.answer.answer if r.answer else None,
                "your_topics": [t.text for t in r.topics],
            }
            for r in meetings
        ],
        "access_log": [
            {
                "at": _iso(line.event.at),
                "who": line.who,
                "organisation": line.organisation,
                "categories": list(line.event.categories),
                "through": line.where,
                "outcome": line.event.outcome,
                "sentence": line.sentence(),
            }
            for line in log.lines
        ],
    }
    person_access_record(
        subject=subject,
        categories=[
            IDENTITY,
            DATA_COPY_CATEGORY,
            CONSENT_CATEGORY,
            MEETING_CATEGORY,
            ACCESS_LOG_CATEGORY,
            *(e.category for e in entries),
            *(i.category for i in involvements),
            *(c for r in consents for c in r.categories),
            *(m.category for p in plans for m in p.measures),
            *([PLAN_CATEGORY] if any(p.plan for p in plans) else []),
        ],
        through=through,
        channel=channel,
    )
    return copy
