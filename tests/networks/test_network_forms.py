"""The forms on the network page: mandate, objectives, member roles, representatives, network
meetings, and new bodies. Each: success, refusal for non-editors, bad input kept with a 400."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helhet.audit.models import ChangeEvent
from helhet.meetings.models import Meeting, Participant
from helhet.networks import services
from helhet.networks.models import (
    Mandate,
    Network,
    NetworkMeeting,
    NetworkMember,
    Objective,
    Representative,
)
from helhet.tenancy.models import Role
from tests.plans.conftest import assert_safe_page, web_client


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_the_editor_sees_every_form_and_a_reader_none(net):
    html = assert_safe_page(web_client(net.lead).get(f"/networks/{net.network.pk}/"))
    for text in (
        "Record the mandate",
        "Add an objective",
        "Change a member's role",
        "Add a representative",
        "Book a network meeting",
        "New body",
        "Change lifecycle stage",
    ):
        assert text in html, text
    # Ids stay unique with several forms on one page.
    ids = [part.split('"', 1)[0] for part in html.split(' id="')[1:]]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    reader = assert_safe_page(web_client(net.cws).get(f"/networks/{net.network.pk}/"))
    for text in ("Record the mandate", "Add an objective", "Book a network meeting", "New body"):
        assert text not in reader


def test_mandate_set_and_changed(net):
    c = web_client(net.lead)
    nid = net.network.pk
    ok = c.post(
        f"/networks/{nid}/mandate/",
        {
            "issued_by": "Kommunedirektøren",
            "regulatory_basis": "NAV-loven § 15",
            "issued_on": "2024-02-01",
            "scope": "Familier med lav inntekt",
        },
    )
    assert ok.status_code == 302 and ok.url == f"/networks/{nid}/"
    mandate = Mandate.objects.get(network_id=nid)
    assert mandate.issued_on == date(2024, 2, 1) and mandate.regulatory_basis == "NAV-loven § 15"
    html = assert_safe_page(c.get(ok.url))
    assert "Kommunedirektøren" in html and "Change the mandate" in html
    assert 'value="Kommunedirektøren"' in html  # the form starts from the mandate
    assert c.post(f"/networks/{nid}/mandate/", {"issued_by": "Bystyret"}).status_code == 302
    mandate.refresh_from_db()
    assert mandate.issued_by == "Bystyret" and mandate.issued_on is None
    assert Mandate.objects.count() == 1


def test_mandate_without_issuer_is_refused_and_kept(net):
    c = web_client(net.lead)
    nid = net.network.pk
    bad = c.post(
        f"/networks/{nid}/mandate/",
        {"issued_by": "  ", "regulatory_basis": "Lov om sosiale tjenester", "scope": "Alt"},
    )
    html = assert_safe_page(bad, 400)
    assert "This field is required" in html and "Lov om sosiale tjenester" in html
    assert "<details open>" in html
    assert not Mandate.objects.exists()
    wrong_date = c.post(f"/networks/{nid}/mandate/", {"issued_by": "X", "issued_on": "2024-13-01"})
    assert_safe_page(wrong_date, 400)
    assert not Mandate.objects.exists()


def test_mandate_refused_to_a_non_editor(net):
    denied = web_client(net.cws).post(
        f"/networks/{net.network.pk}/mandate/", {"issued_by": "Barnevernet"}
    )
    assert "Only managers" in assert_safe_page(denied, 403)
    assert not Mandate.objects.exists()
    assert web_client(net.cws).get(f"/networks/{net.network.pk}/mandate/").status_code == 405


def test_objective_added_explicit_or_implicit(net):
    c = web_client(net.lead)
    nid = net.network.pk
    for text, explicit in (("Færre barn i lavinntekt", "explicit"), ("Raskere hjelp", "implicit")):
        ok = c.post(f"/networks/{nid}/objectives/", {"text": text, "explicit": explicit})
        assert ok.status_code == 302
    assert dict(Objective.objects.values_list("text", "explicit")) == {
        "Færre barn i lavinntekt": True,
        "Raskere hjelp": False,
    }
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert "Raskere hjelp (implicit)" in html
    empty = c.post(f"/networks/{nid}/objectives/", {"text": "", "explicit": "explicit"})
    assert_safe_page(empty, 400)
    unknown = c.post(f"/networks/{nid}/objectives/", {"text": "Noe", "explicit": "maybe"})
    assert_safe_page(unknown, 400)
    denied = web_client(net.cws).post(
        f"/networks/{nid}/objectives/", {"text": "Noe", "explicit": "explicit"}
    )
    assert_safe_page(denied, 403)
    assert Objective.objects.count() == 2


def test_member_role_changed(net):
    c = web_client(net.lead)
    nid = net.network.pk
    ok = c.post(f"/networks/{nid}/members/role/", {"member": net.cws_member.pk, "role": "sponsor"})
    assert ok.status_code == 302
    assert NetworkMember.objects.get(pk=net.cws_member.pk).role == "sponsor"
    assert ChangeEvent.objects.filter(action="network.member_role").count() == 1
    # A member of another network is not offered, and is not changed.
    other = services.network_create(actor=net.lead, name="Annet", kind="voluntary", type="network")
    foreign = NetworkMember.objects.get(network=other)
    bad = c.post(f"/networks/{nid}/members/role/", {"member": foreign.pk, "role": "advisory"})
    assert_safe_page(bad, 400)
    assert NetworkMember.objects.get(pk=foreign.pk).role == "lead"
    unknown = c.post(
        f"/networks/{nid}/members/role/", {"member": net.cws_member.pk, "role": "king"}
    )
    assert_safe_page(unknown, 400)
    # Staff in a managing role of a sponsoring member edit too.
    by_sponsor = web_client(net.health).post(
        f"/networks/{nid}/members/role/", {"member": net.cws_member.pk, "role": "member"}
    )
    assert by_sponsor.status_code == 302
    assert NetworkMember.objects.get(pk=net.cws_member.pk).role == "member"


def test_member_role_refused_to_a_non_editor(net, make_actor):
    nid = net.network.pk
    for actor in (net.caseworker, make_actor("school", Role.MANAGER)):
        denied = web_client(actor).post(
            f"/networks/{nid}/members/role/", {"member": net.cws_member.pk, "role": "sponsor"}
        )
        assert_safe_page(denied, 403)
    assert NetworkMember.objects.get(pk=net.cws_member.pk).role == "member"


def test_representative_added_as_staff_or_by_name(net, make_actor):
    c = web_client(net.lead)
    nid = net.network.pk
    lead_member = NetworkMember.objects.get(network_id=nid, organisation=net.lead.organisation)
    colleague = make_actor("navk", Role.CASEWORKER)
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert colleague.user.get_full_name() in html
    staff = c.post(
        f"/networks/{nid}/members/representatives/",
        {"member": lead_member.pk, "user": colleague.user.pk, "title": "Veileder"},
    )
    assert staff.status_code == 302
    named = c.post(
        f"/networks/{nid}/members/representatives/",
        {"member": net.cws_member.pk, "name": "Kari Vik", "title": "Leder"},
    )
    assert named.status_code == 302
    assert set(Representative.objects.values_list("member_id", "user_id", "name", "title")) == {
        (lead_member.pk, colleague.user.pk, "", "Veileder"),
        (net.cws_member.pk, None, "Kari Vik", "Leder"),
    }
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert "Kari Vik (Leder)" in html


def test_representative_bad_input(net):
    c = web_client(net.lead)
    nid = net.network.pk
    # A colleague from NAV is not staff of child welfare: the service says so.
    wrong = c.post(
        f"/networks/{nid}/members/representatives/",
        {"member": net.cws_member.pk, "user": net.lead.user.pk, "title": "Leder"},
    )
    assert "does not work in the member organisation" in assert_safe_page(wrong, 400)
    nobody = c.post(
        f"/networks/{nid}/members/representatives/",
        {"member": net.cws_member.pk, "title": "Kontaktperson"},
    )
    html = assert_safe_page(nobody, 400)
    assert "Name the representative" in html and 'value="Kontaktperson"' in html
    no_member = c.post(f"/networks/{nid}/members/representatives/", {"name": "Kari"})
    assert_safe_page(no_member, 400)
    denied = web_client(net.cws).post(
        f"/networks/{nid}/members/representatives/",
        {"member": net.cws_member.pk, "name": "Kari"},
    )
    assert_safe_page(denied, 403)
    assert not Representative.objects.exists()


def test_member_added_twice_is_refused(net, orgs):
    c = web_client(net.lead)
    nid = net.network.pk
    before = NetworkMember.objects.filter(network_id=nid).count()
    dup = c.post(f"/networks/{nid}/members/", {"organisation": orgs["cws"].pk, "role": "advisory"})
    html = assert_safe_page(dup, 400)
    assert "The organisation is already a member of this network." in html
    assert NetworkMember.objects.filter(network_id=nid).count() == before
    assert NetworkMember.objects.get(pk=net.cws_member.pk).role == "member"


def test_network_meeting_booked_and_linked(net, orgs):
    c = web_client(net.lead)
    nid = net.network.pk
    start = timezone.now() + timedelta(days=7)
    ok = c.post(
        f"/networks/{nid}/meetings/",
        {
            "title": "Nettverksmøte mai",
            "starts_at": _local(start),
            "ends_at": _local(start + timedelta(hours=2)),
            "location": "Rådhuset",
            "agenda": "Status",
        },
    )
    meeting = Meeting.objects.get()
    assert ok.status_code == 302 and ok.url == f"/meetings/{meeting.pk}/"
    assert NetworkMeeting.objects.get(meeting=meeting).network_id == nid
    assert meeting.location == "Rådhuset" and timezone.is_aware(meeting.starts_at)
    assert set(
        Participant.objects.filter(meeting=meeting).values_list("organisation_id", flat=True)
    ) == {orgs["navk"].pk, orgs["cws"].pk, orgs["health"].pk}
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert "Nettverksmøte mai" in html and f'href="/meetings/{meeting.pk}/"' in html


def test_network_meeting_ending_before_it_starts(net):
    c = web_client(net.lead)
    nid = net.network.pk
    start = timezone.now() + timedelta(days=7)
    bad = c.post(
        f"/networks/{nid}/meetings/",
        {
            "title": "Baklengs",
            "starts_at": _local(start),
            "ends_at": _local(start - timedelta(hours=1)),
            "location": "Rådhuset",
        },
    )
    html = assert_safe_page(bad, 400)
    assert "A meeting must end after it starts." in html
    assert 'value="Baklengs"' in html and 'value="Rådhuset"' in html
    assert not Meeting.objects.exists()
    missing = c.post(f"/networks/{nid}/meetings/", {"title": "Uten tid"})
    assert_safe_page(missing, 400)
    assert not Meeting.objects.exists()


def test_network_meeting_refused(net, make_actor):
    nid = net.network.pk
    start = timezone.now() + timedelta(days=7)
    data = {
        "title": "Møte",
        "starts_at": _local(start),
        "ends_at": _local(start + timedelta(hours=1)),
    }
    # A non-editor (child welfare is an ordinary member), and an administrator of the lead
    # organisation (may edit the network, but books no meetings: they involve no clients here,
    # yet meeting booking is for roles that work with people).
    assert_safe_page(web_client(net.cws).post(f"/networks/{nid}/meetings/", data), 403)
    admin = make_actor("navk", Role.ADMINISTRATOR)
    admin_page = assert_safe_page(web_client(admin).get(f"/networks/{nid}/"))
    assert "Record the mandate" in admin_page and "Book a network meeting" not in admin_page
    assert web_client(admin).post(f"/networks/{nid}/meetings/", data).status_code == 403
    services.network_status_change(actor=net.lead, network_id=nid, status="ended")
    ended = web_client(net.lead)
    assert "Book a network meeting" not in assert_safe_page(ended.get(f"/networks/{nid}/"))
    assert "An ended network holds no meetings." in assert_safe_page(
        ended.post(f"/networks/{nid}/meetings/", data), 400
    )
    assert not Meeting.objects.exists()


def test_new_body_form_names_its_network(net):
    c = web_client(net.lead)
    nid = net.network.pk
    html = assert_safe_page(c.get(f"/networks/{nid}/"))
    assert f'href="/networks/new/?parent={nid}"' in html
    form = assert_safe_page(c.get(f"/networks/new/?parent={nid}"))
    assert "New body" in form and "The body will belong to OSK-teamet." in form
    assert "Create a network" not in form
    plain = assert_safe_page(c.get("/networks/new/"))
    assert "will belong to" not in plain
    assert web_client(net.lead).get("/networks/new/?parent=999999").status_code == 404
    ok = c.post(
        f"/networks/new/?parent={nid}",
        {
            "name": "Styringsgruppe",
            "kind": "mandated",
            "type": "steering_committee",
            "leadership_model": "shared",
        },
    )
    assert ok.status_code == 302
    assert Network.objects.get(name="Styringsgruppe").parent_id == nid


def test_network_page_queries_do_not_grow(net, orgs, make_actor):
    c = web_client(net.lead)
    nid = net.network.pk

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/networks/{nid}/").status_code == 200
        return len(ctx.captured_queries)

    start = timezone.now() - timedelta(days=10)
    services.network_meeting_book(
        actor=net.lead,
        network_id=nid,
        title="M0",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    services.representative_add(
        actor=net.lead, network_id=nid, member_id=net.cws_member.pk, name="A"
    )
    before = count()
    for key in ("school", "vol", "nav"):
        member = services.member_add(actor=net.lead, network_id=nid, organisation_id=orgs[key].pk)
        services.representative_add(actor=net.lead, network_id=nid, member_id=member.pk, name=key)
    for i in range(1, 4):
        services.network_meeting_book(
            actor=net.lead,
            network_id=nid,
            title=f"M{i}",
            starts_at=start + timedelta(days=i),
            ends_at=start + timedelta(days=i, hours=1),
        )
        make_actor("navk", Role.CASEWORKER)
    assert count() == before
