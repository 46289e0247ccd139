"""The log review over the API: the privacy officer's queue and findings.

Like the web queue, a flag says who read, for which organisation, when, what kind of
information and through which page — not whom; the person is seen only on the web page, by
asking, and that look is logged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from helhet.audit import review_queue
from helhet.audit.models import ReviewFlag, ReviewOutcome
from helhet.core.api import ObjectId, actor_of

router = Router(tags=["log review"])

PAGE_SIZE = 50


class FlaggedReadOut(Schema):
    """The flagged read, without the person read."""

    at: datetime
    username: str
    organisation_name: str
    role: str
    categories: list[str]
    channel: str
    through: str
    outcome: str
    reason: str


class ReviewOutcomeOut(Schema):
    verdict: str
    note: str
    decided_by: str = Field(..., alias="decided_by_username")
    decided_at: datetime


class ReviewFlagOut(Schema):
    id: int
    rule: str
    rule_label: str
    details: dict[str, Any]
    flagged_at: datetime = Field(..., alias="created_at")
    event: FlaggedReadOut = Field(..., alias="access_event")
    outcome: ReviewOutcomeOut | None

    @staticmethod
    def resolve_rule_label(obj: ReviewFlag) -> str:
        return str(obj.get_rule_display())

    @staticmethod
    def resolve_outcome(obj: ReviewFlag) -> ReviewOutcome | None:
        outcomes = list(obj.outcomes.all())
        return outcomes[0] if outcomes else None


class ReviewOutcomeIn(Schema):
    verdict: str = Field(..., description="justified or not_justified")
    note: str = Field(..., max_length=review_queue.NOTE_MAX_LENGTH)


@router.get(
    "/review-flags",
    response=list[ReviewFlagOut],
    summary="Flagged reads of your municipality's access log, newest first (privacy officer)",
    description=(
        "Filter by `rule` (unusual_category, many_persons, off_hours, no_open_task) and "
        "`outcome` (open, justified, not_justified); 50 per page."
    ),
)
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def review_flags(request: HttpRequest, rule: str = "", outcome: str = "") -> Any:
    return review_queue.review_flags_for(actor=actor_of(request), rule=rule, outcome=outcome)


@router.post(
    "/review-flags/{flag_id}/outcome",
    response={201: ReviewOutcomeOut},
    summary="Record the finding on a flagged read, once (privacy officer); "
    "not justified tells the reader's managers",
)
def review_outcome(request: HttpRequest, flag_id: ObjectId, payload: ReviewOutcomeIn) -> Any:
    outcome = review_queue.review_outcome_record(
        actor=actor_of(request), flag_id=flag_id, verdict=payload.verdict, note=payload.note
    )
    return Status(201, outcome)
