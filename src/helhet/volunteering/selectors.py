"""Reads: care units, activities, agreements, the volunteer register and the coordination mix.

Care units, activities and occurrences hold no personal data and are shown to staff in the
municipality. Agreements name contact persons and are shown to their two parties only.
Volunteers are shown only to staff of the voluntary organisation that registered them and of
the care units whose activities they serve; researchers see none of them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from helhet.tenancy.actor import Actor
from helhet.tenancy.models import Organisation, OrganisationKind
from helhet.volunteering.errors import (
    ActivityNotFound,
    CareUnitNotFound,
    VolunteeringNotYours,
    VolunteerNotFound,
)
from helhet.volunteering.models import (
    COUNTED_COORDINATORS,
    SURVEY_CATEGORIES,
    Activity,
    ActivityVolunteer,
    CareUnit,
    Coordinator,
    Occurrence,
    Volunteer,
    VolunteerAgreement,
)
from helhet.volunteering.policies import can_see_volunteers

SURVEY_COLUMNS = ("unit_id", "unit_type", "activity", "coordinator")


# --- reads ------------------------------------------------------------------------------------


def care_units_visible_to(actor: Actor) -> QuerySet[CareUnit]:
    return CareUnit.objects.filter(municipality_id=actor.municipality_id).select_related(
        "organisation"
    )


def care_unit_get_for(*, actor: Actor, care_unit_id: int) -> CareUnit:
    unit = care_units_visible_to(actor).filter(pk=care_unit_id).first()
    if unit is None:
        raise CareUnitNotFound()
    return unit


def activities_for_unit(*, actor: Actor, care_unit_id: int) -> QuerySet[Activity]:
    """The unit's activities with their occurrences, newest first (two queries in all)."""
    return (
        Activity.objects.filter(care_unit_id=care_unit_id, municipality_id=actor.municipality_id)
        .select_related("voluntary_organisation", "care_unit")
        .prefetch_related(Prefetch("occurrences", queryset=Occurrence.objects.order_by("-date")))
    )


def activity_get_for(*, actor: Actor, activity_id: int) -> Activity:
    activity = (
        Activity.objects.filter(pk=activity_id, municipality_id=actor.municipality_id)
        .select_related("voluntary_organisation", "care_unit")
        .prefetch_related(Prefetch("occurrences", queryset=Occurrence.objects.order_by("-date")))
        .first()
    )
    if activity is None:
        raise ActivityNotFound()
    return activity


def agreements_visible_to(actor: Actor) -> QuerySet[VolunteerAgreement]:
    org = actor.organisation_id
    return VolunteerAgreement.objects.filter(
        Q(care_unit__organisation_id=org) | Q(voluntary_organisation_id=org),
        municipality_id=actor.municipality_id,
    ).select_related("care_unit", "voluntary_organisation")


def volunteers_visible_to(actor: Actor) -> QuerySet[Volunteer]:
    if not can_see_volunteers(actor):
        return Volunteer.objects.none()
    org = actor.organisation_id
    serves_our_unit = ActivityVolunteer.objects.filter(
        volunteer_id=OuterRef("pk"), activity__care_unit__organisation_id=org
    )
    return Volunteer.objects.filter(
        Q(voluntary_organisation_id=org) | Exists(serves_our_unit)
    ).select_related("voluntary_organisation")


def volunteer_register_for(*, actor: Actor, organisation_id: int) -> QuerySet[Volunteer]:
    """The register of one voluntary organisation, as far as the actor may see it."""
    organisation = Organisation.objects.filter(
        pk=organisation_id, municipality_id=actor.municipality_id, kind=OrganisationKind.VOLUNTARY
    ).first()
    if organisation is None or not can_see_volunteers(actor):
        raise VolunteeringNotYours()
    return volunteers_visible_to(actor).filter(voluntary_organisation_id=organisation_id)


def volunteer_get_for(*, actor: Actor, volunteer_id: int) -> Volunteer:
    volunteer = volunteers_visible_to(actor).filter(pk=volunteer_id).first()
    if volunteer is None:
        raise VolunteerNotFound()
    return volunteer


def activity_volunteers(*, actor: Actor, activity: Activity) -> QuerySet[Volunteer]:
    """Who is on the activity, as far as the actor may see volunteers at all."""
    return volunteers_visible_to(actor).filter(activities=activity)


def activity_volunteer_candidates(*, actor: Actor, activity: Activity) -> QuerySet[Volunteer]:
    """Volunteers of the activity's organisation the actor may see and who are not on it yet."""
    if activity.voluntary_organisation_id is None:
        return Volunteer.objects.none()
    return (
        volunteers_visible_to(actor)
        .filter(voluntary_organisation_id=activity.voluntary_organisation_id)
        .exclude(activities=activity)
    )


def voluntary_organisations(*, actor: Actor) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        municipality_id=actor.municipality_id, kind=OrganisationKind.VOLUNTARY
    )


# --- the coordination mix -----------------------------------------------------------------


