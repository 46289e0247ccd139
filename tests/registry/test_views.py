"""The registry pages: search, compare, export, the entry and its forms; the link from a
network; permissions; CSP-clean pages."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from helhet.registry import services
from helhet.registry.models import RegistryEntry, RegistryFunding, RegistryPartner
from tests.plans.conftest import assert_safe_page, web_client


def test_make_an_entry_from_the_list_and_the_network_link(quebec, orgs):
    c = web_client(quebec.researcher)
    html = assert_safe_page(c.get("/registry/"))
    assert "Register a network" in html and "0 networks" in html
    # From the network's page: no entry yet, so the offer to make one.
    offer = assert_safe_page(c.get(f"/registry/networks/{quebec.network.pk}/"))
    assert "Make the registry entry from the network" in offer
    made = c.post("/registry/new/", {"network": quebec.network.pk})
    entry = RegistryEntry.objects.get(network=quebec.network)
    assert made.status_code == 302 and made.url == f"/registry/{entry.pk}/"
    link = c.get(f"/registry/networks/{quebec.network.pk}/")
    assert link.status_code == 302 and link.url == f"/registry/{entry.pk}/"
    detail = assert_safe_page(c.get(f"/registry/{entry.pk}/"))
    assert f'href="/networks/{quebec.network.pk}/"' in detail  # and back to the network
    assert "Statsforvalteren" in detail and "From the network" in detail
    again = c.post("/registry/new/", {"network": quebec.network.pk})
    assert_safe_page(again, 400)
    assert c.get("/registry/networks/999999/").status_code == 404


def test_edit_partners_and_funding_on_the_page(quebec, orgs):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    c = web_client(quebec.lead)
    assert_safe_page(c.get(f"/registry/{entry.pk}/edit/"))
    bad = c.post(
        f"/registry/{entry.pk}/edit/",
        {"year_created": "1700", "setting": "urban", "notes": "Behold meg"},
    )
    page = assert_safe_page(bad, 400)
    assert "Behold meg" in page
    ok = c.post(
        f"/registry/{entry.pk}/edit/",
        {"year_created": "2008", "setting": "urban", "sponsor": orgs["health"].pk},
    )
    assert ok.status_code == 302
    entry.refresh_from_db()
    assert (entry.year_created, entry.setting, entry.sponsor_id) == (
        2008,
        "urban",
        orgs["health"].pk,
    )

    nameless = c.post(f"/registry/{entry.pk}/partners/", {"sector": "private"})
    assert "give the partner&#x27;s name" in assert_safe_page(nameless, 400)
    added = c.post(
        f"/registry/{entry.pk}/partners/", {"name": "Kirkens Bymisjon", "sector": "non_profit"}
    )
    assert added.status_code == 302
    partner = RegistryPartner.objects.get(name="Kirkens Bymisjon")
    assert c.post(f"/registry/{entry.pk}/partners/remove/", {"item": partner.pk}).status_code == 302
    assert not RegistryPartner.objects.filter(pk=partner.pk).exists()
    assert_safe_page(c.post(f"/registry/{entry.pk}/partners/remove/", {"item": "x"}), 400)

    backwards = c.post(
        f"/registry/{entry.pk}/funding/",
        {
            "source": "Gave",
            "amount": "100",
            "period_start": "2026-05-01",
            "period_end": "2026-01-01",
        },
    )
    assert "end on or after" in assert_safe_page(backwards, 400)
    assert (
        c.post(f"/registry/{entry.pk}/funding/", {"source": "Gave", "amount": "100"}).status_code
        == 302
    )
    line = RegistryFunding.objects.get(source="Gave")
    assert c.post(f"/registry/{entry.pk}/funding/remove/", {"item": line.pk}).status_code == 302
    assert c.post(f"/registry/{entry.pk}/refresh/").status_code == 302


def test_search_compare_and_export_pages(quebec, orgs):
    one = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    two = services.entry_create(actor=quebec.researcher, network_id=quebec.team.pk)
    c = web_client(quebec.cws)  # a manager reads the registry
    html = assert_safe_page(c.get("/registry/", {"q": "osk", "has_funding": "no"}))
    assert f'data-entry="{two.pk}"' in html and f'data-entry="{one.pk}"' not in html
    assert "export.csv?q=osk&amp;has_funding=no" in html
    assert "Register a network" not in html  # not an editor
    bad = c.get("/registry/", {"year_from": "2020", "year_to": "2010"})
    assert_safe_page(bad, 400)
    compare = assert_safe_page(c.get("/registry/compare/", {"ids": [two.pk, one.pk]}))
    assert compare.index("OSK-teamet") < compare.index("Nettverk for unge familier")
    assert "1 750 000" in compare
    assert "between two and four" in assert_safe_page(
        c.get("/registry/compare/", {"ids": [one.pk]}), 400
    )
    exported = c.get("/registry/export.csv", {"q": "osk"})
    assert exported["Content-Type"].startswith("text/csv")
    text = exported.content.decode("utf-8-sig")
    assert "OSK-teamet" in text and "Nettverk for unge familier" not in text
    workbook = c.get("/registry/export.xlsx")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row == 3
    detail = assert_safe_page(c.get(f"/registry/{one.pk}/"))
    assert "Edit the form" not in detail and "Add a partner" not in detail
    assert_safe_page(c.get(f"/registry/{one.pk}/edit/"), 403)


def test_the_registry_is_for_the_observatory(quebec):
    entry = services.entry_create(actor=quebec.researcher, network_id=quebec.network.pk)
    c = web_client(quebec.caseworker)
    assert_safe_page(c.get("/registry/"), 403)
    assert_safe_page(c.get(f"/registry/{entry.pk}/"), 403)
    assert c.get("/registry/export.csv").status_code == 403
    assert_safe_page(c.get(f"/registry/networks/{quebec.network.pk}/"), 403)
