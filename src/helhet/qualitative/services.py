"""Writes for coding projects: projects and their members, sites, sources and memos.

The code book is in ``codebook``, coding text in ``coding`` and taking meeting minutes in
``minutes``. Every write checks ``require_observatory`` and (except creating a project)
that the actor may edit the project, and records a change-log row in its transaction. Source
texts are not copied into the change log: it records their title, kind and length.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.audit.services import change_record
from helhet.core.text import clean_text
from helhet.networks.models import Network
from helhet.observatory.policies import require_observatory
from helhet.qualitative import selectors
from helhet.qualitative.codebook import seed_constructs
from helhet.qualitative.errors import CodingInvalid, SourceFileRefused
from helhet.qualitative.models import Memo, Project, Site, Source, SourceKind
from helhet.qualitative.text import MAX_FILE_BYTES, MAX_TEXT_CHARS, decode_upload, normalise
from helhet.tenancy.actor import Actor


def _required(value: str, field: str, message: str) -> str:
    value = clean_text(value)
    if not value:
        raise CodingInvalid(message, details={"field": field})
    return value


@transaction.atomic
def project_create(*, actor: Actor, title: str, description: str = "") -> Project:
    """A new coding project; its code book starts with the five constructs of the grid."""
    require_observatory(actor)
    project = Project(
        municipality_id=actor.municipality_id,
        title=_required(title, "title", N_("A project needs a title.")),
        description=clean_text(description),
        created_by=actor.user,
    )
    project.full_clean()
    project.save()
    change_record(
        actor=actor, action="qualitative.project_create", instance=project, changes={"title": title}
    )
    seed_constructs(actor=actor, project=project)
    return project


@transaction.atomic
def project_update(*, actor: Actor, project_id: int, title: str, description: str = "") -> Project:
    project = selectors.project_for_edit(actor, project_id)
    values = {
        "title": _required(title, "title", N_("A project needs a title.")),
        "description": clean_text(description),
    }
    changes = {k: v for k, v in values.items() if getattr(project, k) != v}
    for key, value in values.items():
        setattr(project, key, value)
    project.full_clean()
    project.save()
    change_record(
        actor=actor, action="qualitative.project_update", instance=project, changes=changes
    )
    return project


@transaction.atomic
def project_member_add(*, actor: Actor, project_id: int, user_id: int) -> Project:
    """Name a member of staff of the municipality as a project member (they may then edit)."""
    project = selectors.project_for_edit(actor, project_id)
    if not selectors.staff_of_municipality(actor.municipality_id).filter(pk=user_id).exists():
        raise CodingInvalid(
            N_("Only staff of the municipality can be project members."),
            details={"field": "user_id"},
        )
    project.members.add(user_id)
    change_record(
        actor=actor,
        action="qualitative.project_member_add",
        instance=project,
        changes={"user": user_id},
    )
    return project


@transaction.atomic
def project_member_remove(*, actor: Actor, project_id: int, user_id: int) -> Project:
    project = selectors.project_for_edit(actor, project_id)
    if not project.members.filter(pk=user_id).exists():
        raise CodingInvalid(
            N_("That person is not a member of the project."), details={"field": "user_id"}
        )
    project.members.remove(user_id)
    change_record(
        actor=actor,
        action="qualitative.project_member_remove",
        instance=project,
        changes={"user": user_id},
    )
    return project


# ---------------------------------------------------------------------------- sites


def _network_id(actor: Actor, network_id: int | None) -> int | None:
    if network_id is None:
        return None
    if not Network.objects.filter(pk=network_id, municipality_id=actor.municipality_id).exists():
        raise CodingInvalid(N_("The network does not exist."), details={"field": "network_id"})
    return network_id


def _site_name_free(project: Project, name: str, site_id: int | None = None) -> None:
    clash = Site.objects.filter(project=project, name__iexact=name)
    if site_id is not None:
        clash = clash.exclude(pk=site_id)
    if clash.exists():
        raise CodingInvalid(
            N_("The project already has a site with that name."), details={"field": "name"}
        )


@transaction.atomic
def site_create(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    country: str = "",
    description: str = "",
    network_id: int | None = None,
) -> Site:
    project = selectors.project_for_edit(actor, project_id)
    name = _required(name, "name", N_("A site needs a name."))
    _site_name_free(project, name)
    site = Site(
        project=project,
        name=name,
        country=clean_text(country),
        description=clean_text(description),
        network_id=_network_id(actor, network_id),
    )
    site.full_clean()
    site.save()
    change_record(
        actor=actor,
        action="qualitative.site_create",
        instance=site,
        changes={"name": name, "network": network_id},
    )
    return site


@transaction.atomic
def site_update(
    *,
    actor: Actor,
    site_id: int,
    name: str,
    country: str = "",
    description: str = "",
    network_id: int | None = None,
) -> Site:
    site = selectors.site_get(actor=actor, site_id=site_id)
    selectors.project_for_edit(actor, site.project_id)
    name = _required(name, "name", N_("A site needs a name."))
    _site_name_free(site.project, name, site.pk)
    values = {
        "name": name,
        "country": clean_text(country),
        "description": clean_text(description),
        "network_id": _network_id(actor, network_id),
    }
    changes = {k: v for k, v in values.items() if getattr(site, k) != v}
    for key, value in values.items():
        setattr(site, key, value)
    site.full_clean()
    site.save()
    change_record(actor=actor, action="qualitative.site_update", instance=site, changes=changes)
    return site


# ---------------------------------------------------------------------------- sources


def _site_of(project: Project, site_id: int | None) -> int | None:
    if site_id is None:
        return None
    if not Site.objects.filter(pk=site_id, project=project).exists():
        raise CodingInvalid(
            N_("The site does not belong to this project."), details={"field": "site_id"}
        )
    return site_id


def _text(text: str) -> str:
    text = normalise(text)
    if not text.strip():
        raise CodingInvalid(N_("The source has no text."), details={"field": "text"})
    if len(text) > MAX_TEXT_CHARS:
        raise CodingInvalid(
            N_("The text is too long for one source. Split it into several sources."),
            details={"field": "text", "max_chars": MAX_TEXT_CHARS},
        )
    return text


def add_source(
    *,
    actor: Actor,
    project: Project,
    kind: str,
    title: str,
    text: str,
    site_id: int | None,
    meeting_id: int | None = None,
) -> Source:
    """Store a source in a project the caller has checked the actor may edit."""
    if kind not in SourceKind.values:
        raise CodingInvalid(N_("Unknown kind of source."), details={"field": "kind"})
    source = Source(
        project=project,
        site_id=_site_of(project, site_id),
        kind=kind,
        title=_required(title, "title", N_("A source needs a title.")),
        text=_text(text),
        meeting_id=meeting_id,
        created_by=actor.user,
    )
    source.full_clean()
    source.save()
    change_record(
        actor=actor,
        action="qualitative.source_create",
        instance=source,
        changes={
            "title": source.title,
            "kind": kind,
            "site": site_id,
            "meeting": meeting_id,
            "length": len(source.text),
        },
    )
    return source


@transaction.atomic
def source_create(
    *,
    actor: Actor,
    project_id: int,
    kind: str,
    title: str,
    text: str,
    site_id: int | None = None,
) -> Source:
    """Add pasted text: an interview transcript, observation notes or a document. Minutes
    from the platform come only through ``minutes.minutes_import`` (consent, pseudonyms)."""
    project = selectors.project_for_edit(actor, project_id)
    if kind == SourceKind.MINUTES:
        raise CodingInvalid(
            N_("Meeting minutes are taken from a meeting, with consent and pseudonymised."),
            details={"field": "kind"},
        )
    return add_source(
        actor=actor, project=project, kind=kind, title=title, text=text, site_id=site_id
    )


def text_of_upload(name: str, data: bytes) -> str:
    """The text of an uploaded file, or a clear refusal for anything but UTF-8 .txt/.md."""
    if len(data) > MAX_FILE_BYTES:
        raise SourceFileRefused(
            N_("The file is too large (at most 4 MB)."), details={"field": "file"}
        )
    text = decode_upload(name, data)
    if text is None:
        raise SourceFileRefused(details={"field": "file", "name": name[:200]})
    return text


@transaction.atomic
def source_delete(*, actor: Actor, source_id: int) -> Source:
    source = selectors.source_get(actor=actor, source_id=source_id)
    selectors.project_for_edit(actor, source.project_id)
    change_record(
        actor=actor,
        action="qualitative.source_delete",
        instance=source,
        changes={"title": source.title, "segments": source.segments.count()},
    )
    source.delete()
    return source


# ---------------------------------------------------------------------------- memos


@transaction.atomic
def memo_create(
    *,
    actor: Actor,
    project_id: int,
    text: str,
    title: str = "",
    code_id: int | None = None,
    source_id: int | None = None,
    segment_id: int | None = None,
) -> Memo:
    """A memo on the project, or on one of its codes, sources or segments."""
    project = selectors.project_for_edit(actor, project_id)
    targets = [t for t in (code_id, source_id, segment_id) if t is not None]
    if len(targets) > 1:
        raise CodingInvalid(
            N_("A memo is about the project, or about one code, source or segment."),
            details={"field": "code_id"},
        )
    if code_id is not None and not project.codes.filter(pk=code_id).exists():
        raise CodingInvalid(N_("The code is not in this project."), details={"field": "code_id"})
    if source_id is not None and not project.sources.filter(pk=source_id).exists():
        raise CodingInvalid(
            N_("The source is not in this project."), details={"field": "source_id"}
        )
    if segment_id is not None and not project.sources.filter(segments__pk=segment_id).exists():
        raise CodingInvalid(
            N_("The segment is not in this project."), details={"field": "segment_id"}
        )
    memo = Memo(
        project=project,
        code_id=code_id,
        source_id=source_id,
        segment_id=segment_id,
        title=clean_text(title)[:200],
        text=_required(text, "text", N_("A memo needs a text.")),
        author=actor.user,
    )
    memo.full_clean()
    memo.save()
    change_record(
        actor=actor,
        action="qualitative.memo_create",
        instance=memo,
        changes={"code": code_id, "source": source_id, "segment": segment_id},
    )
    return memo


@transaction.atomic
def memo_update(*, actor: Actor, memo_id: int, text: str, title: str = "") -> Memo:
    memo = selectors.memo_get(actor=actor, memo_id=memo_id)
    selectors.project_for_edit(actor, memo.project_id)
    memo.title = clean_text(title)[:200]
    memo.text = _required(text, "text", N_("A memo needs a text."))
    memo.full_clean()
    memo.save()
    change_record(actor=actor, action="qualitative.memo_update", instance=memo)
    return memo


@transaction.atomic
def memo_delete(*, actor: Actor, memo_id: int) -> Memo:
    memo = selectors.memo_get(actor=actor, memo_id=memo_id)
    selectors.project_for_edit(actor, memo.project_id)
    change_record(actor=actor, action="qualitative.memo_delete", instance=memo)
    memo.delete()
    return memo
