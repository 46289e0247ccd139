"""Min side's pages. Thin: parse, call one selector or service, render."""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helhet.audit.models import Channel
from helhet.consent.policies import category_label
from helhet.core.errors import HelhetError
from helhet.core.web import attempt, every_refusal, through
from helhet.people.models import Person
from helhet.portal import oidc, selectors, services
from helhet.portal import session as person_session
from helhet.portal.access_log import LogFilter, access_log_for
from helhet.portal.data_copy import data_copy_for
from helhet.portal.errors import AssuranceTooLow, SignInFailed
from helhet.portal.forms import ConsentGiveForm, LogFilterForm, TextForm
from helhet.portal.ics import meeting_ics_for_person
from helhet.portal.pdf import data_copy_pdf, plan_pdf_for_person
from helhet.portal.policies import Subject
from helhet.portal.session import PersonSession

LOG_PAGE_SIZE = 25


def _private(response: HttpResponse) -> HttpResponse:
    """No caching of personal pages, and forms may post on to ID-porten (sign-out)."""
    response["Cache-Control"] = "no-store, private"
    response._csp_update = {"form-action": [oidc.issuer_origin()]}  # type: ignore[attr-defined]
    return response


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return _private(render(request, template, context, status=status))


def _error(request: HttpRequest, exc: HelhetError) -> HttpResponse:
    return _page(
        request,
        "portal/error.html",
        {"message": exc.message, "status": exc.status_code},
        status=exc.status_code,
    )


PersonView = Callable[..., HttpResponse]


def with_person(view: PersonView) -> Callable[..., HttpResponse]:
    """A person signed in through ID-porten (and not idle too long); passes the signer and,
    for views with ``person_id``, the subject they may see (or a neutral 404)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        current = person_session.current(request)
        if current is None:
            return redirect("portal:start")
        if current.person_id is None:
            return redirect("portal:nothing")
        try:
            signer = selectors.signer_get(current.person_id)
            if "person_id" in kwargs:
                subject = selectors.subject_get(
                    signer=signer, person_id=kwargs.pop("person_id"), through=through(request)
                )
                response = view(request, current, subject, *args, **kwargs)
            else:
                response = view(request, current, signer, *args, **kwargs)
        except HelhetError as exc:
            return _error(request, exc)
        return _private(response)

    return wrapper


# --- Signing in and out --------------------------------------------------------------------


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    current = person_session.current(request)
    if current is None:
        return _page(
            request,
            "portal/sign_in.html",
            {"timed_out": person_session.timed_out(request)},
        )
    if current.person_id is None:
        return redirect("portal:nothing")
    return _start_signed_in(request)


@with_person
def _start_signed_in(request: HttpRequest, current: PersonSession, signer: Person) -> HttpResponse:
    subjects = selectors.start_for(signer=signer, through="GET portal:start")
    return render(
        request, "portal/start.html", {"signer": signer, "subjects": subjects, "acr": current.acr}
    )


@require_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    try:
        return _private(oidc.begin(request))
    except SignInFailed as exc:
        return _error(request, exc)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    try:
        identity = oidc.complete(request)
    except (SignInFailed, AssuranceTooLow) as exc:
        return _page(
            request,
            "portal/sign_in_failed.html",
            {"message": exc.message, "too_low": isinstance(exc, AssuranceTooLow)},
            status=exc.status_code,
        )
    person = Person.objects.filter(national_id=identity.pid).only("pk").first()
    person_session.sign_in(
        request,
        person_id=person.pk if person else None,
        acr=identity.acr,
        id_token=identity.id_token,
    )
    return redirect("portal:start" if person else "portal:nothing")


@require_GET
def nothing(request: HttpRequest) -> HttpResponse:
    """Signed in, and Helhet holds nothing about the person: one neutral page, whatever the
    reason (no leak of whether the number is known anywhere)."""
    current = person_session.current(request)
    if current is None:
        return redirect("portal:start")
    if current.person_id is not None:
        return redirect("portal:start")
    return _page(request, "portal/nothing.html", {"signed_in": True})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the person's session here, then at ID-porten (its end_session_endpoint)."""
    id_token = person_session.sign_out(request)
    url = oidc.logout_url(request, id_token) if id_token else None
    return _private(redirect(url or "portal:signed_out"))


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return _page(request, "portal/signed_out.html", {})


# --- Whose data ----------------------------------------------------------------------------


