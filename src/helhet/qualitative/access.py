"""The edit check shared by the writing modules of the app."""

from __future__ import annotations

from helhet.qualitative import selectors
from helhet.qualitative.errors import NotProjectEditor
from helhet.qualitative.models import Project
from helhet.tenancy.actor import Actor


def project_for_edit(actor: Actor, project_id: int) -> Project:
    """The project, locked, if the actor may edit it: 404 outside the municipality (403 for
    someone outside the observatory), 403 for an observatory user who is not a member."""
    project = selectors.project_get(actor=actor, project_id=project_id)
    if not selectors.project_can_edit(actor=actor, project=project):
        raise NotProjectEditor()
    return Project.objects.select_for_update().get(pk=project.pk)
