"""Pages of a coding project: the list, the project page and its form, members, sites and
memos (on the project, or on one of its codes, sources or segments).

Each page calls one selector; each form posts to a view that calls one service and, when the
input is refused, shows the same page again with status 400 and what was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.core.errors import HelhetError
from helhet.core.web import attempt, with_actor
from helhet.networks.models import Network
from helhet.qualitative import policies, selectors, services
from helhet.qualitative.forms import MemberForm, MemoForm, ProjectForm, SiteForm
from helhet.qualitative.selectors import ProjectView
from helhet.tenancy.actor import Actor


def _networks(actor: Actor) -> list[tuple[int, str]]:
    return list(
        Network.objects.filter(municipality_id=actor.municipality_id)
        .order_by("name", "id")
        .values_list("pk", "name")
    )


def _staff(actor: Actor) -> list[tuple[int, str]]:
    return [
        (u.pk, u.get_full_name() or u.get_username())
        for u in selectors.staff_of_municipality(actor.municipality_id)
    ]


@with_actor
def project_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    projects = selectors.project_list(actor=actor)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = attempt(
            form, lambda: services.project_create(actor=actor, **form.cleaned_data)
        ).value
        if project is not None:
            messages.success(
                request, _("The project was created, with the five constructs as its first codes.")
            )
            return redirect("web:qualitative_project_detail", project_id=project.pk)
    return render(
        request,
        "qualitative/project_list.html",
        {"projects": projects, "form": form},
        status=400 if form.errors else 200,
    )


def _project_page(
    request: HttpRequest, actor: Actor, view: ProjectView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context: dict[str, Any] = {
        "view": view,
        "project": view.project,
        # Forms on the page come back here, also when it was shown after a refused form.
        "memo_next": reverse("web:qualitative_project_detail", args=[view.project.pk]),
    }
    if view.can_edit:
        context |= {
            "site_form": SiteForm(networks=_networks(actor)),
            "member_form": MemberForm(staff=_staff(actor)),
            "memo_form": MemoForm(),
        }
    context |= bound
    return render(request, "qualitative/project_detail.html", context, status=status)


@with_actor
def project_detail(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    return _project_page(
        request, actor, selectors.project_detail(actor=actor, project_id=project_id)
    )


@with_actor
def project_edit(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    policies.require_project_editor(actor, project)
    form = ProjectForm(
        request.POST or None,
        initial={"title": project.title, "description": project.description},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form,
            lambda: services.project_update(
                actor=actor, project_id=project.pk, **form.cleaned_data
            ),
        ).ok
    ):
        messages.success(request, _("The project was saved."))
        return redirect("web:qualitative_project_detail", project_id=project.pk)
    return render(
        request,
        "qualitative/project_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def member_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    view = selectors.project_detail(actor=actor, project_id=project_id)
    form = MemberForm(request.POST, staff=_staff(actor))
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.project_member_add(
                actor=actor, project_id=project_id, user_id=form.cleaned_data["user"]
            ),
        ).ok
    ):
        messages.success(request, _("The member was added; they may now edit the project."))
        return redirect("web:qualitative_project_detail", project_id=project_id)
    return _project_page(request, actor, view, status=400, member_form=form)


@require_POST
@with_actor
def member_remove(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    user_ref = request.POST.get("user", "")
    try:
        services.project_member_remove(
            actor=actor, project_id=project_id, user_id=int(user_ref) if user_ref.isdigit() else 0
        )
    except HelhetError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, _(exc.message))
    else:
        messages.success(request, _("The member was removed from the project."))
    return redirect("web:qualitative_project_detail", project_id=project_id)


@require_POST
@with_actor
def site_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    view = selectors.project_detail(actor=actor, project_id=project_id)
    form = SiteForm(request.POST, networks=_networks(actor))
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.site_create(actor=actor, project_id=project_id, **form.site_fields()),
        ).ok
    ):
        messages.success(request, _("The site was added."))
        return redirect("web:qualitative_project_detail", project_id=project_id)
    return _project_page(request, actor, view, status=400, site_form=form)


@require_POST
@with_actor
def memo_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    """A memo on the project, or (with ``code``, ``source`` or ``segment`` in the form) on one
    of its codes, sources or segments; back to where it was written."""
    view = selectors.project_detail(actor=actor, project_id=project_id)
    form = MemoForm(request.POST)
    target: dict[str, int | None] = {}
    for key in ("code", "source", "segment"):
        ref = request.POST.get(key, "")
        target[f"{key}_id"] = int(ref) if ref.isdigit() else None
    refusal = None
    if form.is_valid():
        saved = attempt(
            form,
            lambda: services.memo_create(
                actor=actor,
                project_id=project_id,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                code_id=target["code_id"],
                source_id=target["source_id"],
                segment_id=target["segment_id"],
            ),
        )
        if saved.error is None:
            messages.success(request, _("The memo was saved."))
            return _back(request, project_id)
        refusal = saved.error
    if not any(target.values()):
        return _project_page(request, actor, view, status=400, memo_form=form)
    # A memo on a code, source or segment is written on that page: the message goes back there.
    messages.error(
        request, _(refusal.message) if refusal else _("Write the memo before saving it.")
    )
    return _back(request, project_id)


def _back(request: HttpRequest, project_id: int) -> HttpResponse:
    """To the page a form was sent from, if it is one of this project's pages."""
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("web:qualitative_project_detail", project_id=project_id)


@require_POST
@with_actor
def memo_delete(request: HttpRequest, actor: Actor, memo_id: int) -> HttpResponse:
    memo = services.memo_delete(actor=actor, memo_id=memo_id)
    messages.success(request, _("The memo was deleted."))
    return _back(request, memo.project_id)
