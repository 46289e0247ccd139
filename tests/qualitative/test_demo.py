"""The demo loader, run right after the demo dataset (as ``demo_load`` will call it)."""

from __future__ import annotations

import pytest

from helhet.demo.observatory_coding import TITLE, load_coding_project
from helhet.demo.observatory_coding_material import SITE_ACTION, SITE_OSK, SITE_QUEBEC
from helhet.demo.services import demo_load
from helhet.observatory.constructs import Construct
from helhet.qualitative.models import Project, Segment, SourceKind
from helhet.tenancy.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    demo_load()
    orgs = {
        key: Organisation.objects.get(name=name)
        for key, name in (("rnd", "Demovik kommune, forskning og utvikling"),)
    }
    messages: list[str] = []
    load_coding_project(orgs, messages.append)
    return messages


def test_the_demo_coding_project(demo):
    """One load of the demo (it takes a while), checked from several sides."""
    _project_sites_and_networks()
    _every_construct_coded_twice_in_every_site()
    _minutes_imported_pseudonymised()
    _loading_twice_changes_nothing()


def _project_sites_and_networks():
    project = Project.objects.get(title=TITLE)
    assert project.created_by.username == "researcher"
    sites = {s.name: s for s in project.sites.select_related("network")}
    assert set(sites) == {SITE_OSK, SITE_ACTION, SITE_QUEBEC}
    assert sites[SITE_OSK].network.name == "OSK-teamet Demovik"
    assert sites[SITE_ACTION].network.name == "Aksjonsteam Sentrum"
    assert sites[SITE_QUEBEC].network.name == "Nettverk for unge familier"
    for site in sites.values():
        assert 2 <= site.sources.exclude(kind=SourceKind.MINUTES).count() <= 3


def _every_construct_coded_twice_in_every_site():
    project = Project.objects.get(title=TITLE)
    for site in project.sites.all():
        for construct in Construct:
            n = (
                Segment.objects.filter(source__site=site, codings__code__construct=construct)
                .distinct()
                .count()
            )
            assert n >= 2, (site.name, construct)
    assert set(project.codes.filter(parent=None).values_list("name", flat=True)) == {
        "Styring og maktforhold",
        "Gjensidighet og tillit",
        "Ressursforvaltning",
        "Organisasjonskultur",
        "Ledelse",
    }
    # Sub-codes exist and are used.
    assert project.codes.filter(parent__isnull=False).count() >= 5
    assert Segment.objects.filter(
        source__project=project, codings__code__parent__isnull=False
    ).exists()
    assert project.memos.count() >= 4


def _minutes_imported_pseudonymised():
    project = Project.objects.get(title=TITLE)
    minutes = project.sources.get(kind=SourceKind.MINUTES)
    assert minutes.site.name == SITE_QUEBEC
    for name in ("Magnus", "Moe", "Helga Hauge", "Vilde Vik", "Rune Forsker", "912 34 567", "@"):
        assert name not in minutes.text
    assert "Ansatt 1" in minutes.text and "Organisasjon 1" in minutes.text
    assert minutes.segments.count() == 4


def _loading_twice_changes_nothing():
    load_coding_project({}, lambda _m: None)
    assert Project.objects.filter(title=TITLE).count() == 1
