"""The reminder job: who is told what, and never twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from helhet.notifications.models import Notification
from helhet.notifications.reminders import run_reminders, scans
from helhet.notifications.services import notify
from helhet.referrals.models import Referral
from helhet.referrals.services import referral_acknowledge, referral_send
from helhet.tenancy.models import Role


@pytest.fixture
def overdue_referral(make_actor, make_person, involve, today):
    sender = make_actor("nav")
    sender.user.email = "sender@example.test"
    sender.user.save()
    manager = make_actor("nav", Role.MANAGER)
    manager.user.email = "leder@example.test"
    manager.user.save()
    receiver = make_actor("cws")
    person = make_person()
    involve("nav", person)
    referral = referral_send(
        actor=sender,
        person_id=person.pk,
        to_organisation_id=receiver.organisation_id,
        reason="Hjelp",
    )
    Referral.objects.filter(pk=referral.pk).update(deadline=today - timedelta(days=1))
    return {"referral": referral, "sender": sender, "manager": manager, "receiver": receiver}


def _only_referrals(monkeypatch):
    monkeypatch.setattr(
        settings,
        "HELHET_REMINDER_SCANS",
        ["helhet.referrals.reminders.remind_overdue_referrals"],
    )


def test_overdue_referral_notifies_sender_and_manager_once(
    overdue_referral, monkeypatch, django_capture_on_commit_callbacks
):
    _only_referrals(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        first = run_reminders()
    assert first.sent["referral_overdue"] == 2
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {
        overdue_referral["sender"].user.username,
        overdue_referral["manager"].user.username,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["leder@example.test", "sender@example.test"]
    assert all("Helhet" in m.subject and "/referrals/" in m.body for m in mail.outbox)
    # No personal data in the text: no name, no national ID.
    person = overdue_referral["referral"].person
    assert all(person.family_name not in n.title for n in Notification.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        second = run_reminders()
    assert second.total() == 0 and second.already_sent["referral_overdue"] == 2
    assert Notification.objects.count() == 2 and len(mail.outbox) == 2
    overdue_referral["referral"].refresh_from_db()
    assert overdue_referral["referral"].escalated_at is not None


def test_acknowledged_referral_is_not_reminded(overdue_referral, monkeypatch):
    _only_referrals(monkeypatch)
    referral_acknowledge(
        actor=overdue_referral["receiver"], referral_id=overdue_referral["referral"].pk
    )
    assert run_reminders().total() == 0


def test_remind_command(overdue_referral, monkeypatch, capsys):
    _only_referrals(monkeypatch)
    call_command("remind")
    call_command("remind")
    out = capsys.readouterr().out
    assert (
        "referral_overdue: 2 sent" in out
        and "referral_overdue: 0 sent, 2 already sent before" in out
    )


def test_remind_command_rejects_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("remind", "--date", "23.11.2026")


def test_worker_once(overdue_referral, monkeypatch, capsys):
    _only_referrals(monkeypatch)
    call_command("worker", "--once")
    assert "reminders: 2 sent" in capsys.readouterr().out


def test_notify_is_idempotent_per_key(make_actor):
    actor = make_actor("nav")
    assert notify(recipient=actor.user, kind="k", key="same", title="t") is not None
    assert notify(recipient=actor.user, kind="k", key="same", title="t") is None
    assert Notification.objects.count() == 1


def test_every_scan_is_registered():
    assert [s.__name__ for s in scans()] == [
        "remind_overdue_referrals",
        "remind_overdue_measures",
        "remind_transitions",
        "review_access_log",
    ]
