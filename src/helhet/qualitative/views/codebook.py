"""The code book page of a coding project and its forms: add, edit, move, merge, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.web import attempt, with_actor
from helhet.qualitative import codebook, codetree, policies, selectors
from helhet.qualitative.errors import CodeDeleteUnconfirmed
from helhet.qualitative.forms import (
    CodeDeleteForm,
    CodeEditForm,
    CodeForm,
    CodeMergeForm,
    CodeMoveForm,
)
from helhet.qualitative.models import Project
from helhet.tenancy.actor import Actor


def _code_lists(project: Project) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """All codes, and those that may be moved, merged or deleted (not the five constructs),
    as indented names in code-book order."""
    nodes = codetree.flatten(codetree.code_tree(project.pk))
    every = [(n.code.pk, "\u2003" * n.depth + n.code.name) for n in nodes]
    movable = [
        (n.code.pk, "\u2003" * n.depth + n.code.name)
        for n in nodes
        if not codebook.is_construct_code(n.code)
    ]
    return every, movable


def _codebook_page(
    request: HttpRequest, actor: Actor, project: Project, *, status: int = 200, **bound: Any
) -> HttpResponse:
    every, movable = _code_lists(project)
    can_edit = policies.can_edit_project(actor, project)
    memos = selectors.code_memos_of_project(project.pk)
    context: dict[str, Any] = {
        "project": project,
        "rows": [
            (node, len(memos.get(node.code.pk, [])))
            for node in codetree.flatten(codetree.code_tree(project.pk))
        ],
        "can_edit": can_edit,
    }
    if can_edit:
        context |= {
            "code_form": CodeForm(codes=every),
            "edit_form": CodeEditForm(codes=every),
            "move_form": CodeMoveForm(codes=movable, targets=every),
            "merge_form": CodeMergeForm(codes=movable, targets=every),
            "delete_form": CodeDeleteForm(codes=movable),
            "has_movable": bool(movable),
        }
    context |= bound
    return render(request, "qualitative/codebook.html", context, status=status)


@with_actor
def code_book(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    return _codebook_page(request, actor, project)


@require_POST
@with_actor
def code_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    form = CodeForm(request.POST, codes=_code_lists(project)[0])
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: codebook.code_create(
                actor=actor,
                project_id=project.pk,
                name=form.cleaned_data["name"],
                parent_id=form.cleaned_data["parent"],
                description=form.cleaned_data["description"],
            ),
        ).ok
    ):
        messages.success(request, _("The code was added."))
        return redirect("web:qualitative_codebook", project_id=project.pk)
    return _codebook_page(request, actor, project, status=400, code_form=form)


@require_POST
@with_actor
def code_edit(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    form = CodeEditForm(request.POST, codes=_code_lists(project)[0])
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: codebook.code_update(
                actor=actor,
                code_id=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                color=form.cleaned_data["color"],
            ),
        ).ok
    ):
        messages.success(request, _("The code was saved."))
        return redirect("web:qualitative_codebook", project_id=project.pk)
    return _codebook_page(request, actor, project, status=400, edit_form=form)


@require_POST
@with_actor
def code_move(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    every, movable = _code_lists(project)
    form = CodeMoveForm(request.POST, codes=movable, targets=every)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: codebook.code_move(
                actor=actor,
                code_id=form.cleaned_data["code"],
                parent_id=form.cleaned_data["parent"],
            ),
        ).ok
    ):
        messages.success(request, _("The code was moved."))
        return redirect("web:qualitative_codebook", project_id=project.pk)
    return _codebook_page(request, actor, project, status=400, move_form=form)


@require_POST
@with_actor
def code_merge(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    every, movable = _code_lists(project)
    form = CodeMergeForm(request.POST, codes=movable, targets=every)
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: codebook.code_merge(
                actor=actor, code_id=form.cleaned_data["code"], into_id=form.cleaned_data["into"]
            ),
        ).ok
    ):
        messages.success(request, _("The codes were merged; the codings moved with them."))
        return redirect("web:qualitative_codebook", project_id=project.pk)
    return _codebook_page(request, actor, project, status=400, merge_form=form)


@require_POST
@with_actor
def code_delete(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    movable = _code_lists(project)[1]
    form = CodeDeleteForm(request.POST, codes=movable)
    if form.is_valid():
        counts = attempt(
            form,
            lambda: codebook.code_delete(
                actor=actor, code_id=form.cleaned_data["code"], confirm=form.cleaned_data["confirm"]
            ),
        )
        if counts.value is not None:
            messages.success(
                request,
                _("The code was deleted, with %(codings)d codings.") % counts.value,
            )
            return redirect("web:qualitative_codebook", project_id=project.pk)
        if isinstance(counts.error, CodeDeleteUnconfirmed):
            # Asked beside the box instead, with what would go.
            form = CodeDeleteForm(request.POST, codes=movable)
            form.is_valid()
            form.add_error(
                "confirm",
                _(
                    "The code has %(codings)d codings and %(sub_codes)d sub-codes. Tick the box "
                    "to delete them too."
                )
                % counts.error.details,
            )
    return _codebook_page(request, actor, project, status=400, delete_form=form)
