"""Assembles the REST API from each app's router and maps errors to 4xx JSON bodies.

Every error body has the same shape: ``{"message": str, "code": str, "details": {...}}``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema

from helhet.agreements.api import router as agreements_router
from helhet.audit.api import router as audit_router
from helhet.audit.review_api import router as review_router
from helhet.consent.api import router as consent_router
from helhet.core.api import SessionActorAuth, TokenAuth
from helhet.core.catalogue import add_error_catalogue
from helhet.core.errors import HelhetError
from helhet.meetings.api import router as meetings_router
from helhet.networks.api import router as networks_router
from helhet.notifications.api import router as notifications_router
from helhet.observatory.api import router as observatory_router
from helhet.people.api import router as people_router
from helhet.plans.api import router as plans_router
from helhet.qualitative.api import router as qualitative_router
from helhet.referrals.api import router as referrals_router
from helhet.registry.api import router as registry_router
from helhet.relations.api import router as relations_router
from helhet.surveys.api import router as surveys_router
from helhet.synthesis.api import router as synthesis_router
from helhet.tenancy.api import router as tenancy_router
from helhet.transitions.api import router as transitions_router
from helhet.volunteering.api import router as volunteering_router

logger = logging.getLogger(__name__)


class HelhetAPI(NinjaAPI):
    """The API, whose OpenAPI document also lists every error code an answer can carry."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_error_catalogue(schema)
        return schema


api = HelhetAPI(
    title="Helhet API",
    version="1",
    description=(
        "Cross-agency collaboration in local welfare services. Every read of personal data is "
        "checked against the access policy (role, involvement, consent) and logged."
    ),
    auth=[TokenAuth(), SessionActorAuth()],
    urls_namespace="api",
)
api.add_router("/", tenancy_router)
api.add_router("/", people_router)
api.add_router("/", consent_router)
api.add_router("/", audit_router)
api.add_router("/", review_router)
api.add_router("/", plans_router)
api.add_router("/", meetings_router)
api.add_router("/", referrals_router)
api.add_router("/", transitions_router)
api.add_router("/", notifications_router)
api.add_router("/", networks_router)
api.add_router("/", agreements_router)
api.add_router("/", volunteering_router)
api.add_router("/", observatory_router)
api.add_router("/", surveys_router)
api.add_router("/", relations_router)
api.add_router("/", registry_router)
api.add_router("/", qualitative_router)
api.add_router("/", synthesis_router)


def _body(
    message: str, code: str, details: Mapping[str, object] | None = None
) -> dict[str, object]:
    return {"message": message, "code": code, "details": dict(details or {})}


@api.exception_handler(HelhetError)
def on_domain_error(request: HttpRequest, exc: HelhetError) -> HttpResponse:
    return api.create_response(
        request, _body(gettext(exc.message), exc.code, exc.details), status=exc.status_code
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return api.create_response(
        request,
        _body("The request is not valid.", "invalid", {"errors": exc.errors}),
        status=422,
    )


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, _body("; ".join(exc.messages), "invalid", details), status=400
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request,
        _body(
            "Log in, or send a valid API token as 'Authorization: Bearer <token>'.",
            "not_authenticated",
        ),
        status=401,
    )


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, _body("Not found.", "not_found"), status=404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(
        request, _body(str(exc.message), "http_error"), status=exc.status_code
    )
