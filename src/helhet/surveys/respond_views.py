"""The respondent's questionnaire at the personal link ``/s/<token>/``: no login, one
respondent, save to come back, submit once.

The page is never cached (the link is the key), and the token never appears in anything the
page links to.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from helhet.core.errors import HelhetError
from helhet.core.web import error_page
from helhet.surveys import answering
from helhet.surveys.answering import Questionnaire
from helhet.surveys.forms import SCALE_LABELS, answers_from

ACTION_SAVE = "save"
ACTION_SUBMIT = "submit"


def _page(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    answers: dict[int, int],
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = get_language()
    rows = [
        {
            "item": item,
            "text": item.text_in(language),
            "name": f"item-{item.pk}",
            "value": answers.get(item.pk),
        }
        for item in questionnaire.items
    ]
    return render(
        request,
        "surveys/respond.html",
        {
            "questionnaire": questionnaire,
            "round": questionnaire.round,
            "rows": rows,
            "scale": list(SCALE_LABELS.items()),
            "errors": errors or [],
            "answered_count": len(answers),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def survey_respond(request: HttpRequest, token: str) -> HttpResponse:
    try:
        questionnaire = answering.questionnaire_open(token=token)
    except HelhetError as exc:
        return error_page(request, exc)
    if questionnaire.answered:
        return render(
            request,
            "surveys/respond_done.html",
            {"round": questionnaire.round},
            status=409 if request.method == "POST" else 200,
        )
    if request.method != "POST":
        return _page(request, questionnaire, answers=questionnaire.draft)
    answers, bad = answers_from(request.POST, questionnaire.items)
    if bad:
        return _page(
            request,
            questionnaire,
            answers=answers,
            errors=[_("Choose one of the five answers for each statement you answer.")],
            status=400,
        )
    action = request.POST.get("action", ACTION_SAVE)
    try:
        if action == ACTION_SUBMIT:
            answering.answers_submit(token=token, answers=answers)
        else:
            answering.answers_save(token=token, answers=answers)
    except HelhetError as exc:
        if exc.status_code != 400:
            return error_page(request, exc)
        return _page(request, questionnaire, answers=answers, errors=[_(exc.message)], status=400)
    if action == ACTION_SUBMIT:
        return render(
            request, "surveys/respond_done.html", {"round": questionnaire.round, "fresh": True}
        )
    # Post/redirect/get: the saved answers are shown from the draft, and a reload does not
    # send them again.
    return redirect(request.path + "?saved=1")
