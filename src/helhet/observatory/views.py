"""The observatory's pages: its landing page and the coordination analysis (seed 004).

An analysis is computed once and kept in the user's session (the last few), so that its
page, chart and exports show the very same intervals even without a seed, and an uploaded
file need not be kept anywhere.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from helhet.core.errors import ValidationFailed
from helhet.core.web import attempt, of_kinds, with_actor
from helhet.observatory import selectors
from helhet.observatory.coordination import CoordinationResult
from helhet.observatory.errors import AnalysisNotFound, SurveyFileInvalid
from helhet.observatory.forms import SOURCE_FILE, CoordinationForm
from helhet.observatory.labels import statistic_label
from helhet.observatory.policies import require_observatory
from helhet.observatory.survey_file import MAX_BYTES, Survey, decode_survey_file
from helhet.observatory.tools import available_tools
from helhet.tenancy.actor import Actor

SESSION_KEY = "observatory.coordination"
KEPT = 5
# A file larger than this is not put back into the text box after an error.
ECHO_LIMIT = 1024 * 1024


@with_actor
def observatory_home(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    return render(request, "observatory/home.html", {"tools": available_tools()})


def _source_label(actor: Actor, form: CoordinationForm) -> str:
    data = form.cleaned_data
    if data["source"] == SOURCE_FILE:
        upload = data.get("file")
        if upload:
            return _("Survey file %(name)s") % {"name": upload.name}
        return _("Survey file (pasted)")
    where = (
        _("all municipalities")
        if data["scope"] == selectors.Scope.ALL
        else actor.organisation.municipality.name
    )
    since = data.get("since")
    if since:
        return _("Volunteering module, %(where)s, who coordinated on or after %(since)s") % {
            "where": where,
            "since": since.isoformat(),
        }
    return _("Volunteering module, %(where)s, standing coordinators") % {"where": where}


def _keep(request: HttpRequest, actor: Actor, result: CoordinationResult, source: str) -> str:
    kept: dict[str, Any] = dict(request.session.get(SESSION_KEY) or {})
    token = secrets.token_urlsafe(9)
    kept[token] = {
        "result": result.as_stored(),
        "source": source,
        "made": timezone.now().isoformat(),
        # Shown only while acting through the membership that ran it (its municipality).
        "membership": actor.membership.pk,
    }
    for old in sorted(kept, key=lambda t: kept[t]["made"])[:-KEPT]:
        del kept[old]
    request.session[SESSION_KEY] = kept
    return token


def _kept(request: HttpRequest, actor: Actor, token: str) -> tuple[CoordinationResult, str]:
    entry = (request.session.get(SESSION_KEY) or {}).get(token)
    if entry is None or entry.get("membership") != actor.membership.pk:
        raise AnalysisNotFound()
    return CoordinationResult.from_stored(entry["result"]), str(entry["source"])


@with_actor
def coordination(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_observatory(actor)
    today = timezone.localdate()
    if request.method != "POST":
        return render(
            request,
            "observatory/coordination_form.html",
            {"form": CoordinationForm(today=today)},
        )
    form = CoordinationForm(request.POST, request.FILES, today=today)
    problems: SurveyFileInvalid | None = None
    if form.is_valid():
        data = form.cleaned_data
        done = attempt(
            form,
            lambda: selectors.coordination_analysis(
                actor=actor,
                survey=_survey(actor, form),
                replications=data["replications"],
                confidence=data["confidence"],
                seed=data["seed"],
            ),
            shown=of_kinds(ValidationFailed),
        )
        if done.value is not None:
            token = _keep(request, actor, done.value, _source_label(actor, form))
            return redirect("web:observatory_coordination_result", token=token)
        if isinstance(done.error, SurveyFileInvalid):
            problems = done.error
            kept = _with_text_kept(request, form, today)
            if kept is not form:
                kept.add_error(None, _(done.error.message))
            form = kept
    return render(
        request,
        "observatory/coordination_form.html",
        {"form": form, "problems": problems},
        status=400,
    )


def _survey(actor: Actor, form: CoordinationForm) -> Survey:
    data = form.cleaned_data
    if data["source"] == SOURCE_FILE:
        upload = data.get("file")
        content: bytes | str = upload.read(MAX_BYTES + 1) if upload else data["text"]
        return selectors.coordination_survey_from_file(actor=actor, data=content)
    return selectors.coordination_survey_from_volunteering(
        actor=actor, scope=data["scope"], since=data.get("since")
    )


def _with_text_kept(request: HttpRequest, form: CoordinationForm, today: date) -> CoordinationForm:
    """The form again, with an uploaded file's text in the text box: the user corrects the
    lines named and sends it again, instead of losing what was sent."""
    upload = form.cleaned_data.get("file")
    if not upload or upload.size > ECHO_LIMIT:
        return form
    upload.seek(0)
    try:
        text = decode_survey_file(upload.read())
    except SurveyFileInvalid:
        return form
    data = request.POST.copy()
    data["text"] = text
    kept = CoordinationForm(data, today=today)
    kept.is_valid()
    return kept


def _rows(result: CoordinationResult) -> list[dict[str, Any]]:
    return [{"statistic": s, "label": statistic_label(s.name)} for s in result.statistics]


@with_actor
def coordination_result(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    require_observatory(actor)
    result, source = _kept(request, actor, token)
    rows = _rows(result)
    return render(
        request,
        "observatory/coordination_result.html",
        {
            "token": token,
            "result": result,
            "source": source,
            "shares": [r for r in rows if not r["statistic"].is_contrast],
            "contrasts": [r for r in rows if r["statistic"].is_contrast],
            "percent": f"{result.confidence * 100:g}",
        },
    )


# matplotlib writes style attributes into its SVG; this response alone may use them. It is
# an image (no script runs in an <img>), and script-src stays 'self'.
@csp_replace({"style-src": [SELF, UNSAFE_INLINE]})
@with_actor
def coordination_chart(request: HttpRequest, actor: Actor, token: str) -> HttpResponse:
    from helhet.observatory.chart import coordination_chart_svg

    require_observatory(actor)
    result, _source = _kept(request, actor, token)
    return HttpResponse(coordination_chart_svg(result), content_type="image/svg+xml")


@with_actor
def coordination_export(request: HttpRequest, actor: Actor, token: str, fmt: str) -> HttpResponse:
    from helhet.observatory.exports import coordination_csv, coordination_xlsx

    require_observatory(actor)
    result, source = _kept(request, actor, token)
    if fmt == "xlsx":
        response = HttpResponse(
            coordination_xlsx(result, source=source),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(coordination_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coordination-{token}.{fmt}"'
    return response
