"""Taking a meeting's minutes from the platform into a coding project.

The rule (docs/qualitative.md):
1. The researcher must be able to edit the project, and their organisation must take part in
   the meeting (a ``Participant`` row). Any other meeting is a 404, logged as a denied read,
   whether it exists or not.
2. A meeting about a person or a family (family meetings, responsibility groups, case
   conferences about someone) may be used only if every person it is about — the person, the
   family's members, and family members taking part — has a valid consent (begun, not
   expired, not withdrawn) that names the researcher's organisation. Otherwise it is refused
   (denied reads logged per person lacking consent; the answer counts them, never names
   them). Network meetings and anonymous case conferences concern no one and need no consent.
3. The text is pseudonymised before it is stored (``pseudonymise``): the names of the persons
   it is about, of the staff of the taking-part organisations and of those organisations.
   Reading the persons' names for this is a read of personal data: one access-log row per
   person, with the reason "pseudonymisation", written before the names are read.
4. The minutes of a meeting are taken into a project once.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from helhet.audit.models import Outcome
from helhet.audit.services import access_record, deny_unknown
from helhet.consent.policies import persons_without_consent
from helhet.core.categories import IDENTITY
from helhet.core.text import clean_text
from helhet.meetings.models import Meeting, Participant
from helhet.people.models import FamilyMember, Person
from helhet.qualitative import selectors
from helhet.qualitative.errors import (
    MeetingNotFoundForImport,
    MinutesInvalid,
    MinutesNoConsent,
)
from helhet.qualitative.models import Source, SourceKind
from helhet.qualitative.policies import require_project_editor
from helhet.qualitative.pseudonymise import (
    LABELS,
    LANGUAGES,
    Entity,
    organisation,
    person,
    pseudonymise,
    staff,
)
from helhet.qualitative.services import add_source
from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, User

# The access-log category of a meeting's content (as the meetings app logs it).
MEETING_CATEGORY = "meeting"
PURPOSE = "pseudonymisation"


def persons_concerned(meeting: Meeting) -> list[int]:
    """Who the meeting is about, in a fixed order: the person, the family's members (parents
    first, then by birth date), family members taking part. Ids only."""
    ids: list[int] = []
    if meeting.person_id:
        ids.append(meeting.person_id)
    if meeting.family_id:
        ids += list(
            FamilyMember.objects.filter(family_id=meeting.family_id)
            .order_by("role", "person__birth_date", "person_id")
            .values_list("person_id", flat=True)
        )
    ids += list(
        Participant.objects.filter(meeting=meeting, person__isnull=False)
        .order_by("id")
        .values_list("person_id", flat=True)
    )
    return list(dict.fromkeys(ids))


def _staff_and_organisations(meeting: Meeting) -> tuple[list[Entity], list[Entity]]:
    """The organisations taking part (and the organiser's) and all their active staff, with
    the named participants and the organiser first."""
    org_ids = list(
        dict.fromkeys(
            [
                meeting.organiser_organisation_id,
                *Participant.objects.filter(meeting=meeting, organisation__isnull=False)
                .order_by("id")
                .values_list("organisation_id", flat=True),
            ]
        )
    )
    named = list(
        Participant.objects.filter(meeting=meeting, user__isnull=False)
        .order_by("id")
        .values_list("user_id", flat=True)
    )
    if meeting.organiser_id:
        named.insert(0, meeting.organiser_id)
    users = {
        u.pk: u
        for u in User.objects.filter(
            memberships__organisation_id__in=org_ids, memberships__active=True
        ).distinct()
    } | {u.pk: u for u in User.objects.filter(pk__in=named)}
    ordered = list(dict.fromkeys([*named, *sorted(users)]))
    staff_entities = [
        staff(u.pk, u.first_name, u.last_name, u.username)
        for u in (users[pk] for pk in ordered if pk in users)
    ]
    names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    org_entities = [organisation(pk, names[pk]) for pk in org_ids if pk in names]
    return staff_entities, org_entities


def _default_title(meeting: Meeting, language: str) -> str:
    with translation.override(language):
        return _("Minutes: %(kind)s, %(date)s") % {
            "kind": meeting.get_kind_display(),
            "date": formats.date_format(meeting.starts_at, "SHORT_DATE_FORMAT"),
        }


def minutes_import(
    *,
    actor: Actor,
    project_id: int,
    meeting_id: int,
    channel: str,
    through: str,
    site_id: int | None = None,
    title: str = "",
    language: str = "nb",
) -> Source:
    """Take a meeting's minutes, pseudonymised, as a source of the project (see the module)."""
    project = selectors.project_get(actor=actor, project_id=project_id)
    require_project_editor(actor, project)
    if language not in LANGUAGES:
        raise MinutesInvalid(N_("Unknown language."), details={"field": "language"})
    meeting = selectors.meetings_for_import(actor).filter(pk=meeting_id).first()
    target = f"meeting:{meeting_id}"
    if meeting is None:
        deny_unknown(
            MeetingNotFoundForImport(),
            actor=actor,
            target_ref=target,
            channel=channel,
            through=through,
            reason="not_involved",
        )
    if not meeting.minutes.strip():
        raise MinutesInvalid(N_("The meeting has no minutes yet."), details={"field": "meeting_id"})
    if Source.objects.filter(project=project, meeting=meeting).exists():
        raise MinutesInvalid(
            N_("The minutes of this meeting are already in the project."),
            details={"field": "meeting_id"},
        )
    concerned = persons_concerned(meeting)
    missing = persons_without_consent(concerned, actor.organisation_id)
    if missing:
        access_record(
            actor=actor,
            person_ids=missing,
            categories=[IDENTITY, MEETING_CATEGORY],
            channel=channel,
            through=through,
            outcome=Outcome.DENIED,
            reason="no_consent",
            target_ref=target,
        )
        raise MinutesNoConsent(details={"missing": len(missing), "concerned": len(concerned)})
    # Logged before the names are read: if the log cannot be written, nothing is read.
    access_record(
        actor=actor,
        person_ids=concerned,
        categories=[IDENTITY, MEETING_CATEGORY],
        channel=channel,
        through=through,
        reason=PURPOSE,
        target_ref=target,
    )
    rows = {
        pk: (given, family, national_id)
        for pk, given, family, national_id in Person.objects.filter(pk__in=concerned).values_list(
            "pk", "given_name", "family_name", "national_id"
        )
    }
    persons = [person(pk, rows[pk][0], rows[pk][1]) for pk in concerned if pk in rows]
    staff_entities, org_entities = _staff_and_organisations(meeting)
    text = meeting.minutes
    # Each person's own number goes whatever its formatting; the generic rule catches others.
    for _given, _family, national_id in rows.values():
        if national_id:
            text = text.replace(national_id, LABELS[language]["removed"])
    entities = [*persons, *staff_entities, *org_entities]
    result = pseudonymise(text, entities, language=language)
    title = pseudonymise(clean_text(title), entities, language=language).text
    with transaction.atomic():
        project = selectors.project_for_edit(actor, project_id)
        source = add_source(
            actor=actor,
            project=project,
            kind=SourceKind.MINUTES,
            title=title or _default_title(meeting, language),
            text=result.text,
            site_id=site_id,
            meeting_id=meeting.pk,
        )
    return source
