"""The observatory app over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from helhet.core.api import actor_of
from helhet.observatory import selectors
from helhet.observatory.coordination import (
    DEFAULT_CONFIDENCE,
    DEFAULT_REPLICATIONS,
    MAX_REPLICATIONS,
    MAX_SEED,
    MIN_REPLICATIONS,
)
from helhet.observatory.errors import AnalysisSettingsInvalid
from helhet.observatory.survey_file import MAX_BYTES

router = Router(tags=["observatory"])


class ObservatoryCoordinationIn(Schema):
    source: Literal["csv", "volunteering"] = Field(
        "csv",
        description="'csv': the survey file's text is in 'csv'; 'volunteering': the care "
        "units' answers as recorded in the volunteering module.",
    )
    csv: str | None = Field(
        None,
        max_length=MAX_BYTES,
        description="The survey file: unit_id,unit_type,activity,coordinator, one row per unit "
        "and activity.",
    )
    scope: Literal["municipality", "all"] = Field(
        "municipality", description="With source 'volunteering': your municipality or all."
    )
    since: date | None = Field(
        None,
        description="With source 'volunteering': who coordinated on or after this day (the "
        "survey asked about the last four weeks); empty for the standing coordinators.",
    )
    replications: int = Field(DEFAULT_REPLICATIONS, ge=MIN_REPLICATIONS, le=MAX_REPLICATIONS)
    seed: int | None = Field(None, ge=0, le=MAX_SEED)
    confidence: float = Field(DEFAULT_CONFIDENCE, gt=0, lt=1)


class ObservatoryStatisticOut(Schema):
    name: str
    estimate: float | None
    ci: list[float] | None = Field(
        description="[lower, upper]; null where the bootstrap distribution is degenerate"
    )


class ObservatoryCoordinationOut(Schema):
    method: str
    replications: int
    confidence: float
    seed: int | None
    units: int
    statistics: list[ObservatoryStatisticOut]


@router.post(
    "/observatory/coordination",
    response=ObservatoryCoordinationOut,
    summary="Who coordinates volunteer activities: 36 statistics with BCa bootstrap intervals",
    description=(
        "The analysis of seed 004 (see docs/observatory-statistics.md), the same as "
        "'helhet observatory coordination FILE.csv --json'. A file that cannot be analysed is "
        "a 400 with code 'survey_file_invalid' and details.problems: [{line, message}]."
    ),
)
def coordination(request: HttpRequest, payload: ObservatoryCoordinationIn) -> object:
    actor = actor_of(request)
    if payload.source == "volunteering":
        survey = selectors.coordination_survey_from_volunteering(
            actor=actor, scope=payload.scope, since=payload.since
        )
    elif payload.csv is None:
        raise AnalysisSettingsInvalid(
            "Send the survey file's text in 'csv', or set 'source' to 'volunteering'."
        )
    else:
        survey = selectors.coordination_survey_from_file(actor=actor, data=payload.csv)
    result = selectors.coordination_analysis(
        actor=actor,
        survey=survey,
        replications=payload.replications,
        confidence=payload.confidence,
        seed=payload.seed,
    )
    return result.as_json()
