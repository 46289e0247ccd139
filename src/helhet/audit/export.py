"""Turning access events into a file a person can be given."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from helhet.audit.models import AccessEvent

COLUMNS = ["when", "who", "organisation", "role", "categories", "through", "outcome", "reason"]


def access_report_csv(events: Iterable[AccessEvent], *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for e in events:
        writer.writerow(
            [
                timezone.localtime(e.at).isoformat(timespec="seconds"),
                e.username,
                e.organisation_name,
                e.role,
                " ".join(e.categories),
                f"{e.channel}: {e.through}",
                e.outcome,
                e.reason,
            ]
        )
    return response
