"""Who may change a coding project: its creator and its named members, as long as they use the
observatory. Every observatory user of the municipality reads the projects (``selectors``)."""

from __future__ import annotations

from helhet.observatory.policies import can_use_observatory
from helhet.qualitative.errors import NotProjectEditor
from helhet.qualitative.models import Project
from helhet.tenancy.actor import Actor


def can_edit_project(actor: Actor, project: Project) -> bool:
    if not can_use_observatory(actor) or project.municipality_id != actor.municipality_id:
        return False
    if project.created_by_id == actor.user.pk:
        return True
    return project.members.filter(pk=actor.user.pk).exists()


def require_project_editor(actor: Actor, project: Project) -> None:
    if not can_edit_project(actor, project):
        raise NotProjectEditor()
