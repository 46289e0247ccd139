from __future__ import annotations

import pytest

from helhet.tenancy.models import Role


@pytest.fixture
def parties(make_actor, make_person, involve, consent):
    """A NAV caseworker (sender), a CWS caseworker (receiver), a school caseworker, a person."""
    nav = make_actor("nav")
    cws = make_actor("cws")
    school = make_actor("school")
    nav_manager = make_actor("nav", Role.MANAGER)
    person = make_person("Ung", "Henvist")
    involve("nav", person)
    consent(person, ["cws", "school"], ["work_activity", "economy"])
    return {"nav": nav, "cws": cws, "school": school, "nav_manager": nav_manager, "person": person}
