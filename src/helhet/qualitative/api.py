"""Qualitative coding over HTTP: projects, members, sites, sources (pasted text or a meeting's
minutes), the code book, coding, memos, retrieval, co-occurrence and the QDPX export."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from helhet.audit.models import Channel
from helhet.core.api import ObjectId, actor_of, through
from helhet.qualitative import (
    analysis,
    codebook,
    codetree,
    coding,
    minutes,
    qdpx,
    selectors,
    services,
)
from helhet.qualitative.models import Code, Memo, Project, Segment, Site, Source
from helhet.qualitative.text import MAX_QUOTE_CHARS, MAX_TEXT_CHARS

router = Router(tags=["qualitative"])

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


# ---------------------------------------------------------------------------- helpers


def _user(user: object) -> dict[str, object] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}  # type: ignore[attr-defined]


def _project(p: Project) -> dict[str, object]:
    return {
        "id": p.pk,
        "guid": str(p.guid),
        "title": p.title,
        "description": p.description,
        "created_by": _user(p.created_by),
    }


def _site(s: Site) -> dict[str, object]:
    return {
        "id": s.pk,
        "name": s.name,
        "country": s.country,
        "description": s.description,
        "network_id": s.network_id,
    }


def _source_summary(s: Source, length: int | None = None) -> dict[str, object]:
    return {
        "id": s.pk,
        "title": s.title,
        "kind": s.kind,
        "site_id": s.site_id,
        "meeting_id": s.meeting_id,
        "length": length if length is not None else len(s.text),
    }


def _segment(s: Segment) -> dict[str, object]:
    return {
        "id": s.pk,
        "guid": str(s.guid),
        "source_id": s.source_id,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "codes": [{"id": c.pk, "name": c.name} for c in s.codes.all()],
    }


def _code(node: codetree.CodeNode) -> dict[str, object]:
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


def _memo(m: Memo) -> dict[str, object]:
    return {
        "id": m.pk,
        "guid": str(m.guid),
        "title": m.title,
        "text": m.text,
        "code_id": m.code_id,
        "source_id": m.source_id,
        "segment_id": m.segment_id,
        "author": _user(m.author),
    }


# ---------------------------------------------------------------------------- projects


@router.get(
    "/qualitative/projects", response=list[QualitativeProjectOut], summary="Coding projects"
)
def project_list(request: HttpRequest) -> object:
    return [_project(p) for p in selectors.project_list(actor=actor_of(request))]


@router.post("/qualitative/projects", response={201: QualitativeProjectOut})
def project_create(request: HttpRequest, payload: QualitativeProjectIn) -> Status[object]:
    project = services.project_create(actor=actor_of(request), **payload.dict())
    return Status(201, _project(project))


@router.get("/qualitative/projects/{project_id}", response=QualitativeProjectDetailOut)
def project_detail(request: HttpRequest, project_id: ObjectId) -> object:
    view = selectors.project_detail(actor=actor_of(request), project_id=project_id)
    return {
        **_project(view.project),
        "can_edit": view.can_edit,
        "members": [_user(u) for u in view.members],
        "sites": [_site(s) for s in view.sites],
        "sources": [_source_summary(s, s.text_length) for s in view.sources],  # type: ignore[attr-defined]
        "codes": [_code(n) for n in codetree.flatten(view.codes)],
    }


@router.put("/qualitative/projects/{project_id}", response=QualitativeProjectOut)
def project_update(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeProjectIn
) -> object:
    project = services.project_update(
        actor=actor_of(request), project_id=project_id, **payload.dict()
    )
    return _project(project)


@router.post(
    "/qualitative/projects/{project_id}/members",
    response={201: list[QualitativeUserOut]},
    summary="Name a member of staff as a project member (may edit)",
)
def project_member_add(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeMemberIn
) -> Status[object]:
    project = services.project_member_add(
        actor=actor_of(request), project_id=project_id, user_id=payload.user_id
    )
    return Status(201, [_user(u) for u in selectors.project_members(project)])


@router.delete("/qualitative/projects/{project_id}/members/{user_id}", response={204: None})
def project_member_remove(
    request: HttpRequest, project_id: ObjectId, user_id: ObjectId
) -> Status[None]:
    services.project_member_remove(actor=actor_of(request), project_id=project_id, user_id=user_id)
    return Status(204, None)


@router.post("/qualitative/projects/{project_id}/sites", response={201: QualitativeSiteOut})
def site_create(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeSiteIn
) -> Status[object]:
    site = services.site_create(actor=actor_of(request), project_id=project_id, **payload.dict())
    return Status(201, _site(site))


@router.put("/qualitative/sites/{site_id}", response=QualitativeSiteOut)
def site_update(request: HttpRequest, site_id: ObjectId, payload: QualitativeSiteIn) -> object:
    site = services.site_update(actor=actor_of(request), site_id=site_id, **payload.dict())
    return _site(site)


# ---------------------------------------------------------------------------- sources


@router.post(
    "/qualitative/projects/{project_id}/sources",
    response={201: QualitativeSourceSummaryOut},
    summary="Add pasted text as a source (interview, observation notes, document)",
)
def source_create(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeSourceIn
) -> Status[object]:
    source = services.source_create(
        actor=actor_of(request), project_id=project_id, **payload.dict()
    )
    return Status(201, _source_summary(source))


@router.post(
    "/qualitative/projects/{project_id}/minutes",
    response={201: QualitativeSourceSummaryOut},
    summary="Take a meeting's minutes, with consent and pseudonymised, as a source",
)
def minutes_import(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeMinutesIn
) -> Status[object]:
    source = minutes.minutes_import(
        actor=actor_of(request),
        project_id=project_id,
        channel=Channel.API,
        through=through(request),
        **payload.dict(),
    )
    return Status(201, _source_summary(source))


@router.get("/qualitative/sources/{source_id}", response=QualitativeSourceOut)
def source_detail(request: HttpRequest, source_id: ObjectId) -> object:
    view = selectors.source_detail(actor=actor_of(request), source_id=source_id)
    return {
        **_source_summary(view.source),
        "guid": str(view.source.guid),
        "text": view.source.text,
        "segments": [_segment(s) for s in view.segments],
    }


@router.delete("/qualitative/sources/{source_id}", response={204: None})
def source_delete(request: HttpRequest, source_id: ObjectId) -> Status[None]:
    services.source_delete(actor=actor_of(request), source_id=source_id)
    return Status(204, None)


# ---------------------------------------------------------------------------- code book


@router.get("/qualitative/projects/{project_id}/codes", response=list[QualitativeCodeOut])
def code_list(request: HttpRequest, project_id: ObjectId) -> object:
    project = selectors.project_get(actor=actor_of(request), project_id=project_id)
    return [_code(n) for n in codetree.flatten(codetree.code_tree(project.pk))]


def _code_out(code: Code) -> dict[str, object]:
    for node in codetree.flatten(codetree.code_tree(code.project_id)):
        if node.code.pk == code.pk:
            return _code(node)
    return _code(codetree.CodeNode(code=code, depth=0))


@router.post("/qualitative/projects/{project_id}/codes", response={201: QualitativeCodeOut})
def code_create(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeCodeIn
) -> Status[object]:
    code = codebook.code_create(actor=actor_of(request), project_id=project_id, **payload.dict())
    return Status(201, _code_out(code))


@router.put("/qualitative/codes/{code_id}", response=QualitativeCodeOut)
def code_update(
    request: HttpRequest, code_id: ObjectId, payload: QualitativeCodeUpdateIn
) -> object:
    code = codebook.code_update(actor=actor_of(request), code_id=code_id, **payload.dict())
    return _code_out(code)


@router.post("/qualitative/codes/{code_id}/move", response=QualitativeCodeOut)
def code_move(request: HttpRequest, code_id: ObjectId, payload: QualitativeCodeMoveIn) -> object:
    code = codebook.code_move(actor=actor_of(request), code_id=code_id, parent_id=payload.parent_id)
    return _code_out(code)


@router.post(
    "/qualitative/codes/{code_id}/merge",
    response=QualitativeCodeOut,
    summary="Merge the code into another one (its codings move); returns the code kept",
)
def code_merge(request: HttpRequest, code_id: ObjectId, payload: QualitativeCodeMergeIn) -> object:
    code = codebook.code_merge(actor=actor_of(request), code_id=code_id, into_id=payload.into_id)
    return _code_out(code)


@router.delete(
    "/qualitative/codes/{code_id}",
    response=QualitativeCodeDeleteOut,
    summary="Delete a code with its sub-codes and codings (confirm=true if it has any)",
)
def code_delete(request: HttpRequest, code_id: ObjectId, confirm: bool = False) -> object:
    return codebook.code_delete(actor=actor_of(request), code_id=code_id, confirm=confirm)


@router.get(
    "/qualitative/codes/{code_id}/segments",
    response=QualitativeRetrievalOut,
    summary="Segments coded with a code (and its sub-codes) across sources and sites",
)
def code_segments(
    request: HttpRequest, code_id: ObjectId, filters: Query[QualitativeRetrievalQuery]
) -> object:
    found = analysis.code_segments(actor=actor_of(request), code_id=code_id, **filters.dict())
    return {
        "code": {"id": found.code.pk, "name": found.code.name},
        "code_ids": found.code_ids,
        "total": found.total,
        "segments": [
            {
                **_segment(s),
                "source_title": s.source.title,
                "source_kind": s.source.kind,
                "site_id": s.source.site_id,
                "site_name": s.source.site.name if s.source.site else None,
            }
            for s in found.segments
        ],
    }


# ---------------------------------------------------------------------------- coding


@router.post(
    "/qualitative/sources/{source_id}/segments",
    response={201: QualitativeSegmentOut},
    summary="Code a span (start/end) or a quote of the source's text",
)
def segment_create(
    request: HttpRequest, source_id: ObjectId, payload: QualitativeSegmentIn
) -> Status[object]:
    segment = coding.segment_create(actor=actor_of(request), source_id=source_id, **payload.dict())
    return Status(201, _segment(segment))


@router.post("/qualitative/segments/{segment_id}/codes", response=QualitativeSegmentOut)
def segment_code_add(
    request: HttpRequest, segment_id: ObjectId, payload: QualitativeSegmentCodesIn
) -> object:
    segment = coding.segment_code_add(
        actor=actor_of(request), segment_id=segment_id, code_ids=payload.code_ids
    )
    return _segment(segment)


@router.delete(
    "/qualitative/segments/{segment_id}/codes/{code_id}",
    response={204: None},
    summary="Uncode: take a code off a segment",
)
def segment_uncode(request: HttpRequest, segment_id: ObjectId, code_id: ObjectId) -> Status[None]:
    coding.segment_uncode(actor=actor_of(request), segment_id=segment_id, code_id=code_id)
    return Status(204, None)


@router.delete("/qualitative/segments/{segment_id}", response={204: None})
def segment_delete(request: HttpRequest, segment_id: ObjectId) -> Status[None]:
    coding.segment_delete(actor=actor_of(request), segment_id=segment_id)
    return Status(204, None)


# ---------------------------------------------------------------------------- memos


@router.get("/qualitative/projects/{project_id}/memos", response=list[QualitativeMemoOut])
def memo_list(request: HttpRequest, project_id: ObjectId) -> object:
    project = selectors.project_get(actor=actor_of(request), project_id=project_id)
    return [_memo(m) for m in Memo.objects.filter(project=project).select_related("author")]


@router.post("/qualitative/projects/{project_id}/memos", response={201: QualitativeMemoOut})
def memo_create(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeMemoIn
) -> Status[object]:
    memo = services.memo_create(actor=actor_of(request), project_id=project_id, **payload.dict())
    return Status(201, _memo(memo))


@router.put("/qualitative/memos/{memo_id}", response=QualitativeMemoOut)
def memo_update(
    request: HttpRequest, memo_id: ObjectId, payload: QualitativeMemoUpdateIn
) -> object:
    memo = services.memo_update(actor=actor_of(request), memo_id=memo_id, **payload.dict())
    return _memo(memo)


@router.delete("/qualitative/memos/{memo_id}", response={204: None})
def memo_delete(request: HttpRequest, memo_id: ObjectId) -> Status[None]:
    services.memo_delete(actor=actor_of(request), memo_id=memo_id)
    return Status(204, None)


# ---------------------------------------------------------------------------- analysis


@router.get(
    "/qualitative/projects/{project_id}/cooccurrence",
    response=QualitativeCooccurrenceOut,
    summary="Code co-occurrence: segments coded with both (or overlapping segments)",
)
def cooccurrence(
    request: HttpRequest, project_id: ObjectId, filters: Query[QualitativeCooccurrenceQuery]
) -> object:
    table = analysis.cooccurrence(actor=actor_of(request), project_id=project_id, **filters.dict())
    return {
        "mode": table.mode,
        "level": table.level,
        "codes": [{"id": c.pk, "name": c.name} for c in table.codes],
        "counts": table.counts,
    }


@router.get(
    "/qualitative/projects/{project_id}/cooccurrence.csv",
    summary="Code co-occurrence as CSV",
    openapi_extra={"responses": {200: {"description": "CSV", "content": {"text/csv": {}}}}},
)
def cooccurrence_csv(
    request: HttpRequest, project_id: ObjectId, filters: Query[QualitativeCooccurrenceQuery]
) -> HttpResponse:
    table = analysis.cooccurrence(actor=actor_of(request), project_id=project_id, **filters.dict())
    response = HttpResponse(
        analysis.cooccurrence_csv(table), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="cooccurrence-{project_id}.csv"'
    return response


@router.get(
    "/qualitative/projects/{project_id}/export.qdpx",
    summary="The project as a REFI-QDA project exchange file (QDPX)",
    openapi_extra={
        "responses": {200: {"description": "QDPX (zip)", "content": {"application/zip": {}}}}
    },
)
def project_export(request: HttpRequest, project_id: ObjectId) -> HttpResponse:
    name, content = qdpx.project_export(actor=actor_of(request), project_id=project_id)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
