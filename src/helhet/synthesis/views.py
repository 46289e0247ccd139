"""Synthesis pages under the observatory: projects, the guided seven steps, the translation
matrix and its cells, third-order notes and the report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.web import attempt, with_actor
from helhet.observatory.policies import require_observatory
from helhet.synthesis import coded, policies, selectors
from helhet.synthesis.errors import StepNotFound
from helhet.synthesis.forms import (
    CellForm,
    LinkForm,
    NoteForm,
    StepForm,
    StudyForm,
    StudyRemoveForm,
    SynthesisForm,
    UnlinkForm,
)
from helhet.synthesis.pdf import report_pdf
from helhet.synthesis.report import report_html
from helhet.synthesis.selectors import CellDetail, SynthesisView
from helhet.synthesis.services import matrix, notes, projects, steps
from helhet.synthesis.workflow import step_definition
from helhet.tenancy.actor import Actor


def _synthesis_form(actor: Actor, data: Any = None, initial: Any = None) -> SynthesisForm:
    return SynthesisForm(
        data,
        initial=initial,
        projects=selectors.coding_project_choices(actor),
        researchers=selectors.researcher_choices(actor),
    )


@with_actor
def synthesis_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    return render(
        request,
        "synthesis/synthesis_list.html",
        {"projects": selectors.synthesis_list(actor=actor)},
    )


@with_actor
def synthesis_create(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    form = _synthesis_form(actor, request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = attempt(
            form, lambda: projects.synthesis_create(actor=actor, **form.synthesis_fields())
        ).value
        if created is not None:
            messages.success(request, _("The synthesis project was started."))
            return redirect("web:synthesis_detail", synthesis_id=created.pk)
    return render(
        request,
        "synthesis/synthesis_form.html",
        {"form": form, "synthesis": None},
        status=400 if form.errors else 200,
    )


@with_actor
def synthesis_edit(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    s = view.synthesis
    form = _synthesis_form(
        actor,
        request.POST or None,
        initial={
            "title": s.title,
            "question": s.question,
            "description": s.description,
            "coding_projects": view.coding_projects,
            "researchers": view.researchers,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: projects.synthesis_update(
                actor=actor, synthesis_id=s.pk, **form.synthesis_fields()
            ),
        ).ok
    ):
        messages.success(request, _("The synthesis project was saved."))
        return redirect("web:synthesis_detail", synthesis_id=s.pk)
    return render(
        request,
        "synthesis/synthesis_form.html",
        {"form": form, "synthesis": s},
        status=400 if form.errors else 200,
    )


def _page(
    request: HttpRequest, view: SynthesisView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context: dict[str, Any] = {"view": view, "synthesis": view.synthesis}
    if view.can_edit:
        used = {st.site_id for st in view.studies if st.site_id}
        sites = [
            site
            for site in coded.sites_of_projects(p.pk for p in view.coding_projects)
            if site.pk not in used
        ]
        context |= {
            "study_form": StudyForm(sites=sites),
            "study_remove_form": StudyRemoveForm(studies=view.studies),
            "note_form": NoteForm(),
        }
    # A form sent back with errors is shown whoever sent it, so its message is never lost.
    context |= bound
    return render(request, "synthesis/synthesis_detail.html", context, status=status)


@with_actor
def synthesis_detail(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    return _page(request, selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id))


@require_POST
@with_actor
def synthesis_study_add(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    sites = list(coded.sites_of_projects(p.pk for p in view.coding_projects))
    form = StudyForm(request.POST, sites=sites)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: projects.study_add(
                actor=actor, synthesis_id=synthesis_id, **form.study_fields()
            ),
        ).ok
    ):
        messages.success(request, _("The site or study was added."))
        return redirect("web:synthesis_detail", synthesis_id=synthesis_id)
    return _page(request, view, status=400, study_form=form)


@require_POST
@with_actor
def synthesis_study_remove(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    form = StudyRemoveForm(request.POST, studies=view.studies)
    if form.is_valid():
        study_id = form.cleaned_data["study"]
        if attempt(
            form,
            lambda: projects.study_remove(
                actor=actor, synthesis_id=synthesis_id, study_id=study_id
            ),
        ).ok:
            messages.success(request, _("The site or study was removed."))
            return redirect("web:synthesis_detail", synthesis_id=synthesis_id)
    return _page(request, view, status=400, study_remove_form=form)


def _step_page(
    request: HttpRequest,
    view: SynthesisView,
    number: int,
    form: StepForm | None = None,
    status: int = 200,
) -> HttpResponse:
    row = view.steps[number - 1]
    if form is None and view.can_edit:
        form = StepForm(initial={"status": row.step.status, "notes": row.step.notes})
    return render(
        request,
        "synthesis/step.html",
        {
            "view": view,
            "synthesis": view.synthesis,
            "row": row,
            "form": form,
            "previous": view.steps[number - 2] if number > 1 else None,
            "next": view.steps[number] if number < len(view.steps) else None,
        },
        status=status,
    )


@with_actor
def synthesis_step(
    request: HttpRequest, actor: Actor, synthesis_id: int, number: int
) -> HttpResponse:
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    if not 1 <= number <= len(view.steps):
        raise StepNotFound()
    if request.method != "POST":
        return _step_page(request, view, number)
    form = StepForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: steps.step_save(
                actor=actor, synthesis_id=synthesis_id, number=number, **form.cleaned_data
            ),
        ).ok
    ):
        messages.success(
            request,
            _("Step %(number)s was saved: %(name)s.")
            % {"number": number, "name": _(step_definition(number).name)},
        )
        return redirect("web:synthesis_step", synthesis_id=synthesis_id, number=number)
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    return _step_page(request, view, number, form=form, status=400)


def _cell_page(
    request: HttpRequest, detail: CellDetail, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context: dict[str, Any] = {"detail": detail, "synthesis": detail.synthesis}
    if detail.can_edit:
        context |= {
            "cell_form": CellForm(initial={"interpretation": detail.interpretation}),
            "link_form": LinkForm(candidates=detail.candidates),
        }
    context |= bound
    return render(request, "synthesis/cell.html", context, status=status)


def _cell(actor: Actor, synthesis_id: int, study_id: int, construct: str) -> CellDetail:
    return selectors.cell_detail(
        actor=actor, synthesis_id=synthesis_id, study_id=study_id, construct=construct
    )


@with_actor
def synthesis_cell(
    request: HttpRequest, actor: Actor, synthesis_id: int, study_id: int, construct: str
) -> HttpResponse:
    detail = _cell(actor, synthesis_id, study_id, construct)
    if request.method != "POST":
        return _cell_page(request, detail)
    form = CellForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: matrix.cell_save(
                actor=actor,
                synthesis_id=synthesis_id,
                study_id=study_id,
                construct=construct,
                interpretation=form.cleaned_data["interpretation"],
            ),
        ).ok
    ):
        messages.success(request, _("The interpretation was saved."))
        return redirect(
            "web:synthesis_cell", synthesis_id=synthesis_id, study_id=study_id, construct=construct
        )
    return _cell_page(request, detail, status=400, cell_form=form)


@require_POST
@with_actor
def synthesis_cell_link(
    request: HttpRequest, actor: Actor, synthesis_id: int, study_id: int, construct: str
) -> HttpResponse:
    detail = _cell(actor, synthesis_id, study_id, construct)
    form = LinkForm(request.POST, candidates=detail.candidates)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: matrix.cell_segments_link(
                actor=actor,
                synthesis_id=synthesis_id,
                study_id=study_id,
                construct=construct,
                segment_ids=form.segment_ids(),
            ),
        ).ok
    ):
        messages.success(request, _("The segments were linked."))
        return redirect(
            "web:synthesis_cell", synthesis_id=synthesis_id, study_id=study_id, construct=construct
        )
    return _cell_page(request, detail, status=400, link_form=form)


@require_POST
@with_actor
def synthesis_cell_unlink(
    request: HttpRequest, actor: Actor, synthesis_id: int, study_id: int, construct: str
) -> HttpResponse:
    detail = _cell(actor, synthesis_id, study_id, construct)
    form = UnlinkForm(request.POST)
    if form.is_valid():
        matrix.cell_segment_unlink(
            actor=actor,
            synthesis_id=synthesis_id,
            study_id=study_id,
            construct=construct,
            segment_id=form.cleaned_data["segment"],
        )
        messages.success(request, _("The segment was unlinked."))
        return redirect(
            "web:synthesis_cell", synthesis_id=synthesis_id, study_id=study_id, construct=construct
        )
    messages.error(request, _("Choose a segment to unlink."))
    return _cell_page(request, detail, status=400)


@require_POST
@with_actor
def synthesis_note_add(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    view = selectors.synthesis_detail(actor=actor, synthesis_id=synthesis_id)
    form = NoteForm(request.POST)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: notes.note_add(actor=actor, synthesis_id=synthesis_id, **form.cleaned_data),
        ).ok
    ):
        messages.success(request, _("The synthesis note was added."))
        return redirect("web:synthesis_detail", synthesis_id=synthesis_id)
    return _page(request, view, status=400, note_form=form)


@with_actor
def synthesis_note_edit(
    request: HttpRequest, actor: Actor, synthesis_id: int, note_id: int
) -> HttpResponse:
    synthesis = selectors.synthesis_get(actor=actor, synthesis_id=synthesis_id)
    note = selectors.note_get(synthesis=synthesis, note_id=note_id)
    form = NoteForm(
        request.POST or None,
        initial={
            "construct": note.construct,
            "kind": note.kind,
            "title": note.title,
            "text": note.text,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: notes.note_update(
                actor=actor, synthesis_id=synthesis_id, note_id=note_id, **form.cleaned_data
            ),
        ).ok
    ):
        messages.success(request, _("The synthesis note was saved."))
        return redirect("web:synthesis_detail", synthesis_id=synthesis_id)
    return render(
        request,
        "synthesis/note_form.html",
        {
            "form": form,
            "synthesis": synthesis,
            "note": note,
            "can_edit": policies.can_edit_synthesis(actor, synthesis),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def synthesis_note_delete(
    request: HttpRequest, actor: Actor, synthesis_id: int, note_id: int
) -> HttpResponse:
    notes.note_delete(actor=actor, synthesis_id=synthesis_id, note_id=note_id)
    messages.success(request, _("The synthesis note was deleted."))
    return redirect("web:synthesis_detail", synthesis_id=synthesis_id)


@with_actor
def synthesis_report(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    report = selectors.synthesis_report(actor=actor, synthesis_id=synthesis_id)
    return HttpResponse(report_html(request, report))


@with_actor
def synthesis_report_pdf(request: HttpRequest, actor: Actor, synthesis_id: int) -> HttpResponse:
    report = selectors.synthesis_report(actor=actor, synthesis_id=synthesis_id)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="synthesis-{synthesis_id}.pdf"'
    return response
