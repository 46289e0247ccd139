"""The web side of the kernel: the actor guard, the domain-error page and ``attempt()``.

The kernel imports no app, so the actor of a request is found through the resolver named by
``settings.HELHET_ACTOR_RESOLVER`` (tenancy provides it), the way Django finds its user model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, wraps
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from helhet.core.errors import HelhetError, NotFound, ValidationFailed

if TYPE_CHECKING:
    from django import forms

    from helhet.tenancy.actor import Actor

T = TypeVar("T")
View = Callable[..., HttpResponse]


@cache
def _actor_resolver() -> Callable[[HttpRequest], Actor | None]:
    return import_string(settings.HELHET_ACTOR_RESOLVER)


def current_actor(request: HttpRequest) -> Actor | None:
    """The acting membership of a logged-in request, or None."""
    return _actor_resolver()(request)


def with_actor(view: Callable[..., HttpResponse]) -> View:
    """Log-in required; passes the acting membership as ``actor``; shows domain errors."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        actor = current_actor(request)
        if actor is None:
            return render(request, "web/no_membership.html", status=403)
        try:
            return view(request, actor, *args, **kwargs)
        except HelhetError as exc:
            return error_page(request, exc)

    return wrapper


def error_page(request: HttpRequest, exc: HelhetError) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"message": exc.message, "code": exc.code, "status": exc.status_code},
        status=exc.status_code,
    )


def through(request: HttpRequest) -> str:
    """What the access log records as the door a read came through: method and view name."""
    match = request.resolver_match
    return f"{request.method} {match.view_name if match else request.path}"


# Which refusals are shown on the form (with what was typed) rather than on the error page.
def input_errors(exc: HelhetError) -> bool:
    """Only refusals of the input itself (400): a 403 or 404 goes on to the error page."""
    return exc.status_code == 400


def all_but_not_found(exc: HelhetError) -> bool:
    """Every refusal but "not found", which must look the same as a thing that is not there."""
    return not isinstance(exc, NotFound)


def every_refusal(exc: HelhetError) -> bool:
    return True


def of_kinds(*kinds: type[HelhetError]) -> Callable[[HelhetError], bool]:
    def shown(exc: HelhetError) -> bool:
        return isinstance(exc, kinds)

    return shown


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What became of a service call run for a form."""

    value: T | None = None
    error: HelhetError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def status(self) -> int:
        """The status to answer with: 200, or the refusal's (400 for any invalid input)."""
        if self.error is None:
            return 200
        return 400 if isinstance(self.error, ValidationFailed) else self.error.status_code


def show_on_form(form: forms.BaseForm, exc: HelhetError) -> None:
    """Put a domain error on the form: beside the visible field it names (``details["field"]``,
    an ``_id`` suffix dropped), else above the form, where a hidden field's error would be
    seen by no one."""
    named = str(exc.details.get("field", "")).removesuffix("_id")
    visible = named in form.fields and not form.fields[named].widget.is_hidden
    field = named if visible else None
    form.add_error(field, _(exc.message))


def attempt(
    form: forms.BaseForm,
    call: Callable[[], T],
    *,
    shown: Callable[[HelhetError], bool] = input_errors,
) -> Attempt[T]:
    """Run a service call for a submitted form.

    A refusal that ``shown`` accepts becomes a form error, so the page is shown again with
    what was typed and nothing is lost; any other domain error goes on to the error page.
    """
    try:
        return Attempt(value=call())
    except HelhetError as exc:
        if not shown(exc):
            raise
        show_on_form(form, exc)
        return Attempt(error=exc)


__all__ = [
    "Attempt",
    "all_but_not_found",
    "attempt",
    "current_actor",
    "error_page",
    "every_refusal",
    "input_errors",
    "of_kinds",
    "show_on_form",
    "through",
    "with_actor",
]
