from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.core.errors import HelhetError
from helhet.core.web import attempt, every_refusal, through, with_actor
from helhet.meetings import action_items, selectors, services
from helhet.meetings.forms import (
    ActionItemForm,
    DecisionForm,
    MeetingBookForm,
    MinutesForm,
    ParticipantForm,
)
from helhet.meetings.ics import meeting_ics
from helhet.meetings.selectors import MeetingView
from helhet.people.selectors import family_list_for
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list, staff_choices


@with_actor
def meeting_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    meetings = selectors.meeting_list_for(
        actor=actor, channel=Channel.WEB, through=through(request)
    )
    return render(request, "meetings/meeting_list.html", {"meetings": meetings})


@with_actor
def meeting_book(request: HttpRequest, actor: Actor) -> HttpResponse:
    families = family_list_for(actor=actor, channel=Channel.WEB, through=through(request))
    initial: dict[str, Any] = {}
    for key in ("family", "person"):
        value = request.GET.get(key, "")
        if value.isdigit():
            initial[key] = int(value)
    form = MeetingBookForm(
        request.POST or None,
        families=families,
        organisations=organisations_list(municipality_id=actor.municipality_id).exclude(
            pk=actor.organisation_id
        ),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        meeting = attempt(
            form,
            lambda: services.meeting_book(actor=actor, **form.meeting_fields()),
            shown=every_refusal,
        ).value
        if meeting is not None:
            messages.success(request, _("The meeting was booked."))
            return redirect("web:meeting_detail", meeting_id=meeting.pk)
    return render(
        request, "meetings/meeting_book.html", {"form": form}, status=400 if form.errors else 200
    )


def _view(request: HttpRequest, actor: Actor, meeting_id: int) -> MeetingView:
    return selectors.meeting_get_for(
        actor=actor, meeting_id=meeting_id, channel=Channel.WEB, through=through(request)
    )


def _page(
    request: HttpRequest, actor: Actor, view: MeetingView, *, status: int = 200, **bound: Any
) -> HttpResponse:
    m = view.meeting
    context: dict[str, Any] = {
        "view": view,
        "meeting": m,
        "minutes_form": bound.get("minutes_form")
        or MinutesForm(initial={"agenda": m.agenda, "minutes": m.minutes}),
        "decision_form": bound.get("decision_form") or DecisionForm(),
        "action_item_form": bound.get("action_item_form")
        or ActionItemForm(view=view, staff=staff_choices(actor)),
        "participant_form": None,
    }
    if view.is_organiser:
        context["participant_form"] = bound.get("participant_form") or ParticipantForm(
            view=view, organisations=organisations_list(municipality_id=m.municipality_id)
        )
    return render(request, "meetings/meeting_detail.html", context, status=status)


@with_actor
def meeting_detail(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    return _page(request, actor, _view(request, actor, meeting_id))


@require_POST
@with_actor
def meeting_minutes(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    view = _view(request, actor, meeting_id)
    form = MinutesForm(request.POST)
    if form.is_valid():
        services.minutes_update(actor=actor, meeting_id=meeting_id, **form.cleaned_data)
        messages.success(request, _("The agenda and minutes were saved."))
        return redirect("web:meeting_detail", meeting_id=meeting_id)
    return _page(request, actor, view, status=400, minutes_form=form)


@require_POST
@with_actor
def meeting_decision_add(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    view = _view(request, actor, meeting_id)
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.decision_add(actor=actor, meeting_id=meeting_id, text=form.cleaned_data["text"])
        messages.success(request, _("The decision was recorded."))
        return redirect("web:meeting_detail", meeting_id=meeting_id)
    return _page(request, actor, view, status=400, decision_form=form)


@require_POST
@with_actor
def meeting_action_item_add(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    view = _view(request, actor, meeting_id)
    form = ActionItemForm(request.POST, view=view, staff=staff_choices(actor))
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: action_items.action_item_add(
                actor=actor, meeting_id=meeting_id, **form.item_fields()
            ),
            shown=every_refusal,
        ).ok
    ):
        messages.success(request, _("The action item was added."))
        return redirect("web:meeting_detail", meeting_id=meeting_id)
    return _page(request, actor, view, status=400, action_item_form=form)


def _not_forbidden(exc: HelhetError) -> bool:
    """A participant the organisation does not know is said so on the form, with what was
    typed; only the organiser may add participants, and anyone else gets the 403 page."""
    return exc.status_code != 403


@require_POST
@with_actor
def meeting_participant_add(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    view = _view(request, actor, meeting_id)
    form = ParticipantForm(
        request.POST,
        view=view,
        organisations=organisations_list(municipality_id=view.meeting.municipality_id),
    )
    if (
        form.is_valid()
        and attempt(
            form,
            lambda: services.participant_add(
                actor=actor, meeting_id=meeting_id, **form.participant_fields()
            ),
            shown=_not_forbidden,
        ).ok
    ):
        messages.success(request, _("The participant was added."))
        return redirect("web:meeting_detail", meeting_id=meeting_id)
    return _page(request, actor, view, status=400, participant_form=form)


_ATTENDED = {"yes": True, "no": False, "": None}


@require_POST
@with_actor
def meeting_attendance(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    attendance: dict[int, bool | None] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        if key.startswith("attended-") and key[9:].isdigit() and value in _ATTENDED:
            attendance[int(key[9:])] = _ATTENDED[value]
    services.attendance_record(actor=actor, meeting_id=meeting_id, attendance=attendance)
    messages.success(request, _("Attendance was recorded."))
    return redirect("web:meeting_detail", meeting_id=meeting_id)


@with_actor
def meeting_invite(request: HttpRequest, actor: Actor, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_invite_for(
        actor=actor, meeting_id=meeting_id, channel=Channel.EXPORT, through=through(request)
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
