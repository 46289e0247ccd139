"""Analysis pages of a coding project: retrieval by code, co-occurrence (page and CSV)
and the REFI-QDA export."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.core.web import with_actor
from helhet.observatory.policies import require_observatory
from helhet.qualitative import analysis, policies, qdpx, selectors
from helhet.qualitative.forms import CooccurrenceForm, MemoForm, RetrievalForm
from helhet.qualitative.models import Project
from helhet.tenancy.actor import Actor


@with_actor
def code_segments(request: HttpRequest, actor: Actor, code_id: int) -> HttpResponse:
    code = selectors.code_get(actor=actor, code_id=code_id)
    project = code.project
    sites = selectors.site_choices(project)
    data = request.GET if "site" in request.GET or "kind" in request.GET else None
    form = RetrievalForm(data, sites=sites, initial={"descendants": True})
    site_id = kind = None
    descendants = True
    if data is not None and form.is_valid():
        site_id = form.cleaned_data["site"]
        kind = form.cleaned_data["kind"] or None
        descendants = form.cleaned_data["descendants"]
    found = analysis.code_segments(
        actor=actor, code_id=code.pk, descendants=descendants, site_id=site_id, kind=kind
    )
    return render(
        request,
        "qualitative/code_segments.html",
        {
            "project": project,
            "code": code,
            "found": found,
            "form": form,
            "memos": selectors.code_memos(code.pk),
            "can_edit": policies.can_edit_project(actor, project),
            "memo_form": MemoForm(),
        },
        status=400 if form.errors else 200,
    )


def _cooccurrence_filters(
    request: HttpRequest, project: Project
) -> tuple[CooccurrenceForm, dict[str, Any]]:
    form = CooccurrenceForm(request.GET or None, sites=selectors.site_choices(project))
    filters: dict[str, Any] = {"mode": "segment", "level": "all", "site_id": None, "kind": None}
    if request.GET and form.is_valid():
        filters = {
            "mode": form.cleaned_data["mode"] or "segment",
            "level": form.cleaned_data["level"] or "all",
            "site_id": form.cleaned_data["site"],
            "kind": form.cleaned_data["kind"] or None,
        }
    return form, filters


@with_actor
def cooccurrence(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    form, filters = _cooccurrence_filters(request, project)
    table = analysis.cooccurrence(actor=actor, project_id=project.pk, **filters)
    return render(
        request,
        "qualitative/cooccurrence.html",
        {
            "project": project,
            "form": form,
            "table": table,
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@with_actor
def cooccurrence_csv(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    _form, filters = _cooccurrence_filters(request, project)
    table = analysis.cooccurrence(actor=actor, project_id=project.pk, **filters)
    response = HttpResponse(
        analysis.cooccurrence_csv(table), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="cooccurrence-{project.pk}.csv"'
    return response


@with_actor
def export(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    require_observatory(actor)
    name, content = qdpx.project_export(actor=actor, project_id=project_id)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
