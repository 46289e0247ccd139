from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helhet.audit.export import access_report_csv
from helhet.audit.models import Channel
from helhet.consent import provenance, selectors, services
from helhet.consent.access_log import person_access_log_for
from helhet.consent.forms import ConsentForm, WithdrawForm
from helhet.consent.models import ConsentMethod
from helhet.consent.selectors import provenance_text
from helhet.core.errors import ValidationFailed
from helhet.core.web import through, with_actor
from helhet.tenancy.actor import Actor
from helhet.tenancy.selectors import organisations_list


def _form_errors(form: ConsentForm, exc: ValidationFailed) -> None:
    """Put a refusal on the form: a detail is either a sentence for its field, or a code
    (``{"document": "required"}``), for which the exception's own message is shown."""
    fields = {"file": "document", "document_id": "document", "witness_id": "witness"}
    shown: set[tuple[str | None, str]] = set()
    for key, detail in (exc.details or {"": ""}).items():
        field = fields.get(key, key)
        text = _(str(detail)) if " " in str(detail) else exc.message
        target = field if field in form.fields else None
        if (target, text) not in shown:
            shown.add((target, text))
            form.add_error(target, text)


@with_actor
def person_consents(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    history = selectors.consents_for_person(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    form = ConsentForm(
        request.POST or None,
        request.FILES or None,
        person=history.person,
        givers=history.givers,
        organisations=organisations_list(municipality_id=history.person.municipality_id),
        witnesses=provenance.witnesses_for(actor),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_id = None
            upload = data.get("document")
            if data["method"] == ConsentMethod.WRITTEN and upload is not None:
                document_id = provenance.consent_document_upload_for(
                    actor=actor,
                    person_id=person_id,
                    file_name=upload.name or "",
                    content=upload.read(),
                ).pk
            provenance.consent_record_for(
                actor=actor,
                person_id=person_id,
                given_by_id=data["given_by"].pk,
                organisation_ids=[o.pk for o in data["organisations"]],
                categories=data["categories"],
                purpose=data["purpose"],
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                method=data["method"],
                document_id=document_id,
                witness_id=data["witness"].pk if data.get("witness") else None,
            )
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("The consent was recorded and is in effect.")
                if data["method"] == ConsentMethod.WRITTEN
                else _("The consent was recorded. It takes effect when the witness confirms it."),
            )
            return redirect("web:person_consents", person_id=person_id)
    return render(
        request,
        "consent/person_consents.html",
        {
            "history": history,
            "person": history.person,
            "form": form,
            "withdraw_form": WithdrawForm(),
            "provenance": {c.pk: provenance_text(c) for c in history.consents},
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


@with_actor
def consent_document(request: HttpRequest, actor: Actor, document_id: int) -> HttpResponse:
    """The signed form, opened in the browser; the read is logged."""
    document, content = selectors.consent_document_open_for(
        actor=actor, document_id=document_id, channel=Channel.EXPORT, through=through(request)
    )
    response = HttpResponse(content, content_type=document.content_type)
    response["Content-Disposition"] = f'inline; filename="samtykke-{document.pk}"'
    response["Cache-Control"] = "no-store"
    return response


@with_actor
def consent_letter(request: HttpRequest, actor: Actor, consent_id: int) -> HttpResponse:
    """A printable confirmation of a consent, to hand or post to the person."""
    from helhet.consent.letter import consent_letter_pdf

    consent = selectors.consent_get_for(
        actor=actor, consent_id=consent_id, channel=Channel.EXPORT, through=through(request)
    )
    response = HttpResponse(consent_letter_pdf(consent), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="samtykke-kvittering-{consent.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@with_actor
def consent_witness(request: HttpRequest, actor: Actor, consent_id: int) -> HttpResponse:
    """The named witness confirms (or declines) an oral consent in their own session."""
    consent = selectors.consent_for_witness(
        actor=actor, consent_id=consent_id, channel=Channel.WEB, through=through(request)
    )
    if request.method == "POST":
        if request.POST.get("decision") == "decline":
            provenance.consent_witness_decline(
                actor=actor, consent_id=consent_id, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("You declined. The consent will not take effect."))
        else:
            provenance.consent_witness_confirm(actor=actor, consent_id=consent_id)
            messages.success(request, _("You confirmed the consent. It is now in effect."))
        return redirect("web:consent_witness_list")
    return render(request, "consent/consent_witness.html", {"consent": consent})


@with_actor
def consent_witness_list(request: HttpRequest, actor: Actor) -> HttpResponse:
    consents = selectors.consents_awaiting_witness_for(
        actor=actor, channel=Channel.WEB, through=through(request)
    )
    return render(request, "consent/consent_witness_list.html", {"consents": consents})


@with_actor
def person_access_log(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    log = person_access_log_for(
        actor=actor, person_id=person_id, channel=Channel.WEB, through=through(request)
    )
    return render(
        request, "consent/person_access_log.html", {"events": log.events, "person": log.person}
    )


@with_actor
def person_access_report(request: HttpRequest, actor: Actor, person_id: int) -> HttpResponse:
    log = person_access_log_for(
        actor=actor, person_id=person_id, channel=Channel.EXPORT, through=through(request)
    )
    return access_report_csv(log.events, filename=f"access-report-{person_id}.csv")
