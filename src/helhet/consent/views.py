from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.models import Channel
from helhet.consent import selectors, services
from helhet.consent.errors import ConsentInvalid
from helhet.consent.forms import ConsentForm, WithdrawForm
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list
from helhet.web.decorators import through, with_actor


@with_actor
def person_consents(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    history = selectors.consents_for_person(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    form = ConsentForm(
        request.POST or None,
        person=history.person,
        givers=history.givers,
        organisations=organisations_list(municipality_id=history.person.municipality_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_record_for(
                actor=actor,
                person_id=person_id,
                given_by_id=data["given_by"].pk,
                organisation_ids=[o.pk for o in data["organisations"]],
                categories=data["categories"],
                purpose=data["purpose"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                method=data["method"],
            )
        except ConsentInvalid as exc:
            for field, message in exc.details.items():
                form.add_error(field if field in form.fields else None, _(message))
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("web:person_consents", person_id=person_id)
    return render(
        request,
        "consent/person_consents.html",
        {
            "history": history,
            "person": history.person,
            "form": form,
            "withdraw_form": WithdrawForm(),
            "today": timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@with_actor
def consent_withdraw(request: HttpRequest, actor: Actor, consent_id: int) -> HttpResponse:
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    consent = services.consent_withdraw(actor=actor, consent_id=consent_id, reason=reason)
    messages.success(request, _("The consent was withdrawn. It no longer covers any sharing."))
    return redirect("web:person_consents", person_id=consent.person_id)