@with_person
def home(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    selectors.overview_for(subject=subject, through=through(request))
    return render(request, "portal/home.html", {"subject": subject})


# --- Consents ------------------------------------------------------------------------------


@with_person
def consents(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    organisations, categories = selectors.consent_choices(subject)
    form = ConsentGiveForm(request.POST or None, organisations=organisations, categories=categories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        given = attempt(
            form,
            lambda: services.consent_give(
                subject=subject,
                acr=current.acr,
                organisation_ids=[int(o) for o in data["organisations"]],
                categories=data["categories"],
                purpose=data["purpose"],
                valid_until=data["valid_until"],
            ),
            shown=every_refusal,
        )
        if given.ok:
            messages.success(request, _("Your consent is given and in effect now."))
            return redirect("portal:consents", person_id=subject.person.pk)
    rows = selectors.consents_for(subject=subject, through=through(request))
    return render(
        request,
        "portal/consents.html",
        {"subject": subject, "rows": rows, "form": form, "can_give": bool(categories)},
    )


@require_POST
@with_person
def consent_withdraw(
    request: HttpRequest, current: PersonSession, subject: Subject, consent_id: int
) -> HttpResponse:
    services.consent_withdraw(subject=subject, consent_id=consent_id)
    messages.success(request, _("The consent is withdrawn. Nothing more is shared under it."))
    return redirect("portal:consents", person_id=subject.person.pk)


# --- The plan ------------------------------------------------------------------------------


@with_person
def plan(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    plans = selectors.plans_for(subject=subject, through=through(request))
    return render(request, "portal/plan.html", {"subject": subject, "plans": plans})


def _text_or_message(request: HttpRequest) -> str | None:
    form = TextForm(request.POST)
    if form.is_valid():
        return str(form.cleaned_data["text"])
    messages.error(request, _("Write something first (4000 characters at most)."))
    return None


@require_POST
@with_person
def plan_goal_add(
    request: HttpRequest, current: PersonSession, subject: Subject, plan_id: int
) -> HttpResponse:
    text = _text_or_message(request)
    if text is not None:
        services.goal_write(subject=subject, plan_id=plan_id, text=text)
        messages.success(request, _("Your goal is added to the plan."))
    return redirect("portal:plan", person_id=subject.person.pk)


@require_POST
@with_person
def plan_goal_edit(
    request: HttpRequest, current: PersonSession, subject: Subject, goal_id: int
) -> HttpResponse:
    text = _text_or_message(request)
    if text is not None:
        services.goal_edit(subject=subject, goal_id=goal_id, text=text)
        messages.success(request, _("Your goal is saved."))
    return redirect("portal:plan", person_id=subject.person.pk)


@require_POST
@with_person
def plan_goal_comment(
    request: HttpRequest, current: PersonSession, subject: Subject, goal_id: int
) -> HttpResponse:
    text = _text_or_message(request)
    if text is not None:
        services.goal_comment(subject=subject, goal_id=goal_id, text=text)
        messages.success(request, _("Your comment is added."))
    return redirect("portal:plan", person_id=subject.person.pk)


@with_person
def plan_pdf(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    plans = selectors.plans_for(subject=subject, through=through(request), channel=Channel.EXPORT)
    response = HttpResponse(plan_pdf_for_person(subject, plans), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="plan.pdf"'
    return response


# --- Meetings ------------------------------------------------------------------------------


@with_person
def meetings(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    rows = selectors.meetings_for(subject=subject, through=through(request))
    return render(request, "portal/meetings.html", {"subject": subject, "rows": rows})


@require_POST
@with_person
def meeting_answer(
    request: HttpRequest, current: PersonSession, subject: Subject, meeting_id: int
) -> HttpResponse:
    services.meeting_answer(
        subject=subject, meeting_id=meeting_id, answer=request.POST.get("answer", "")
    )
    messages.success(request, _("Your answer is sent."))
    return redirect("portal:meetings", person_id=subject.person.pk)


@require_POST
@with_person
def meeting_topic(
    request: HttpRequest, current: PersonSession, subject: Subject, meeting_id: int
) -> HttpResponse:
    text = _text_or_message(request)
    if text is not None:
        services.meeting_topic_add(subject=subject, meeting_id=meeting_id, text=text)
        messages.success(request, _("Your topic is added to the meeting."))
    return redirect("portal:meetings", person_id=subject.person.pk)


@with_person
def meeting_ics(
    request: HttpRequest, current: PersonSession, subject: Subject, meeting_id: int
) -> HttpResponse:
    meeting = selectors.meeting_get(
        subject=subject, meeting_id=meeting_id, through=through(request), channel=Channel.EXPORT
    )
    response = HttpResponse(
        meeting_ics_for_person(meeting, subject), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


# --- The access log ------------------------------------------------------------------------


def _log_filters(request: HttpRequest, subject: Subject) -> tuple[LogFilterForm, LogFilter]:
    from helhet.audit.models import AccessEvent

    organisations = sorted(
        set(
            AccessEvent.objects.filter(person=subject.person, organisation_id__isnull=False)
            .values_list("organisation_id", "organisation_name")
            .distinct()
        ),
        key=lambda o: o[1],
    )
    categories = [(c, category_label(c)) for c in sorted(subject.categories)]
    form = LogFilterForm(request.GET or None, organisations=organisations, categories=categories)
    filters = LogFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = LogFilter(
            organisation_id=data["organisation"],
            category=data["category"] or "",
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    return form, filters


@with_person
def access_log(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    form, filters = _log_filters(request, subject)
    log = access_log_for(subject=subject, through=through(request), filters=filters)
    page = Paginator(log.lines, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/access_log.html",
        {
            "subject": subject,
            "form": form,
            "page": page,
            "total": len(log.lines),
            "query": query.urlencode(),
        },
    )


@with_person
def access_log_csv(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    _form, filters = _log_filters(request, subject)
    log = access_log_for(
        subject=subject, through=through(request), filters=filters, channel=Channel.EXPORT
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="access-log.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("When"),
            _("Who"),
            _("Organisation"),
            _("Information"),
            _("Through"),
            _("Outcome"),
            _("In words"),
        ]
    )
    for line in log.lines:
        writer.writerow(
            [
                timezone.localtime(line.event.at).isoformat(timespec="seconds"),
                line.who,
                line.organisation,
                "; ".join(line.what),
                line.where,
                line.event.get_outcome_display(),
                line.sentence(),
            ]
        )
    return response


# --- A copy of my data ---------------------------------------------------------------------


@with_person
def data(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    return render(request, "portal/data.html", {"subject": subject})


@with_person
def data_json(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    copy = data_copy_for(subject=subject, through=through(request))
    response = JsonResponse(copy, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@with_person
def data_pdf(request: HttpRequest, current: PersonSession, subject: Subject) -> HttpResponse:
    copy = data_copy_for(subject=subject, through=through(request))
    response = HttpResponse(data_copy_pdf(copy), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-data.pdf"'
    return response
