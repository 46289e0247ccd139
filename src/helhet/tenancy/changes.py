"""The change log, as tenancy writes it.

Tenancy sits below the audit trail (the log review reads organisations, roles and managers),
so it does not import ``helhet.audit``: the recorder is the function named by
``settings.HELHET_CHANGE_RECORDER`` (``helhet.audit.services.change_record``), the way the
kernel finds tenancy's actor resolver. It is called in the caller's transaction, like
``change_record`` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db import models

    from helhet.tenancy.actor import Actor


@cache
def _recorder() -> Callable[..., object]:
    return import_string(settings.HELHET_CHANGE_RECORDER)


def record_change(
    *,
    actor: Actor | None,
    action: str,
    instance: models.Model,
    changes: Mapping[str, Any] | None = None,
    municipality_id: int | None = None,
    user: AbstractBaseUser | None = None,
) -> None:
    """Log a change to tenancy's data (see ``audit.services.change_record``)."""
    _recorder()(
        actor=actor,
        action=action,
        instance=instance,
        changes=changes,
        municipality_id=municipality_id,
        user=user,
    )
