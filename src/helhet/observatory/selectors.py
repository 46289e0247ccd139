"""Reads of the observatory: the coordination survey from a file or from the volunteering
module, and its analysis. Everything here is for observatory users only (``access``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from helhet.observatory.coordination import (
    DEFAULT_CONFIDENCE,
    DEFAULT_REPLICATIONS,
    CoordinationResult,
    analyse,
)
from helhet.observatory.policies import require_observatory
from helhet.observatory.survey_file import Survey, parse_survey_csv, survey_from_answers
from helhet.tenancy.actor import Actor
from helhet.volunteering.selectors import coordination_survey


class Scope(models.TextChoices):
    MUNICIPALITY = "municipality", _("My municipality")
    # Aggregates only: the statistics name no unit, so they may span municipalities, as the
    # survey of seed 004 spanned fifty.
    ALL = "all", _("All municipalities")


def coordination_survey_from_file(*, actor: Actor, data: bytes | str) -> Survey:
    require_observatory(actor)
    return parse_survey_csv(data)


def coordination_survey_from_volunteering(
    *, actor: Actor, scope: str = Scope.MUNICIPALITY, since: date | None = None
) -> Survey:
    """The care units' answers as recorded in the volunteering module.

    ``since`` takes who actually coordinated on or after that day (the survey asked about the
    last four weeks); without it, each activity's standing coordinator.
    """
    require_observatory(actor)
    municipality_id = None if scope == Scope.ALL else actor.municipality_id
    answers = coordination_survey(municipality_id, since=since)
    return survey_from_answers(answers.rows, left_out=answers.left_out_total)


def coordination_analysis(
    *,
    actor: Actor,
    survey: Survey,
    replications: int = DEFAULT_REPLICATIONS,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> CoordinationResult:
    require_observatory(actor)
    return analyse(
        survey, replications=replications, confidence=confidence, seed=seed, progress=progress
    )
