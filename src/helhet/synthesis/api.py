"""Synthesis projects over HTTP: the project, its studies, the seven steps, the translation
matrix (cells and their coded segments), third-order notes and the report (HTML and PDF)."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import Router, Status
from pydantic import Field

from helhet.core.api import ObjectId, actor_of
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Segment
from helhet.synthesis import selectors
from helhet.synthesis.models import STEP_COUNT, Study, SynthesisNote
from helhet.synthesis.pdf import report_pdf
from helhet.synthesis.report import report_html
from helhet.synthesis.schemas import (
    SynthesisCellDetailOut,
    SynthesisCellIn,
    SynthesisDetailOut,
    SynthesisIn,
    SynthesisLinkIn,
    SynthesisMatrixOut,
    SynthesisNoteIn,
    SynthesisNoteOut,
    SynthesisStepIn,
    SynthesisStepOut,
    SynthesisStudyIn,
    SynthesisStudyOut,
    SynthesisSummaryOut,
)
from helhet.synthesis.selectors import Matrix, StepRow, SynthesisView
from helhet.synthesis.services import matrix, notes, projects, steps
from helhet.tenancy.models import User

# Output by alias: "construct" is a field name pydantic keeps for itself.
router = Router(tags=["synthesis"], by_alias=True)

StepNumber = Annotated[int, Field(ge=1, le=STEP_COUNT)]


def _note_fields(payload: SynthesisNoteIn) -> dict[str, str]:
    return {
        "construct": payload.construct_,
        "kind": payload.kind,
        "title": payload.title,
        "text": payload.text,
    }


def _user(user: User | None) -> dict[str, object] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def _study(study: Study) -> dict[str, object]:
    return {
        "id": study.pk,
        "name": study.name,
        "external": study.is_external,
        "site_id": study.site_id,
        "reference": study.reference,
        "position": study.position,
    }


def _step(row: StepRow) -> dict[str, object]:
    d, step = row.definition, row.step
    return {
        "number": d.number,
        "name": gettext(d.name),
        "guidance": gettext(d.guidance),
        "needs": gettext(d.needs),
        "status": step.status,
        "notes": step.notes,
        "completed_by": _user(step.completed_by),
        "completed_at": step.completed_at,
        "needs_met": row.met,
        "ready": row.ready,
    }


def _matrix(matrix: Matrix) -> dict[str, object]:
    return {
        "studies": [_study(s) for s in matrix.studies],
        "rows": [
            {
                "construct": row.construct,
                "label": row.label,
                "filled": row.filled,
                "cells": [
                    {
                        "study_id": c.study.pk,
                        "construct": c.construct,
                        "interpretation": c.interpretation,
                        "segment_count": c.segment_count,
                    }
                    for c in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }


def _note(note: SynthesisNote) -> dict[str, object]:
    return {
        "id": note.pk,
        "construct": note.construct,
        "kind": note.kind,
        "title": note.title,
        "text": note.text,
        "author": _user(note.author),
        "created_at": note.created_at,
        "updated_at": note.updated_at,
    }


def _detail(view: SynthesisView) -> dict[str, object]:
    s = view.synthesis
    return {
        "id": s.pk,
        "title": s.title,
        "question": s.question,
        "description": s.description,
        "can_edit": view.can_edit,
        "coding_projects": view.coding_projects,
        "researchers": [_user(u) for u in view.researchers],
        "steps": [_step(r) for r in view.steps],
        "matrix": _matrix(view.matrix),
        "notes": [_note(n) for n in view.notes],
    }


def _segment(segment: Segment) -> dict[str, object]:
    return {
        "id": segment.pk,
        "text": segment.text,
        "start": segment.start,
        "end": segment.end,
        "source": {"id": segment.source.pk, "title": segment.source.title},
        "codes": [c.name for c in segment.codes.all()],
    }


@router.get("/synthesis/projects", response=list[SynthesisSummaryOut])
def synthesis_list(request: HttpRequest) -> object:
    return selectors.synthesis_list(actor=actor_of(request))


@router.post(
    "/synthesis/projects",
    response={201: SynthesisSummaryOut},
    summary="Start a synthesis project (you become one of its researchers)",
)
def synthesis_create(request: HttpRequest, payload: SynthesisIn) -> Status[object]:
    s = projects.synthesis_create(actor=actor_of(request), **payload.dict())
    return Status(
        201,
        {"id": s.pk, "title": s.title, "question": s.question, "study_count": 0, "steps_done": 0},
    )


@router.get("/synthesis/projects/{synthesis_id}", response=SynthesisDetailOut)
def synthesis_detail(request: HttpRequest, synthesis_id: ObjectId) -> object:
    return _detail(selectors.synthesis_detail(actor=actor_of(request), synthesis_id=synthesis_id))


@router.put("/synthesis/projects/{synthesis_id}", response=SynthesisDetailOut)
def synthesis_update(request: HttpRequest, synthesis_id: ObjectId, payload: SynthesisIn) -> object:
    actor = actor_of(request)
    projects.synthesis_update(actor=actor, synthesis_id=synthesis_id, **payload.dict())
    return _detail(selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id))


@router.post(
    "/synthesis/projects/{synthesis_id}/studies",
    response={201: SynthesisStudyOut},
    summary="Add a coded site (site_id) or an external study (name and reference)",
)
def synthesis_study_add(
    request: HttpRequest, synthesis_id: ObjectId, payload: SynthesisStudyIn
) -> Status[object]:
    study = projects.study_add(actor=actor_of(request), synthesis_id=synthesis_id, **payload.dict())
    return Status(201, _study(study))


@router.delete(
    "/synthesis/projects/{synthesis_id}/studies/{study_id}",
    response={204: None},
    summary="Remove a site or study whose cells are empty",
)
def synthesis_study_remove(
    request: HttpRequest, synthesis_id: ObjectId, study_id: ObjectId
) -> Status[None]:
    projects.study_remove(actor=actor_of(request), synthesis_id=synthesis_id, study_id=study_id)
    return Status(204, None)


@router.get("/synthesis/projects/{synthesis_id}/steps", response=list[SynthesisStepOut])
def synthesis_steps(request: HttpRequest, synthesis_id: ObjectId) -> object:
    view = selectors.synthesis_detail(actor=actor_of(request), synthesis_id=synthesis_id)
    return [_step(r) for r in view.steps]


@router.put(
    "/synthesis/projects/{synthesis_id}/steps/{number}",
    response=SynthesisStepOut,
    summary="Save a step's notes and status (done only when what it needs exists)",
)
def synthesis_step_save(
    request: HttpRequest, synthesis_id: ObjectId, number: StepNumber, payload: SynthesisStepIn
) -> object:
    actor = actor_of(request)
    steps.step_save(actor=actor, synthesis_id=synthesis_id, number=number, **payload.dict())
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    return _step(view.steps[number - 1])


@router.get("/synthesis/projects/{synthesis_id}/matrix", response=SynthesisMatrixOut)
def synthesis_matrix(request: HttpRequest, synthesis_id: ObjectId) -> object:
    synthesis = selectors.synthesis_get(actor=actor_of(request), synthesis_id=synthesis_id)
    return _matrix(selectors.synthesis_matrix(synthesis))


def _cell_out(request: HttpRequest, synthesis_id: int, study_id: int, construct: str) -> object:
    detail = selectors.cell_detail(
        actor=actor_of(request), synthesis_id=synthesis_id, study_id=study_id, construct=construct
    )
    return {
        "study": _study(detail.study),
        "construct": detail.construct,
        "label": detail.label,
        "interpretation": detail.interpretation,
        "can_edit": detail.can_edit,
        "linked": [_segment(s) for s in detail.linked],
        "candidates": [_segment(s) for s in detail.candidates],
    }


@router.get(
    "/synthesis/projects/{synthesis_id}/matrix/{study_id}/{construct_key}",
    response=SynthesisCellDetailOut,
    summary="A cell: its interpretation, linked segments and the segments it may take",
)
def synthesis_cell(
    request: HttpRequest, synthesis_id: ObjectId, study_id: ObjectId, construct_key: Construct
) -> object:
    return _cell_out(request, synthesis_id, study_id, construct_key.value)


@router.put(
    "/synthesis/projects/{synthesis_id}/matrix/{study_id}/{construct_key}",
    response=SynthesisCellDetailOut,
    summary="Write a cell's second-order interpretation",
)
def synthesis_cell_save(
    request: HttpRequest,
    synthesis_id: ObjectId,
    study_id: ObjectId,
    construct_key: Construct,
    payload: SynthesisCellIn,
) -> object:
    matrix.cell_save(
        actor=actor_of(request),
        synthesis_id=synthesis_id,
        study_id=study_id,
        construct=construct_key.value,
        interpretation=payload.interpretation,
    )
    return _cell_out(request, synthesis_id, study_id, construct_key.value)


@router.post(
    "/synthesis/projects/{synthesis_id}/matrix/{study_id}/{construct_key}/segments",
    response=SynthesisCellDetailOut,
    summary="Link coded segments of the site, coded under the construct, to a cell",
)
def synthesis_cell_link(
    request: HttpRequest,
    synthesis_id: ObjectId,
    study_id: ObjectId,
    construct_key: Construct,
    payload: SynthesisLinkIn,
) -> object:
    matrix.cell_segments_link(
        actor=actor_of(request),
        synthesis_id=synthesis_id,
        study_id=study_id,
        construct=construct_key.value,
        segment_ids=payload.segment_ids,
    )
    return _cell_out(request, synthesis_id, study_id, construct_key.value)


@router.delete(
    "/synthesis/projects/{synthesis_id}/matrix/{study_id}/{construct_key}/segments/{segment_id}",
    response={204: None},
)
def synthesis_cell_unlink(
    request: HttpRequest,
    synthesis_id: ObjectId,
    study_id: ObjectId,
    construct_key: Construct,
    segment_id: ObjectId,
) -> Status[None]:
    matrix.cell_segment_unlink(
        actor=actor_of(request),
        synthesis_id=synthesis_id,
        study_id=study_id,
        construct=construct_key.value,
        segment_id=segment_id,
    )
    return Status(204, None)


@router.get("/synthesis/projects/{synthesis_id}/notes", response=list[SynthesisNoteOut])
def synthesis_notes(request: HttpRequest, synthesis_id: ObjectId) -> object:
    view = selectors.synthesis_detail(actor=actor_of(request), synthesis_id=synthesis_id)
    return [_note(n) for n in view.notes]


@router.post(
    "/synthesis/projects/{synthesis_id}/notes",
    response={201: SynthesisNoteOut},
    summary="Add a third-order note (on a construct, or on the whole when construct is empty)",
)
def synthesis_note_add(
    request: HttpRequest, synthesis_id: ObjectId, payload: SynthesisNoteIn
) -> Status[object]:
    note = notes.note_add(
        actor=actor_of(request), synthesis_id=synthesis_id, **_note_fields(payload)
    )
    return Status(201, _note(note))


@router.put("/synthesis/projects/{synthesis_id}/notes/{note_id}", response=SynthesisNoteOut)
def synthesis_note_update(
    request: HttpRequest, synthesis_id: ObjectId, note_id: ObjectId, payload: SynthesisNoteIn
) -> object:
    note = notes.note_update(
        actor=actor_of(request),
        synthesis_id=synthesis_id,
        note_id=note_id,
        **_note_fields(payload),
    )
    return _note(note)


@router.delete("/synthesis/projects/{synthesis_id}/notes/{note_id}", response={204: None})
def synthesis_note_delete(
    request: HttpRequest, synthesis_id: ObjectId, note_id: ObjectId
) -> Status[None]:
    notes.note_delete(actor=actor_of(request), synthesis_id=synthesis_id, note_id=note_id)
    return Status(204, None)


@router.get(
    "/synthesis/projects/{synthesis_id}/report.pdf",
    summary="The synthesis report as a PDF",
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def synthesis_report_pdf(request: HttpRequest, synthesis_id: ObjectId) -> HttpResponse:
    report = selectors.synthesis_report(actor=actor_of(request), synthesis_id=synthesis_id)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="synthesis-{synthesis_id}.pdf"'
    return response


@router.get(
    "/synthesis/projects/{synthesis_id}/report.html",
    summary="The synthesis report as a standalone, printable HTML page",
    openapi_extra={"responses": {200: {"description": "HTML", "content": {"text/html": {}}}}},
)
def synthesis_report_html(request: HttpRequest, synthesis_id: ObjectId) -> HttpResponse:
    report = selectors.synthesis_report(actor=actor_of(request), synthesis_id=synthesis_id)
    response = HttpResponse(report_html(request, report), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="synthesis-{synthesis_id}.html"'
    return response
