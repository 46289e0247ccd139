"""Meeting minutes into a coding project: visibility, consent, pseudonyms, access log."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import AccessEvent, Outcome
from helhet.consent.services import consent_withdraw
from helhet.meetings.services import meeting_book, minutes_update
from helhet.people.models import Family, FamilyMember
from helhet.qualitative.errors import (
    MeetingNotFoundForImport,
    MinutesInvalid,
    MinutesNoConsent,
    NotProjectEditor,
)
from helhet.qualitative.minutes import minutes_import
from helhet.qualitative.models import Source, SourceKind
from helhet.tenancy.models import Role


def _when(days: int = -3):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return start, start + timedelta(hours=1)


@pytest.fixture
def household(make_person, involve, municipality):
    mother = make_person("Mona", "Bakken")
    child = make_person("Mio", "Bakken")
    family = Family.objects.create(municipality=municipality, name="Familien Bakken")
    for p, role in ((mother, "parent"), (child, "child")):
        FamilyMember.objects.create(municipality=municipality, family=family, person=p, role=role)
        involve("navk", p)
    return {"mother": mother, "child": child, "family": family}


@pytest.fixture
def caseworker(make_actor):
    actor = make_actor("navk", Role.CASEWORKER, username="navk.sb")
    actor.user.first_name, actor.user.last_name = "Siri", "Saksbehandler"
    actor.user.save()
    return actor


def _minutes(household, caseworker) -> str:
    mother = household["mother"]
    return (
        f"Mona Bakken (fnr {mother.national_id}) og sønnen Mio deltok. Siri Saksbehandler fra "
        "NAV Testvik (kommune) refererte. Barnevernet Testvik kommer tilbake. Mona ønsker "
        "arbeid; Bakkens økonomi er stram. Ring 41 22 33 44 eller skriv til mona@example.no. "
        "Et annet nummer: 12345678901."
    )


@pytest.fixture
def family_meeting(household, caseworker, rnd, orgs):
    start, end = _when()
    meeting = meeting_book(
        actor=caseworker,
        kind="family_meeting",
        title="Familiemøte Bakken",
        starts_at=start,
        ends_at=end,
        family_id=household["family"].pk,
        organisation_ids=[rnd.pk, orgs["cws"].pk],
    )
    minutes_update(actor=caseworker, meeting_id=meeting.pk, minutes=_minutes(household, caseworker))
    return meeting


def _import(researcher, project, meeting, **kw):
    return minutes_import(
        actor=researcher,
        project_id=project.pk,
        meeting_id=meeting.pk,
        channel="web",
        through="test",
        **kw,
    )


def test_a_meeting_the_organisation_does_not_take_part_in_is_a_404(
    project, researcher, household, caseworker, orgs
):
    start, end = _when()
    meeting = meeting_book(
        actor=caseworker,
        kind="case_conference",
        title="Drøfting",
        starts_at=start,
        ends_at=end,
        organisation_ids=[orgs["cws"].pk],
    )
    minutes_update(actor=caseworker, meeting_id=meeting.pk, minutes="Anonym drøfting.")
    for meeting_id in (meeting.pk, 10**9):
        with pytest.raises(MeetingNotFoundForImport):
            minutes_import(
                actor=researcher,
                project_id=project.pk,
                meeting_id=meeting_id,
                channel="web",
                through="test",
            )
    denied = AccessEvent.objects.filter(outcome=Outcome.DENIED, reason="not_involved")
    assert sorted(denied.values_list("target_ref", flat=True)) == sorted(
        [f"meeting:{meeting.pk}", f"meeting:{10**9}"]
    )
    assert not Source.objects.exists()


def test_refused_without_consent_for_everyone_it_is_about(
    project, researcher, household, family_meeting, consent, rnd
):
    with pytest.raises(MinutesNoConsent) as caught:
        _import(researcher, project, family_meeting)
    assert caught.value.details == {"missing": 2, "concerned": 2}
    # Consent for the mother only, and for the child to another organisation: still refused.
    consent(household["mother"], ["rnd"], ["other"])
    consent(household["child"], ["cws"], ["other"])
    with pytest.raises(MinutesNoConsent) as caught:
        _import(researcher, project, family_meeting)
    assert caught.value.details["missing"] == 1
    denied = AccessEvent.objects.filter(outcome=Outcome.DENIED, reason="no_consent")
    assert set(denied.values_list("person_id", flat=True)) == {
        household["mother"].pk,
        household["child"].pk,
    }
    assert not Source.objects.exists()
    assert not AccessEvent.objects.filter(reason="pseudonymisation").exists()


def test_a_withdrawn_consent_does_not_count(
    project, researcher, household, family_meeting, consent, make_actor
):
    consent(household["mother"], ["rnd"], ["other"])
    given = consent(household["child"], ["rnd"], ["other"])
    consent_withdraw(actor=make_actor("navk"), consent_id=given.pk, reason="Ombestemte seg")
    with pytest.raises(MinutesNoConsent):
        _import(researcher, project, family_meeting)


def test_with_consent_the_text_is_pseudonymised_and_the_read_logged(
    project, researcher, household, family_meeting, consent
):
    for p in (household["mother"], household["child"]):
        consent(p, ["rnd"], ["other"])
    site = project.sites.create(name="Norge")
    source = _import(researcher, project, family_meeting, site_id=site.pk)
    assert source.kind == SourceKind.MINUTES and source.site_id == site.pk
    assert source.meeting_id == family_meeting.pk
    text = source.text
    for name in ("Mona", "Bakken", "Mio", "Siri", "Saksbehandler", "NAV Testvik", "Barnevernet"):
        assert name not in text, name
    assert not re.search(r"\d{11}", text)
    assert "@" not in text and "41 22 33 44" not in text
    assert "Person A" in text and "Person B" in text
    assert "Ansatt 1" in text and "Organisasjon 1" in text
    # The household's shared family name alone is the family; the genitive survives.
    assert "Familie As økonomi" in text
    assert "Familiemøte" in source.title and "Bakken" not in source.title
    logged = AccessEvent.objects.filter(reason="pseudonymisation", outcome=Outcome.GRANTED)
    assert set(logged.values_list("person_id", flat=True)) == {
        household["mother"].pk,
        household["child"].pk,
    }
    assert set(logged.values_list("target_ref", flat=True)) == {f"meeting:{family_meeting.pk}"}
    with pytest.raises(MinutesInvalid):
        _import(researcher, project, family_meeting)


def test_anonymous_case_conference_needs_no_consent(project, researcher, caseworker, rnd):
    start, end = _when()
    meeting = meeting_book(
        actor=caseworker,
        kind="case_conference",
        title="Anonym sak",
        starts_at=start,
        ends_at=end,
        organisation_ids=[rnd.pk],
    )
    with pytest.raises(MinutesInvalid):  # no minutes yet
        _import(researcher, project, meeting)
    minutes_update(
        actor=caseworker, meeting_id=meeting.pk, minutes="Siri Saksbehandler la fram saken."
    )
    source = _import(researcher, project, meeting, language="en", title="Case, Siri Saksbehandler")
    assert source.text == "Staff 1 la fram saken."
    assert source.title == "Case, Staff 1"
    assert not AccessEvent.objects.filter(reason="pseudonymisation").exists()


def test_only_editors_import(project, make_actor, rnd, family_meeting):
    reader = make_actor("rnd", Role.RESEARCHER)
    with pytest.raises(NotProjectEditor):
        _import(reader, project, family_meeting)
