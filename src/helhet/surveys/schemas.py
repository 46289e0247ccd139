"""Request and response schemas of the survey API (names prefixed ``Survey``: schema names
are global across the whole API)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from helhet.core.api import ObjectId
from helhet.surveys.results import MAX_COMPARED


class SurveyItemOut(Schema):
    id: int
    code: str
    # The construct of the analytical grid (observatory.constructs.Construct).
    grid_construct: str
    position: int
    text_nb: str
    text_en: str
    reverse: bool


class SurveyInstrumentSummaryOut(Schema):
    id: int
    name: str
    version: int
    description: str
    frozen: bool
    derived_from_id: int | None
    owner_id: int | None


class SurveyInstrumentOut(SurveyInstrumentSummaryOut):
    can_edit: bool
    items: list[SurveyItemOut]


class SurveyInstrumentIn(Schema):
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=10_000)


class SurveyInstrumentCopyIn(Schema):
    # Empty: the next version under the same name.
    name: str = Field(default="", max_length=200)


class SurveyItemIn(Schema):
    grid_construct: str = Field(max_length=16)
    text_nb: str = Field(max_length=500)
    text_en: str = Field(default="", max_length=500)
    reverse: bool = False


class SurveyRoundSummaryOut(Schema):
    id: int
    title: str
    network_id: int
    network: str
    instrument_id: int
    mode: str
    opens_on: date
    closes_on: date
    closed_on: date
    state: str
    owner_id: int


class SurveyInvitationOut(Schema):
    id: int
    user_id: int | None
    name: str
    email: str
    answered: bool


class SurveyRoundOut(SurveyRoundSummaryOut):
    invited: int
    answered: int
    response_rate: float | None
    is_owner: bool
    # Only for the round's owner.
    invitations: list[SurveyInvitationOut]


class SurveyRoundIn(Schema):
    instrument_id: ObjectId
    network_id: ObjectId
    title: str = Field(max_length=200)
    opens_on: date
    closes_on: date
    mode: str = Field(max_length=16)


class SurveyInvitationsIn(Schema):
    representatives: bool = False
    user_ids: list[ObjectId] = Field(default_factory=list, max_length=500)
    emails: list[str] = Field(default_factory=list, max_length=500)


class SurveyInvitationCreatedOut(SurveyInvitationOut):
    emailed: bool
    # The personal link, given once and only for an invitee without an e-mail address.
    link: str | None


class SurveyIntervalOut(Schema):
    low: float
    high: float


class SurveyBinOut(Schema):
    low: float
    high: float
    count: int


class SurveyConstructOut(Schema):
    # The construct of the analytical grid (observatory.constructs.Construct).
    grid_construct: str
    label: str
    n: int
    mean: float | None
    interval: SurveyIntervalOut | None
    band: str | None
    band_certain: bool
    histogram: list[SurveyBinOut]


class SurveyItemResultOut(Schema):
    item_id: int
    code: str
    # The construct of the analytical grid (observatory.constructs.Construct).
    grid_construct: str
    reverse: bool
    n: int
    counts: list[int]
    mean: float | None


class SurveyResultsOut(Schema):
    round: SurveyRoundSummaryOut
    invited: int
    respondents: int
    response_rate: float | None
    withheld: str | None
    minimum: int
    constructs: list[SurveyConstructOut]
    items: list[SurveyItemResultOut]


class SurveyAnswerRowOut(Schema):
    respondent: str | None
    submitted_at: datetime | None
    answers: dict[str, int]


class SurveyExportOut(SurveyResultsOut):
    # Only for the round's owner; never a name in an anonymous round.
    answers: list[SurveyAnswerRowOut] | None


class SurveyChangeOut(Schema):
    # The construct of the analytical grid (observatory.constructs.Construct).
    grid_construct: str
    label: str
    difference: float
    interval: SurveyIntervalOut | None
    clear: bool


class SurveyStepOut(Schema):
    earlier_round_id: int
    later_round_id: int
    changes: list[SurveyChangeOut]


class SurveyTrendOut(Schema):
    network_id: int
    network: str
    rounds: list[SurveyResultsOut]
    steps: list[SurveyStepOut]


class SurveyComparisonOut(Schema):
    same_instrument: bool
    rounds: list[SurveyResultsOut]


class SurveyComparisonQuery(Schema):
    round_ids: list[ObjectId] = Field(min_length=1, max_length=MAX_COMPARED)


class SurveyRoundsQuery(Schema):
    network_id: ObjectId | None = None
