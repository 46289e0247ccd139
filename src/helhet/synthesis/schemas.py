"""Request and response schemas of the synthesis API (names prefixed ``Synthesis``: schema
names are global across the whole API)."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field

from helhet.core.api import ObjectId
from helhet.synthesis.services.matrix import LINK_BATCH_MAX


class SynthesisUserOut(Schema):
    id: int
    name: str


class SynthesisCodingProjectOut(Schema):
    id: int
    title: str


class SynthesisSummaryOut(Schema):
    id: int
    title: str
    question: str
    study_count: int
    steps_done: int


class SynthesisStudyOut(Schema):
    id: int
    name: str
    external: bool
    site_id: int | None
    reference: str
    position: int


class SynthesisStepOut(Schema):
    number: int
    name: str
    guidance: str
    needs: str
    status: str
    notes: str
    completed_by: SynthesisUserOut | None
    completed_at: datetime | None
    # What the step needs exists; ready: also every step before it is done.
    needs_met: bool
    ready: bool


class SynthesisCellOut(Schema):
    study_id: int
    construct_: str = Field(alias="construct")
    interpretation: str
    segment_count: int


class SynthesisMatrixRowOut(Schema):
    construct_: str = Field(alias="construct")
    label: str
    filled: bool
    cells: list[SynthesisCellOut]


class SynthesisMatrixOut(Schema):
    studies: list[SynthesisStudyOut]
    rows: list[SynthesisMatrixRowOut]


class SynthesisNoteOut(Schema):
    id: int
    construct_: str = Field(alias="construct")
    kind: str
    title: str
    text: str
    author: SynthesisUserOut | None
    created_at: datetime
    updated_at: datetime


class SynthesisDetailOut(Schema):
    id: int
    title: str
    question: str
    description: str
    can_edit: bool
    coding_projects: list[SynthesisCodingProjectOut]
    researchers: list[SynthesisUserOut]
    steps: list[SynthesisStepOut]
    matrix: SynthesisMatrixOut
    notes: list[SynthesisNoteOut]


class SynthesisSourceRef(Schema):
    id: int
    title: str


class SynthesisSegmentOut(Schema):
    id: int
    text: str
    start: int
    end: int
    source: SynthesisSourceRef
    codes: list[str]


class SynthesisCellDetailOut(Schema):
    study: SynthesisStudyOut
    construct_: str = Field(alias="construct")
    label: str
    interpretation: str
    can_edit: bool
    linked: list[SynthesisSegmentOut]
    candidates: list[SynthesisSegmentOut]


class SynthesisIn(Schema):
    title: str = Field(max_length=200)
    question: str = Field(max_length=50_000)
    description: str = Field(default="", max_length=50_000)
    coding_project_ids: list[ObjectId] = Field(default_factory=list, max_length=100)
    # Left empty when creating: the creator alone. Updating needs at least one.
    researcher_ids: list[ObjectId] = Field(default_factory=list, max_length=100)


class SynthesisStudyIn(Schema):
    site_id: ObjectId | None = None
    name: str = Field(default="", max_length=200)
    reference: str = Field(default="", max_length=50_000)


class SynthesisStepIn(Schema):
    status: str = Field(max_length=16)
    notes: str = Field(default="", max_length=50_000)


class SynthesisCellIn(Schema):
    interpretation: str = Field(max_length=50_000)


class SynthesisLinkIn(Schema):
    segment_ids: list[ObjectId] = Field(min_length=1, max_length=LINK_BATCH_MAX)


class SynthesisNoteIn(Schema):
    # Empty: a note on the synthesis as a whole.
    construct_: str = Field(default="", max_length=16, alias="construct")
    kind: str = Field(max_length=24)
    title: str = Field(default="", max_length=200)
    text: str = Field(max_length=50_000)
