"""Writes for an agreement's indicators: what the parties measure, its baseline and target,
and the measurements recorded over time. Editors of the agreement write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from helhet.agreements.errors import AgreementInvalid, AgreementNotFound, MeasurementExists
from helhet.agreements.models import Indicator, IndicatorDirection, Measurement
from helhet.agreements.services.agreements import agreement_for_edit, clean_or_refuse
from helhet.audit.services import change_record
from helhet.tenancy.actor import Actor


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    agreement_id: int,
    name: str,
    unit: str = "",
    baseline: Decimal,
    target: Decimal,
    target_date: date,
    direction: str,
) -> Indicator:
    agreement = agreement_for_edit(actor, agreement_id)
    if direction not in IndicatorDirection.values:
        raise AgreementInvalid(N_("The direction is up or down."))
    if (direction == IndicatorDirection.UP and target <= baseline) or (
        direction == IndicatorDirection.DOWN and target >= baseline
    ):
        raise AgreementInvalid(N_("The target must lie in the indicator's direction."))
    indicator = Indicator(
        municipality_id=agreement.municipality_id,
        agreement=agreement,
        name=(name or "").strip(),
        unit=(unit or "").strip(),
        baseline=baseline,
        target=target,
        target_date=target_date,
        direction=direction,
    )
    clean_or_refuse(indicator)
    indicator.save()
    change_record(
        actor=actor, action="agreement.indicator", instance=indicator, changes={"name": name}
    )
    return indicator


@transaction.atomic
def measurement_record(
    *, actor: Actor, indicator_id: int, measured_on: date, value: Decimal
) -> Measurement:
    indicator = Indicator.objects.filter(
        pk=indicator_id, municipality_id=actor.municipality_id
    ).first()
    if indicator is None:
        raise AgreementNotFound(N_("Indicator not found."))
    agreement_for_edit(actor, indicator.agreement_id)
    if Measurement.objects.filter(indicator=indicator, measured_on=measured_on).exists():
        raise MeasurementExists()
    measurement = Measurement(
        municipality_id=indicator.municipality_id,
        indicator=indicator,
        measured_on=measured_on,
        value=value,
    )
    clean_or_refuse(measurement)
    measurement.save()
    change_record(
        actor=actor,
        action="agreement.measurement",
        instance=measurement,
        changes={"on": measured_on, "value": value},
    )
    return measurement
