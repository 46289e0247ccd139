"""Pages of qualitative coding, under the observatory.

Each page calls one selector; each form posts to a view that calls one service and, when the
input is refused, shows the same page again with status 400 and what was typed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import attempt, through, with_actor
from helhet.networks.models import Network
from helhet.observatory.policies import require_observatory
from helhet.qualitative import (
    analysis,
    codebook,
    coding,
    minutes,
    policies,
    qdpx,
    selectors,
    services,
)
from helhet.qualitative.errors import CodeDeleteUnconfirmed, QuoteAmbiguous
from helhet.qualitative.forms import (
    CodeDeleteForm,
    CodeEditForm,
    CodeForm,
    CodeMergeForm,
    CodeMoveForm,
    CooccurrenceForm,
    MemberForm,
    MemoForm,
    MinutesForm,
    ProjectForm,
    RetrievalForm,
    SegmentCodeForm,
    SegmentForm,
    SiteForm,
    SourceForm,
)
from helhet.qualitative.models import Project
from helhet.qualitative.selectors import ProjectView, SourceView
from helhet.qualitative.text import MAX_QUOTE_CHARS, find_quote
from helhet.tenancy.actor import Actor


def _sites(project: Project) -> list[tuple[int, str]]:
    return list(project.sites.order_by("name", "id").values_list("pk", "name"))


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


# ---------------------------------------------------------------------------- projects


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


# ---------------------------------------------------------------------------- sources


@with_actor
def source_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    policies.require_project_editor(actor, project)
    form = SourceForm(request.POST or None, request.FILES or None, sites=_sites(project))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> Any:
            text = data["text"]
            upload = data.get("file")
            if upload is not None:
                text = services.text_of_upload(upload.name or "", upload.read())
            return services.source_create(
                actor=actor,
                project_id=project.pk,
                kind=data["kind"],
                title=data["title"],
                text=text,
                site_id=data["site"],
            )

        source = attempt(form, create).value
        if source is not None:
            messages.success(request, _("The source was added. Select passages to code them."))
            return redirect("web:qualitative_source_detail", source_id=source.pk)
    return render(
        request,
        "qualitative/source_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


def _meeting_label(meeting: Any, imported: set[int]) -> str:
    concerned = (
        _("about a person or family: needs consent")
        if meeting.person_id or meeting.family_id
        else _("about no one")
    )
    label = f"{formats.date_format(meeting.starts_at, 'SHORT_DATE_FORMAT')} · "
    label += f"{meeting.get_kind_display()} · {concerned}"
    if meeting.pk in imported:
        label += " · " + _("already in the project")
    return label


@with_actor
def minutes_import(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    policies.require_project_editor(actor, project)
    imported = selectors.imported_meeting_ids(project.pk)
    meetings = selectors.meeting_choices_for_import(actor)
    form = MinutesForm(
        request.POST or None,
        meetings=[(m.pk, _meeting_label(m, imported)) for m in meetings],
        sites=_sites(project),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = attempt(
            form,
            lambda: minutes.minutes_import(
                actor=actor,
                project_id=project.pk,
                meeting_id=data["meeting"],
                site_id=data["site"],
                title=data["title"],
                language=data["language"],
                channel=Channel.WEB,
                through=through(request),
            ),
        ).value
        if source is not None:
            messages.success(
                request,
                _(
                    "The minutes were added, pseudonymised. Read them through before coding: "
                    "names the platform does not know cannot be found automatically."
                ),
            )
            return redirect("web:qualitative_source_detail", source_id=source.pk)
    return render(
        request,
        "qualitative/minutes_form.html",
        {"form": form, "project": project, "meetings": meetings},
        status=400 if form.errors else 200,
    )


def _source_page(
    request: HttpRequest, actor: Actor, view: SourceView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    codes = selectors.code_choices(view.project.pk)
    context: dict[str, Any] = {
        "view": view,
        "source": view.source,
        "project": view.project,
        "codes": codes,
        "memo_next": reverse("web:qualitative_source_detail", args=[view.source.pk]),
    }
    if view.can_edit:
        context |= {
            "segment_form": SegmentForm(codes=codes),
            "memo_form": MemoForm(),
            "code_choices": codes,
        }
    context |= bound
    return render(request, "qualitative/source_detail.html", context, status=status)


@with_actor
def source_detail(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    return _source_page(request, actor, selectors.source_detail(actor=actor, source_id=source_id))


def _occurrences(text: str, quote: str) -> list[tuple[int, str]]:
    """Each place a quote occurs, as a choice: its start, and the quote in its context."""
    return [
        (o.start, f"…{o.before}[{text[o.start : o.end]}]{o.after}…")
        for o in find_quote(text, quote)
    ]


@require_POST
@with_actor
def segment_add(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    view = selectors.source_detail(actor=actor, source_id=source_id)
    codes = selectors.code_choices(view.project.pk)
    text = view.source.text
    quote = request.POST.get("quote", "")[:MAX_QUOTE_CHARS]
    # An occurrence chosen on the page shown for an ambiguous quote.
    chosen = _occurrences(text, quote) if request.POST.get("occurrence") else None
    form = SegmentForm(request.POST, codes=codes, occurrences=chosen)
    if form.is_valid():
        done = attempt(
            form,
            lambda: coding.segment_create(
                actor=actor, source_id=source_id, **form.segment_fields()
            ),
        )
        if done.error is None:
            messages.success(request, _("The passage was coded."))
            return redirect("web:qualitative_source_detail", source_id=source_id)
        # The refusal goes above the form, since the passage is chosen by selecting it (start
        # and end are hidden); an ambiguous quote brings the choice of its occurrences.
        if isinstance(done.error, QuoteAmbiguous):
            chosen = _occurrences(text, quote)
        form = SegmentForm(request.POST, codes=codes, occurrences=chosen)
        form.is_valid()
        form.add_error(None, _(done.error.message))
    return _source_page(request, actor, view, status=400, segment_form=form)


def _segment_ref(request: HttpRequest) -> int:
    ref = request.POST.get("segment", "")
    return int(ref) if ref.isdigit() else 0


@require_POST
@with_actor
def segment_code_add(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    view = selectors.source_detail(actor=actor, source_id=source_id)
    form = SegmentCodeForm(request.POST, codes=selectors.code_choices(view.project.pk))
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: coding.segment_code_add(
                actor=actor,
                segment_id=form.cleaned_data["segment"],
                code_ids=[form.cleaned_data["code"]],
            ),
        ).ok
    ):
        messages.success(request, _("The code was added to the passage."))
    else:
        messages.error(request, _("Choose a code to add."))
    return redirect("web:qualitative_source_detail", source_id=source_id)


@require_POST
@with_actor
def segment_uncode(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    selectors.source_get(actor=actor, source_id=source_id)
    code_ref = request.POST.get("code", "")
    try:
        kept = coding.segment_uncode(
            actor=actor,
            segment_id=_segment_ref(request),
            code_id=int(code_ref) if code_ref.isdigit() else 0,
        )
    except HelhetError as exc:
        if exc.status_code != 400:
            raise
        messages.error(request, _(exc.message))
    else:
        messages.success(
            request,
            _("The code was taken off the passage.")
            if kept
            else _(
                "The code was taken off; the passage had no other code and is no longer marked."
            ),
        )
    return redirect("web:qualitative_source_detail", source_id=source_id)


@require_POST
@with_actor
def segment_delete(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    selectors.source_get(actor=actor, source_id=source_id)
    coding.segment_delete(actor=actor, segment_id=_segment_ref(request))
    messages.success(request, _("The coded passage was removed."))
    return redirect("web:qualitative_source_detail", source_id=source_id)


@require_POST
@with_actor
def source_delete(request: HttpRequest, actor: Actor, source_id: int) -> HttpResponse:
    source = services.source_delete(actor=actor, source_id=source_id)
    messages.success(request, _("The source was deleted with its codings."))
    return redirect("web:qualitative_project_detail", project_id=source.project_id)


# ---------------------------------------------------------------------------- code book


def _code_lists(project: Project) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """All codes, and those that may be moved, merged or deleted (not the five constructs),
    as indented names in code-book order."""
    nodes = selectors.flatten(selectors.code_tree(project.pk))
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
            for node in selectors.flatten(selectors.code_tree(project.pk))
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


# ---------------------------------------------------------------------------- analysis


@with_actor
def code_segments(request: HttpRequest, actor: Actor, code_id: int) -> HttpResponse:
    code = selectors.code_get(actor=actor, code_id=code_id)
    project = code.project
    sites = _sites(project)
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
    form = CooccurrenceForm(request.GET or None, sites=_sites(project))
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
