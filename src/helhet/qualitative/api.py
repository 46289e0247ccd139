"""Qualitative coding over HTTP: projects, members, sites, sources (pasted text or a meeting's
minutes), the code book, coding, memos, retrieval, co-occurrence and the QDPX export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

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
from helhet.qualitative.models import Code, Memo
from helhet.qualitative.schemas import (
    QualitativeCodeDeleteOut,
    QualitativeCodeIn,
    QualitativeCodeMergeIn,
    QualitativeCodeMoveIn,
    QualitativeCodeOut,
    QualitativeCodeUpdateIn,
    QualitativeCooccurrenceOut,
    QualitativeCooccurrenceQuery,
    QualitativeMemberIn,
    QualitativeMemoIn,
    QualitativeMemoOut,
    QualitativeMemoUpdateIn,
    QualitativeMinutesIn,
    QualitativeProjectDetailOut,
    QualitativeProjectIn,
    QualitativeProjectOut,
    QualitativeRetrievalOut,
    QualitativeRetrievalQuery,
    QualitativeSegmentCodesIn,
    QualitativeSegmentIn,
    QualitativeSegmentOut,
    QualitativeSiteIn,
    QualitativeSiteOut,
    QualitativeSourceIn,
    QualitativeSourceOut,
    QualitativeSourceSummaryOut,
    QualitativeUserOut,
    code_node_out,
    memo_out,
    project_out,
    segment_out,
    site_out,
    source_summary_out,
    user_out,
)

router = Router(tags=["qualitative"])

# ---------------------------------------------------------------------------- projects


@router.get(
    "/qualitative/projects", response=list[QualitativeProjectOut], summary="Coding projects"
)
def project_list(request: HttpRequest) -> object:
    return [project_out(p) for p in selectors.project_list(actor=actor_of(request))]


@router.post("/qualitative/projects", response={201: QualitativeProjectOut})
def project_create(request: HttpRequest, payload: QualitativeProjectIn) -> Status[object]:
    project = services.project_create(actor=actor_of(request), **payload.dict())
    return Status(201, project_out(project))


@router.get("/qualitative/projects/{project_id}", response=QualitativeProjectDetailOut)
def project_detail(request: HttpRequest, project_id: ObjectId) -> object:
    view = selectors.project_detail(actor=actor_of(request), project_id=project_id)
    return {
        **project_out(view.project),
        "can_edit": view.can_edit,
        "members": [user_out(u) for u in view.members],
        "sites": [site_out(s) for s in view.sites],
        "sources": [source_summary_out(s, s.text_length) for s in view.sources],  # type: ignore[attr-defined]
        "codes": [code_node_out(n) for n in codetree.flatten(view.codes)],
    }


@router.put("/qualitative/projects/{project_id}", response=QualitativeProjectOut)
def project_update(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeProjectIn
) -> object:
    project = services.project_update(
        actor=actor_of(request), project_id=project_id, **payload.dict()
    )
    return project_out(project)


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
    return Status(201, [user_out(u) for u in selectors.project_members(project)])


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
    return Status(201, site_out(site))


@router.put("/qualitative/sites/{site_id}", response=QualitativeSiteOut)
def site_update(request: HttpRequest, site_id: ObjectId, payload: QualitativeSiteIn) -> object:
    site = services.site_update(actor=actor_of(request), site_id=site_id, **payload.dict())
    return site_out(site)


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
    return Status(201, source_summary_out(source))


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
    return Status(201, source_summary_out(source))


@router.get("/qualitative/sources/{source_id}", response=QualitativeSourceOut)
def source_detail(request: HttpRequest, source_id: ObjectId) -> object:
    view = selectors.source_detail(actor=actor_of(request), source_id=source_id)
    return {
        **source_summary_out(view.source),
        "guid": str(view.source.guid),
        "text": view.source.text,
        "segments": [segment_out(s) for s in view.segments],
    }


@router.delete("/qualitative/sources/{source_id}", response={204: None})
def source_delete(request: HttpRequest, source_id: ObjectId) -> Status[None]:
    services.source_delete(actor=actor_of(request), source_id=source_id)
    return Status(204, None)


# ---------------------------------------------------------------------------- code book


@router.get("/qualitative/projects/{project_id}/codes", response=list[QualitativeCodeOut])
def code_list(request: HttpRequest, project_id: ObjectId) -> object:
    project = selectors.project_get(actor=actor_of(request), project_id=project_id)
    return [code_node_out(n) for n in codetree.flatten(codetree.code_tree(project.pk))]


def _code_out(code: Code) -> dict[str, object]:
    for node in codetree.flatten(codetree.code_tree(code.project_id)):
        if node.code.pk == code.pk:
            return code_node_out(node)
    return code_node_out(codetree.CodeNode(code=code, depth=0))


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
                **segment_out(s),
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
    return Status(201, segment_out(segment))


@router.post("/qualitative/segments/{segment_id}/codes", response=QualitativeSegmentOut)
def segment_code_add(
    request: HttpRequest, segment_id: ObjectId, payload: QualitativeSegmentCodesIn
) -> object:
    segment = coding.segment_code_add(
        actor=actor_of(request), segment_id=segment_id, code_ids=payload.code_ids
    )
    return segment_out(segment)


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
    return [memo_out(m) for m in Memo.objects.filter(project=project).select_related("author")]


@router.post("/qualitative/projects/{project_id}/memos", response={201: QualitativeMemoOut})
def memo_create(
    request: HttpRequest, project_id: ObjectId, payload: QualitativeMemoIn
) -> Status[object]:
    memo = services.memo_create(actor=actor_of(request), project_id=project_id, **payload.dict())
    return Status(201, memo_out(memo))


@router.put("/qualitative/memos/{memo_id}", response=QualitativeMemoOut)
def memo_update(
    request: HttpRequest, memo_id: ObjectId, payload: QualitativeMemoUpdateIn
) -> object:
    memo = services.memo_update(actor=actor_of(request), memo_id=memo_id, **payload.dict())
    return memo_out(memo)


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
