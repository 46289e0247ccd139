"""Shared pieces for the web views: the actor guard and the domain-error page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from helhet.errors import HelhetError
from helhet.tenancy.actor import Actor
from helhet.tenancy.middleware import current_actor

View = Callable[..., HttpResponse]


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
    match = request.resolver_match
    return f"{request.method} {match.view_name if match else request.path}"


__all__ = ["Actor", "error_page", "through", "with_actor"]
