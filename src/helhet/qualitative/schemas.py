"""Request and response schemas of the qualitative API (names prefixed ``Qualitative``:
schema names are global across the whole API), and the functions that fill the responses
from the models."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field

from helhet.core.api import ObjectId
from helhet.qualitative import codetree
from helhet.qualitative.models import Code, Memo, Project, Segment, Site, Source
from helhet.qualitative.text import MAX_QUOTE_CHARS, MAX_TEXT_CHARS

Kind = Literal["interview", "observation", "document", "minutes"]
PastedKind = Literal["interview", "observation", "document"]


class QualitativeUserOut(Schema):
    id: int
    name: str


class QualitativeProjectOut(Schema):
    id: int
    guid: str
    title: str
    description: str
    created_by: QualitativeUserOut | None


class QualitativeProjectIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=20_000)


class QualitativeSiteOut(Schema):
    id: int
    name: str
    country: str
    description: str
    network_id: int | None


class QualitativeSiteIn(Schema):
    name: str = Field(max_length=200)
    country: str = Field(default="", max_length=100)
    description: str = Field(default="", max_length=20_000)
    network_id: ObjectId | None = None


class QualitativeSourceSummaryOut(Schema):
    id: int
    title: str
    kind: str
    site_id: int | None
    meeting_id: int | None
    length: int


class QualitativeCodeOut(Schema):
    id: int
    guid: str
    name: str
    description: str
    parent_id: int | None
    # The construct of the analytical grid the code belongs to ("" if none).
    grid_construct: str
    color: str
    depth: int
    segment_count: int
    total_segment_count: int


class QualitativeProjectDetailOut(QualitativeProjectOut):
    can_edit: bool
    members: list[QualitativeUserOut]
    sites: list[QualitativeSiteOut]
    sources: list[QualitativeSourceSummaryOut]
    codes: list[QualitativeCodeOut]


class QualitativeMemberIn(Schema):
    user_id: ObjectId


class QualitativeSourceIn(Schema):
    kind: PastedKind
    title: str = Field(max_length=200)
    text: str = Field(max_length=MAX_TEXT_CHARS)
    site_id: ObjectId | None = None


class QualitativeMinutesIn(Schema):
    meeting_id: ObjectId
    site_id: ObjectId | None = None
    title: str = Field(default="", max_length=200)
    language: Literal["nb", "en", "fr"] = "nb"


class QualitativeCodeRefOut(Schema):
    id: int
    name: str


class QualitativeSegmentOut(Schema):
    id: int
    guid: str
    source_id: int
    start: int
    end: int
    text: str
    codes: list[QualitativeCodeRefOut]


class QualitativeSourceOut(QualitativeSourceSummaryOut):
    guid: str
    text: str
    segments: list[QualitativeSegmentOut]


class QualitativeCodeIn(Schema):
    name: str = Field(max_length=200)
    parent_id: ObjectId | None = None
    description: str = Field(default="", max_length=20_000)
    color: str = Field(default="", max_length=7)


class QualitativeCodeUpdateIn(Schema):
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=20_000)
    color: str = Field(default="", max_length=7)


class QualitativeCodeMoveIn(Schema):
    # null: to the top level
    parent_id: ObjectId | None = None


class QualitativeCodeMergeIn(Schema):
    into_id: ObjectId


class QualitativeCodeDeleteOut(Schema):
    codings: int
    sub_codes: int
    segments_deleted: int


class QualitativeSegmentIn(Schema):
    code_ids: list[ObjectId] = Field(min_length=1, max_length=50)
    # Either the span (code points, end exclusive) …
    start: int | None = Field(default=None, ge=0, le=MAX_TEXT_CHARS)
    end: int | None = Field(default=None, ge=0, le=MAX_TEXT_CHARS)
    # … or the exact quote (and, if it occurs more than once, the start of the one meant).
    quote: str = Field(default="", max_length=MAX_QUOTE_CHARS)
    occurrence_start: int | None = Field(default=None, ge=0, le=MAX_TEXT_CHARS)


class QualitativeSegmentCodesIn(Schema):
    code_ids: list[ObjectId] = Field(min_length=1, max_length=50)


class QualitativeMemoOut(Schema):
    id: int
    guid: str
    title: str
    text: str
    code_id: int | None
    source_id: int | None
    segment_id: int | None
    author: QualitativeUserOut | None


class QualitativeMemoIn(Schema):
    text: str = Field(max_length=50_000)
    title: str = Field(default="", max_length=200)
    code_id: ObjectId | None = None
    source_id: ObjectId | None = None
    segment_id: ObjectId | None = None


class QualitativeMemoUpdateIn(Schema):
    text: str = Field(max_length=50_000)
    title: str = Field(default="", max_length=200)


class QualitativeRetrievedOut(QualitativeSegmentOut):
    source_title: str
    source_kind: str
    site_id: int | None
    site_name: str | None


class QualitativeRetrievalOut(Schema):
    code: QualitativeCodeRefOut
    code_ids: list[int]
    total: int
    segments: list[QualitativeRetrievedOut]


class QualitativeRetrievalQuery(Schema):
    descendants: bool = True
    site_id: ObjectId | None = None
    kind: Kind | None = None


class QualitativeCooccurrenceQuery(Schema):
    mode: Literal["segment", "overlap"] = "segment"
    level: Literal["all", "top"] = "all"
    site_id: ObjectId | None = None
    kind: Kind | None = None


class QualitativeCooccurrenceOut(Schema):
    mode: str
    level: str
    codes: list[QualitativeCodeRefOut]
    counts: list[list[int]]


# ---------------------------------------------------------------------------- the answers


def user_out(user: object) -> dict[str, object] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}  # type: ignore[attr-defined]


def project_out(p: Project) -> dict[str, object]:
    return {
        "id": p.pk,
        "guid": str(p.guid),
        "title": p.title,
        "description": p.description,
        "created_by": user_out(p.created_by),
    }


def site_out(s: Site) -> dict[str, object]:
    return {
        "id": s.pk,
        "name": s.name,
        "country": s.country,
        "description": s.description,
        "network_id": s.network_id,
    }


def source_summary_out(s: Source, length: int | None = None) -> dict[str, object]:
    return {
        "id": s.pk,
        "title": s.title,
        "kind": s.kind,
        "site_id": s.site_id,
        "meeting_id": s.meeting_id,
        "length": length if length is not None else len(s.text),
    }


def segment_out(s: Segment) -> dict[str, object]:
    return {
        "id": s.pk,
        "guid": str(s.guid),
        "source_id": s.source_id,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "codes": [{"id": c.pk, "name": c.name} for c in s.codes.all()],
    }


def code_node_out(node: codetree.CodeNode) -> dict[str, object]:
    c: Code = node.code
    return {
        "id": c.pk,
        "guid": str(c.guid),
        "name": c.name,
        "description": c.description,
        "parent_id": c.parent_id,
        "grid_construct": c.construct,
        "color": c.color,
        "depth": node.depth,
        "segment_count": node.own_count,
        "total_segment_count": node.total_count,
    }


def memo_out(m: Memo) -> dict[str, object]:
    return {
        "id": m.pk,
        "guid": str(m.guid),
        "title": m.title,
        "text": m.text,
        "code_id": m.code_id,
        "source_id": m.source_id,
        "segment_id": m.segment_id,
        "author": user_out(m.author),
    }
