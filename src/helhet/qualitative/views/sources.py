"""Pages of a coding project's sources: adding text or a file, taking in a meeting's
minutes, the source page, and coding its passages."""

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
from helhet.qualitative import codetree, coding, minutes, policies, selectors, services
from helhet.qualitative.errors import QuoteAmbiguous
from helhet.qualitative.forms import MemoForm, MinutesForm, SegmentCodeForm, SegmentForm, SourceForm
from helhet.qualitative.selectors import SourceView
from helhet.qualitative.text import MAX_QUOTE_CHARS, find_quote
from helhet.tenancy.actor import Actor


@with_actor
def source_add(request: HttpRequest, actor: Actor, project_id: int) -> HttpResponse:
    project = selectors.project_get(actor=actor, project_id=project_id)
    policies.require_project_editor(actor, project)
    form = SourceForm(
        request.POST or None, request.FILES or None, sites=selectors.site_choices(project)
    )
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
        sites=selectors.site_choices(project),
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
    codes = codetree.code_choices(view.project.pk)
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
    codes = codetree.code_choices(view.project.pk)
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
    form = SegmentCodeForm(request.POST, codes=codetree.code_choices(view.project.pk))
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
