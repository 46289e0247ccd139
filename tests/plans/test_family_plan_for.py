"""family_plan_for: what each organisation sees of a plan, logging, 404s, query counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from helhet.audit.models import AccessEvent
from helhet.people.errors import FamilyNotFound, NoPersonalDataAccess
from helhet.plans.pdf import plan_pdf
from helhet.plans.selectors import family_plan_for, plan_diff_for
from helhet.plans.services import goal_add, measure_add, plan_get_or_create, plan_update
from helhet.tenancy.models import Role
from tests.plans.conftest import pdf_text


def _view(actor, family, through="t"):
    return family_plan_for(actor=actor, family_id=family.pk, channel="web", through=through)


def test_health_measure_is_hidden_from_nav_without_consent_and_shown_with_it(
    household, add_measure, consent
):
    h = household
    physio = add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    budget = add_measure(h.nav, h.family, h.mother, "work_activity", "Arbeidstrening")
    before = physio.plan.version

    nav_view = _view(h.nav, h.family)
    assert nav_view.measures == [budget]
    # Nothing tells NAV a hidden measure exists: no count, only the categories it lacks.
    hidden = {m.person.pk: [c for c, _r in m.hidden] for m in nav_view.members}
    assert "health" in hidden[h.mother.pk] and "child_welfare" in hidden[h.child.pk]
    assert _view(h.health, h.family).measures == [physio]

    # Its PDF and the diff from the first version leave it out too.
    assert "Fysioterapi" not in pdf_text(plan_pdf(nav_view))
    assert "Arbeidstrening" in pdf_text(plan_pdf(nav_view))
    diff = plan_diff_for(
        actor=h.nav,
        family_id=h.family.pk,
        from_number=1,
        to_number=before + 1,
        channel="web",
        through="t",
    )
    assert not any("Fysioterapi" in line for line in diff.lines)
    assert any("Arbeidstrening" in line for line in diff.lines)

    consent(h.mother, ["nav"], ["health"])
    nav_view = _view(h.nav, h.family)
    assert {m.title for m in nav_view.measures} == {"Fysioterapi", "Arbeidstrening"}
    mother = next(m for m in nav_view.members if m.person == h.mother)
    assert "health" not in [c for c, _r in mother.hidden]
    assert "Fysioterapi" in pdf_text(plan_pdf(nav_view))
    diff = plan_diff_for(
        actor=h.nav,
        family_id=h.family.pk,
        from_number=1,
        to_number=before + 1,
        channel="web",
        through="t",
    )
    assert any("Fysioterapi" in line for line in diff.lines)


def test_withdrawn_consent_hides_the_measure_again(household, add_measure, consent):
    from helhet.consent.services import consent_withdraw

    h = household
    add_measure(h.health, h.family, h.mother, "health", "Fysioterapi")
    given = consent(h.mother, ["nav"], ["health"], recorded_by="nav")
    assert len(_view(h.nav, h.family).measures) == 1
    consent_withdraw(actor=h.nav, consent_id=given.pk)
    assert _view(h.nav, h.family).measures == []


def test_only_members_the_actor_knows_are_named_and_measures_for_others_are_hidden(
    household, add_measure, consent
):
    h = household
    add_measure(h.cws, h.family, h.child, "child_welfare", "Besøkshjem")
    consent(h.child, ["navk"], ["child_welfare"], given_by=h.mother)
    view = _view(h.navk, h.family)
    # NAV municipal knows only the mother: the child is not named, its measure not shown,
    # even though a consent to NAV municipal covers child welfare.
    assert [m.person for m in view.members] == [h.mother]
    assert view.measures == []


def test_each_member_read_is_logged_once_with_the_categories_shown(household, add_measure):
    h = household
    add_measure(h.nav, h.family, h.mother, "work_activity", "Arbeidstrening")
    add_measure(h.nav, h.family, h.child, "education", "Leksehjelp")
    add_measure(h.health, h.family, h.child, "health", "Helsesykepleier")
    _view(h.nav, h.family, through="plan-read")
    rows = {
        e.person_id: e.categories
        for e in AccessEvent.objects.filter(through="plan-read", outcome="granted")
    }
    assert rows == {
        h.mother.pk: ["identity", "plan", "work_activity"],
        h.child.pk: ["education", "identity", "plan"],
    }
    assert AccessEvent.objects.filter(through="plan-read").count() == 2


def test_family_without_a_known_member_is_404_and_logged_as_denied(household, make_actor):
    school = make_actor("school")
    with pytest.raises(FamilyNotFound) as a:
        _view(school, household.family, through="deny")
    with pytest.raises(FamilyNotFound) as b:
        family_plan_for(actor=school, family_id=987_654, channel="web", through="deny")
    assert a.value.message == b.value.message
    denied = AccessEvent.objects.filter(through="deny", outcome="denied").order_by("id")
    assert [e.target_ref for e in denied] == [f"family:{household.family.pk}", "family:987654"]
    assert all(e.person_id is None for e in denied)
    with pytest.raises(NoPersonalDataAccess):
        _view(make_actor("nav", Role.ADMINISTRATOR), household.family)


def test_view_of_a_family_without_a_plan(household):
    view = _view(household.nav, household.family)
    assert view.plan is None and view.measures == [] and view.elements == []
    assert len(view.members) == 2


def test_missing_elements_follow_what_is_filled_in(household, consent):
    h = household
    plan = plan_get_or_create(actor=h.nav, family_id=h.family.pk)
    assert [e.number for e in _view(h.nav, h.family).missing] == list(range(1, 10))
    goal = goal_add(actor=h.nav, plan_id=plan.pk, text="Mor i jobb")
    plan = plan_update(
        actor=h.nav,
        plan_id=plan.pk,
        expected_version=2,
        resources_and_needs="Ressurser: nettverk. Behov: barnehageplass.",
        participants="Mor, NAV, helse",
        contributions="Mor møter opp; bestemor passer Mio",
        implementation="Oppfølging hver fjortende dag",
        cooperation="Barnehagen",
        coordinator_id=h.nav.user.pk,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        revise_on=date(2026, 6, 1),
    )
    assert [e.number for e in _view(h.nav, h.family).missing] == [5, 8]
    measure_add(
        actor=h.nav,
        plan_id=plan.pk,
        person_id=h.mother.pk,
        category="work_activity",
        title="Arbeidstrening",
        goal_id=goal.pk,
    )
    # A measure without a responsible person does not state who owns the follow-up.
    assert [e.number for e in _view(h.nav, h.family).missing] == [5, 8]
    measure_add(
        actor=h.nav,
        plan_id=plan.pk,
        person_id=h.mother.pk,
        category="work_activity",
        title="Jobbsøking",
        responsible_id=h.nav.user.pk,
    )
    assert [e.number for e in _view(h.nav, h.family).missing] == [8]
    consent(h.mother, ["nav"], ["work_activity"])
    view = _view(h.nav, h.family)
    assert view.missing == [] and all(e.present for e in view.elements)


def _big_family(size, make_person, involve, family_of, consent):
    persons = []
    for i in range(size):
        p = make_person(f"P{i}", "Stor", birth=date(1980, 1, 1) + timedelta(days=i))
        for key in ("navk", "health"):
            involve(key, p)
        consent(p, ["navk"], ["health"])
        persons.append(p)
    return family_of(*[(p, "other") for p in persons], name="Familien Stor"), persons


@pytest.mark.parametrize("size", [2, 25])
def test_plan_page_query_count_is_fixed(
    size, make_actor, make_person, involve, family_of, consent, django_assert_num_queries
):
    family, persons = _big_family(size, make_person, involve, family_of, consent)
    navk, health = make_actor("navk"), make_actor("health")
    plan = plan_get_or_create(actor=navk, family_id=family.pk)
    for i, p in enumerate(persons):
        goal_add(actor=navk, plan_id=plan.pk, text=f"Mål {i}")
        measure_add(actor=navk, plan_id=plan.pk, person_id=p.pk, category="economy", title=f"Ø{i}")
        measure_add(
            actor=health,
            plan_id=plan.pk,
            person_id=p.pk,
            category="health",
            title=f"H{i}",
            responsible_id=health.user.pk,
            due_date=timezone.localdate(),
        )
    # members, consents, plan, goals, measures, consents naming owners, the access log
    with django_assert_num_queries(7):
        view = _view(navk, family, through="count")
    assert len(view.members) == size and len(view.goals) == size
    assert len(view.measures) == 2 * size
    assert AccessEvent.objects.filter(through="count").count() == size
