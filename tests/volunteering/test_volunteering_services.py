from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from helhet.audit.models import ChangeEvent
from helhet.volunteering import selectors, services, volunteers
from helhet.volunteering.errors import (
    NegativeNumber,
    PoliceCertificateMissing,
    UnknownActivityCategory,
    VolunteeringInvalid,
    VolunteeringNotYours,
)
from helhet.volunteering.models import Occurrence


def _activity(v, category, **kw):  # type: ignore[no-untyped-def]
    return services.activity_create(
        actor=v["nh"],
        care_unit_id=v["unit"].pk,
        category=category,
        title=category,
        coordinator=kw.pop("coordinator", "municipality"),
        **kw,
    )


@pytest.mark.parametrize(
    ("category", "statutory"),
    [
        ("day_centre", True),
        ("food_delivery", True),
        ("cultural_nursing_home", False),
        ("cultural_home_care", False),
        ("physical", False),
        ("social", False),
        ("visiting_service", False),
        ("other", False),
    ],
)
def test_statutory_follows_the_category(v, category, statutory):  # type: ignore[no-untyped-def]
    assert _activity(v, category).statutory is statutory


def test_statutory_override_and_back(v):  # type: ignore[no-untyped-def]
    social = _activity(v, "social", statutory_override=True)
    assert social.statutory is True
    updated = services.activity_update(
        actor=v["nh"], activity_id=social.pk, statutory_override=None
    )
    assert updated.statutory is False and updated.statutory_override is None
    day = _activity(v, "day_centre")
    assert (
        services.activity_update(
            actor=v["nh"], activity_id=day.pk, statutory_override=False
        ).statutory
        is False
    )
    assert ChangeEvent.objects.filter(action="volunteering.activity_update").count() == 2


def test_unknown_category_is_a_clear_error(v):  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownActivityCategory) as err:
        _activity(v, "bingo")
    assert err.value.code == "activity_category_unknown"
    assert "bingo" in err.value.message and "day_centre" in err.value.details["allowed"]
    with pytest.raises(UnknownActivityCategory):
        services.activity_update(actor=v["nh"], activity_id=v["activity"].pk, category="bingo")


@pytest.mark.parametrize("field", ["participants", "volunteers", "hours"])
def test_negative_numbers_are_refused(v, field):  # type: ignore[no-untyped-def]
    values = {"participants": 3, "volunteers": 2, "hours": 1.5, field: -1}
    # The message names the field as the page does, in the user's language.
    with pytest.raises(NegativeNumber) as err, translation.override("en"):
        services.occurrence_record(
            actor=v["vol"], activity_id=v["activity"].pk, date=date(2025, 1, 5), **values
        )
    assert err.value.details == {"fields": [field]} and field in err.value.message
    assert not Occurrence.objects.exists()


def test_occurrence_defaults_to_the_activitys_coordinator(v):  # type: ignore[no-untyped-def]
    occ = services.occurrence_record(
        actor=v["vol"],
        activity_id=v["activity"].pk,
        date=date(2025, 1, 5),
        participants=12,
        volunteers=3,
        hours=2.5,
    )
    assert occ.coordinator == "joint" and occ.hours == Decimal("2.5")


def test_police_certificate_rule(v, orgs):  # type: ignore[no-untyped-def]
    without = volunteers.volunteer_register(actor=v["vol"], name="Ola Frivillig")
    checked = volunteers.volunteer_register(
        actor=v["vol"], name="Kari Frivillig", police_certificate_checked_on=date(2024, 6, 1)
    )
    activity = v["activity"]
    # No requirement yet: anyone may join.
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=activity.pk, volunteer_id=without.pk
    )
    # An agreement in force that asks for a police certificate makes it required.
    services.agreement_create(
        actor=v["nh"],
        care_unit_id=v["unit"].pk,
        voluntary_organisation_id=orgs["vol"].pk,
        tasks="Frivilligsentralen leder allsang; sykehjemmet stiller rom.",
        contact_persons="Per (sykehjemmet), Lise (frivilligsentralen)",
        requires_police_certificate=True,
        signed_on=timezone.localdate() - timedelta(days=10),
    )
    other = volunteers.volunteer_register(actor=v["vol"], name="Nils Uten Attest")
    with pytest.raises(PoliceCertificateMissing) as err:
        services.activity_volunteer_add(
            actor=v["nh"], activity_id=activity.pk, volunteer_id=other.pk
        )
    assert err.value.code == "police_certificate_missing"
    services.activity_volunteer_add(actor=v["nh"], activity_id=activity.pk, volunteer_id=checked.pk)
    # The activity's own flag is enough too.
    flagged = _activity(
        v, "day_centre", requires_police_certificate=True, voluntary_organisation_id=orgs["vol"].pk
    )
    with pytest.raises(PoliceCertificateMissing):
        services.activity_volunteer_add(
            actor=v["vol"], activity_id=flagged.pk, volunteer_id=other.pk
        )


def test_who_may_edit(v, orgs):  # type: ignore[no-untyped-def]
    activity = v["activity"]
    for key in ("hc", "vol2", "nav", "researcher"):
        with pytest.raises(VolunteeringNotYours):
            services.occurrence_record(
                actor=v[key],
                activity_id=activity.pk,
                date=date(2025, 1, 1),
                participants=1,
                volunteers=1,
                hours=1,
            )
    with pytest.raises(VolunteeringNotYours):
        services.care_unit_create(actor=v["vol"], name="X", unit_type="other")
    with pytest.raises(VolunteeringNotYours):
        volunteers.volunteer_register(actor=v["nh"], name="Not ours")
    with pytest.raises(VolunteeringNotYours):
        services.agreement_create(
            actor=v["vol2"],
            care_unit_id=v["unit"].pk,
            voluntary_organisation_id=orgs["vol"].pk,
            tasks="x",
            signed_on=date(2025, 1, 1),
        )
    with pytest.raises(VolunteeringInvalid):
        _activity(v, "social", voluntary_organisation_id=orgs["nav"].pk)
    with pytest.raises(VolunteeringInvalid):
        services.care_unit_create(actor=v["nh"], name="Y", unit_type="hospital")


def test_volunteers_visible_to_their_organisation_and_the_unit_they_serve(v):  # type: ignore[no-untyped-def]
    vol = volunteers.volunteer_register(
        actor=v["vol"],
        name="Berit",
        contact="900 00 000",
        confidentiality_declaration_signed_on=date(2025, 1, 2),
    )
    volunteers.volunteer_register(actor=v["vol2"], name="Annen")

    def names(key):  # type: ignore[no-untyped-def]
        return [x.name for x in selectors.volunteers_visible_to(v[key])]

    assert names("vol") == ["Berit"] and names("vol2") == ["Annen"]
    assert names("nh") == [] and names("hc") == []
    services.activity_volunteer_add(
        actor=v["vol"], activity_id=v["activity"].pk, volunteer_id=vol.pk
    )
    assert names("nh") == ["Berit"]
    assert names("hc") == [] and names("nav") == [] and names("researcher") == []
    change = ChangeEvent.objects.get(
        action="volunteering.volunteer_register", entity_id=str(vol.pk)
    )
    assert "Berit" not in str(change.changes) and "900" not in str(change.changes)