@dataclass(frozen=True)
class QuarterMix:
    """Who coordinated the activities that took place in one quarter.

    Each activity with at least one occurrence in the quarter counts once, under the
    coordinator of its last occurrence there. "Unsure" and "varies" are left out of the
    counts and the shares, as in the survey; ``left_out`` says how many.
    """

    quarter: str
    counts: dict[str, int] = field(default_factory=dict)
    left_out: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def shares(self) -> dict[str, float]:
        total = self.total
        return {c: (self.counts[c] / total if total else 0.0) for c in COUNTED_COORDINATORS}

    @property
    def rows(self) -> list[tuple[str, int, float]]:
        shares = self.shares
        return [(c, self.counts[c], shares[c]) for c in COUNTED_COORDINATORS]


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _mix(occurrences: QuerySet[Occurrence]) -> list[QuarterMix]:
    latest: dict[tuple[str, int], str] = {}
    for activity_id, day, coordinator in occurrences.order_by("date", "pk").values_list(
        "activity_id", "date", "coordinator"
    ):
        latest[(quarter_of(day), activity_id)] = coordinator
    counted: dict[str, Counter[str]] = {}
    left_out: Counter[str] = Counter()
    for (quarter, _activity), coordinator in latest.items():
        counter = counted.setdefault(quarter, Counter())
        if coordinator in COUNTED_COORDINATORS:
            counter[coordinator] += 1
        else:
            left_out[quarter] += 1
    return [
        QuarterMix(
            quarter=q,
            counts={c: counted[q][c] for c in COUNTED_COORDINATORS},
            left_out=left_out[q],
        )
        for q in sorted(counted)
    ]


def coordination_mix_for_unit(*, actor: Actor, care_unit_id: int) -> list[QuarterMix]:
    unit = care_unit_get_for(actor=actor, care_unit_id=care_unit_id)
    return _mix(Occurrence.objects.filter(activity__care_unit_id=unit.pk))


def coordination_mix_for_municipality(*, actor: Actor) -> list[QuarterMix]:
    return _mix(Occurrence.objects.filter(municipality_id=actor.municipality_id))


# --- the survey export ----------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyRow:
    unit_id: int
    unit_type: str
    activity: str
    coordinator: str


@dataclass(frozen=True)
class SurveyAnswers:
    """The survey export: the rows kept, and how many answers were left out, by answer.

    ``left_out`` always holds both ``"unsure"`` and ``"varies"``, so the observatory can
    report "n answers left out (unsure or varies)" beside its shares.
    """

    rows: list[SurveyRow]
    left_out: dict[str, int]

    @property
    def left_out_total(self) -> int:
        return sum(self.left_out.values())


def coordination_survey(
    municipality_id: int | None = None, *, since: date | None = None
) -> SurveyAnswers:
    """The care units' answers to the survey: one per (care unit, survey activity).

    The survey asked each unit, per activity type, who coordinated that activity in the last
    four weeks, so there is one answer per unit and activity type however many activities of
    that type the unit has. The six survey activities use the same codes as our categories;
    visiting service and other are not in the survey.

    * Without ``since``, the answer comes from the standing coordinator of every activity of
      that category at the unit.
    * With ``since``, it comes from who actually coordinated then: the ``coordinator`` of
      every occurrence on or after that day (the survey asked about the last four weeks). A
      unit whose activities of a category did not take place then gives no answer for it.
    * If all those coordinators are the same, that is the answer. If they differ (between
      activities, or between occurrences of one activity), the answer is ``varies``.
    * Answers ``unsure`` and ``varies`` are left out of ``rows``, as the survey left them
      out, and counted in ``left_out``.

    Rows are ordered by unit id, then activity code. One query, whatever the data size. No
    personal data: aggregates only, and no actor (it is the observatory's input).
    """
    # The answers per (unit, activity), from activities or from occurrences: rows of dicts.
    source: QuerySet[Any, Any]
    if since is None:
        source = Activity.objects.filter(category__in=SURVEY_CATEGORIES).values(
            unit_id=F("care_unit_id"),
            unit_kind=F("care_unit__unit_type"),
            activity_code=F("category"),
        )
    else:
        source = Occurrence.objects.filter(
            date__gte=since, activity__category__in=SURVEY_CATEGORIES
        ).values(
            unit_id=F("activity__care_unit_id"),
            unit_kind=F("activity__care_unit__unit_type"),
            activity_code=F("activity__category"),
        )
    if municipality_id is not None:
        source = source.filter(municipality_id=municipality_id)
    answers = source.annotate(
        coordinators=Count("coordinator", distinct=True), lowest=Min("coordinator")
    ).order_by("unit_id", "activity_code")
    rows: list[SurveyRow] = []
    left_out = {Coordinator.UNSURE.value: 0, Coordinator.VARIES.value: 0}
    for answer in answers:
        coordinator = Coordinator.VARIES if answer["coordinators"] > 1 else answer["lowest"]
        if coordinator in COUNTED_COORDINATORS:
            rows.append(
                SurveyRow(
                    unit_id=answer["unit_id"],
                    unit_type=answer["unit_kind"],
                    activity=answer["activity_code"],
                    coordinator=str(coordinator),
                )
            )
        else:
            left_out[str(coordinator)] += 1
    return SurveyAnswers(rows=rows, left_out=left_out)


def coordination_survey_rows(
    municipality_id: int | None = None, *, since: date | None = None
) -> list[SurveyRow]:
    """The rows of ``coordination_survey`` (the same rule; see there)."""
    return coordination_survey(municipality_id, since=since).rows


def coordination_survey_csv(
    municipality_id: int | None = None, *, since: date | None = None
) -> str:
    """``coordination_survey`` rows as the observatory's survey file.

    The header is always ``unit_id,unit_type,activity,coordinator``. The answers left out
    are not in the file; ask ``coordination_survey(...).left_out`` for their number.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SURVEY_COLUMNS)
    for row in coordination_survey_rows(municipality_id, since=since):
        writer.writerow((row.unit_id, row.unit_type, row.activity, row.coordinator))
    return out.getvalue()
