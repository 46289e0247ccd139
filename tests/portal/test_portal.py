"""Min side: whose data a person sees, and that what they do is logged like staff actions. The
person session is set as the callback sets it (the real sign-in is in test_sign_in.py); the
consents, the plan and meetings, and the access log and data copy have their own files."""

from __future__ import annotations

import json
import re

import pytest

from helhet.audit.models import AccessEvent, ChangeEvent
from helhet.consent.services import PERSON_ACTOR
from helhet.core.categories import InformationCategory as Cat
from helhet.portal import services
from helhet.portal.data_copy import data_copy_for
from helhet.portal.errors import RestrictionInvalid
from helhet.portal.models import GuardianRestriction
from helhet.portal.policies import subject_for, subjects_for
from tests.portal.support import THROUGH, sign_in, years_ago

pytestmark = pytest.mark.django_db


def test_a_guardian_sees_the_child(family, today):
    subjects = subjects_for(family["parent"], today)
    assert [s.person for s in subjects] == [family["parent"], family["youth"], family["child"]]
    child = subject_for(family["parent"], family["child"], today)
    assert child is not None and Cat.CHILD_WELFARE in child.categories


def test_a_restricted_guardian_does_not_see_the_child(family, today, client):
    services.guardian_restriction_set(
        actor=family["cws"],
        child_id=family["child"].pk,
        guardian_id=family["parent"].pk,
        reason="Samværet er begrenset etter vedtak.",
    )
    assert subject_for(family["parent"], family["child"], today) is None
    assert family["child"] not in [s.person for s in subjects_for(family["parent"], today)]
    sign_in(client, family["parent"])
    page = client.get(f"/min-side/{family['child'].pk}/plan/")
    assert page.status_code == 404
    assert "Ola" not in page.content.decode()
    assert "Ola" not in client.get("/min-side/").content.decode()
    refused = AccessEvent.objects.filter(role="person", outcome="denied").get()
    assert refused.person_id is None and refused.target_ref == f"person:{family['child'].pk}"


def test_only_child_welfare_restricts_a_guardian(family):
    with pytest.raises(RestrictionInvalid):
        services.guardian_restriction_set(
            actor=family["nav"],
            child_id=family["child"].pk,
            guardian_id=family["parent"].pk,
            reason="Nei.",
        )


def test_a_lifted_restriction_gives_the_child_back(family, today):
    r = services.guardian_restriction_set(
        actor=family["cws"],
        child_id=family["child"].pk,
        guardian_id=family["parent"].pk,
        reason="Midlertidig.",
    )
    services.guardian_restriction_lift(actor=family["cws"], restriction_id=r.pk)
    assert subject_for(family["parent"], family["child"], today) is not None
    assert ChangeEvent.objects.filter(action="guardian_restriction.lift").count() == 1


def test_a_sixteen_year_old_sees_own_health_and_the_guardian_does_not(family, today, client):
    youth = subject_for(family["youth"], family["youth"], today)
    assert youth is not None and Cat.HEALTH in youth.categories
    copy = data_copy_for(subject=youth, through=THROUGH)
    assert [e["title"] for e in copy["information"]] == ["Helsesykepleier"]
    as_guardian = subject_for(family["parent"], family["youth"], today)
    assert as_guardian is not None and Cat.HEALTH not in as_guardian.categories
    copy = data_copy_for(subject=as_guardian, through=THROUGH)
    assert copy["information"] == []
    assert all("health" not in o["category"] for o in copy["organisations_working_with_you"])
    # The young person's own page, in the browser's words.
    sign_in(client, family["youth"])
    page = client.get(f"/min-side/{family['youth'].pk}/my-data.json")
    assert "Samtaler hver uke." in page.content.decode()


def test_every_read_on_min_side_is_logged_with_role_person(family, client):
    sign_in(client, family["parent"])
    pid = family["parent"].pk
    before = AccessEvent.objects.filter(role="person").count()
    for url in ("consents/", "plan/", "meetings/", "access-log/", "my-data.json"):
        assert client.get(f"/min-side/{pid}/{url}").status_code == 200, url
    events = list(AccessEvent.objects.filter(role="person").order_by("id")[before:])
    assert len(events) >= 5
    assert {e.username for e in events} == {PERSON_ACTOR}
    assert {e.reason for e in events} == {"self"}
    assert all(e.person_id == pid and e.user_id is None for e in events)
    assert family["parent"].national_id not in json.dumps([e.username for e in events])


def test_someone_elses_pages_are_a_neutral_404(family, client, make_person):
    stranger = make_person("Per", "Fremmed", years_ago(50))
    sign_in(client, stranger)
    for person in (family["parent"], family["child"]):
        page = client.get(f"/min-side/{person.pk}/consents/")
        assert page.status_code == 404
        assert person.given_name not in page.content.decode()

    def body(url: str) -> str:
        page = client.get(url).content.decode().replace(url, "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)

    child_url = f"/min-side/{family['child'].pk}/consents/"
    assert body("/min-side/999999/consents/") == body(child_url)


def test_pages_are_not_cached_and_allow_the_sign_out_form(family, client, settings):
    sign_in(client, family["parent"])
    response = client.get("/min-side/")
    assert "no-store" in response["Cache-Control"]
    assert (
        "form-action 'self' " + settings.OIDC_ISSUER.rstrip("/")
        in response["Content-Security-Policy"]
    )
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_child_welfare_restricts_a_guardian_on_its_staff_page(family, client, today):
    child, parent = family["child"], family["parent"]
    client.force_login(family["cws"].user)
    url = f"/people/{child.pk}/guardian-restrictions/"
    page = client.get(url)
    assert page.status_code == 200 and "Kari Nordmann" in page.content.decode()
    response = client.post(url, {"guardian": str(parent.pk), "reason": "Vedtak om samvær."})
    assert response.status_code == 302
    assert subject_for(parent, child, today) is None
    restriction = GuardianRestriction.objects.get(child=child)
    client.post(url, {"lift": str(restriction.pk)})
    assert subject_for(parent, child, today) is not None
    # NAV works with the parent, not the child: the page does not exist for it.
    client.force_login(family["nav"].user)
    assert client.get(url).status_code == 404


def test_a_young_person_is_told_what_their_guardian_sees(family, client):
    sign_in(client, family["youth"])
    page = client.get("/min-side/").content.decode()
    assert "Your guardian sees the rest until you turn 18." in page
    sign_in(client, family["parent"])
    page = client.get("/min-side/").content.decode()
    assert "Your guardian sees the rest" not in page
    assert "Siri Nordmann" in page and "Ola Nordmann" in page
