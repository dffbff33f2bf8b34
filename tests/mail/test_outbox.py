"""The outbox against a real SMTP server (aiosmtpd) that is stopped, refuses, or hangs: every mail a user was told
about arrives, once (careerpath.outbox)."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import OperationalError, connections
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from careerpath.models import OutboxMessage, OutboxState
from careerpath.outbox import GIVE_UP_AFTER, LEASE, outbox_deliver_due
from planning.digest import digest_week_due, digests_send_due
from planning.models import DigestDelivery
from tests.accounts.steps import verified_user
from tests.concurrency import postgresql_only, run_at_once_with_results
from tests.factories import UserFactory
from tests.smtp import SilentServer, SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink():
    server = SmtpSink()
    with override_settings(**server.settings()):
        yield server
    server.stop()


def ask_for_a_reset(email) -> str:
    """What the person sees after asking for a reset link: the page that says it was sent."""
    response = Client().post(reverse("account_reset_password"), {"email": email}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_reset_asked_for_while_the_mail_server_is_down_arrives_once_when_it_is_back(sink):
    verified_user("reset@example.com")
    page = ask_for_a_reset("reset@example.com")
    assert "sent you an email" in page.lower()
    row = OutboxMessage.objects.get()
    assert row.recipients == ["reset@example.com"] and row.state == OutboxState.PENDING

    start = timezone.now()
    # Down for an hour: far past the old queue's three retries a minute apart, after which it dropped the mail.
    for minutes in (0, 2, 5, 10, 30, 60):
        assert outbox_deliver_due(now=start + timedelta(minutes=minutes)) == 0
    row.refresh_from_db()
    assert row.state == OutboxState.PENDING and row.attempts >= 4
    assert "Connection refused" in row.last_error or "Errno" in row.last_error

    sink.start()
    assert outbox_deliver_due(now=start + timedelta(hours=3)) == 1
    assert outbox_deliver_due(now=start + timedelta(hours=4)) == 0
    assert len(sink.received) == 1
    received = sink.received[0]
    assert received.recipients == ["reset@example.com"]
    assert "/accounts/password/reset/key/" in received.body
    row.refresh_from_db()
    assert row.state == OutboxState.SENT and received.message["Message-ID"] == row.message_id
    assert bytes(row.content) == b"", "the reset link does not stay in the database once sent"


def test_a_mail_held_by_a_worker_that_died_is_sent_after_its_claim_runs_out_with_the_same_message_id(sink):
    from careerpath import outbox

    verified_user("held@example.com")
    ask_for_a_reset("held@example.com")
    sink.start()
    now = timezone.now()
    _claim, rows = outbox._claimed(now)  # a worker took it, then was killed before sending
    assert [row.recipients for row in rows] == [["held@example.com"]]
    assert outbox_deliver_due(now=now + LEASE - timedelta(seconds=1)) == 0, "still held by the first worker"
    assert outbox_deliver_due(now=now + LEASE + timedelta(seconds=1)) == 1
    assert len(sink.received) == 1
    assert sink.received[0].message["Message-ID"] == rows[0].message_id


def test_a_mail_refused_for_good_is_failed_with_the_error_and_staff_can_send_it_again(sink, client):
    verified_user("gone@example.com")
    ask_for_a_reset("gone@example.com")
    sink.refuse = True
    sink.start()
    assert outbox_deliver_due() == 0
    row = OutboxMessage.objects.get()
    assert row.state == OutboxState.FAILED and "550" in row.last_error

    changelist = reverse("admin:careerpath_outboxmessage_changelist")
    learner = verified_user("learner@example.com")
    client.force_login(learner)
    assert client.get(changelist).status_code == 302  # to the admin's sign-in: not for learners
    action = {"action": "send_again", "_selected_action": [row.pk]}
    staff = UserFactory(email="support@example.com", is_staff=True)
    client.force_login(staff)
    assert client.get(changelist).status_code == 403  # staff without the outbox permission
    assert client.post(changelist, action).status_code == 403
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listed = client.get(changelist).content.decode()
    assert "gone@example.com" in listed and "Failed" in listed
    detail = client.get(reverse("admin:careerpath_outboxmessage_change", args=[row.pk])).content.decode()
    assert "550" in detail and "/password/reset/key/" not in detail, "the error is shown, the mail's link never"
    assert client.post(changelist, action, follow=True).status_code == 200
    row.refresh_from_db()
    assert row.state == OutboxState.PENDING and row.attempts == 0

    sink.refuse = False
    assert outbox_deliver_due() == 1
    assert [received.recipients for received in sink.received] == [["gone@example.com"]]


def test_a_mail_server_that_never_answers_costs_one_attempt_not_a_stuck_worker(sink):
    verified_user("slow@example.com")
    ask_for_a_reset("slow@example.com")
    silent = SilentServer()
    try:
        with override_settings(EMAIL_PORT=silent.port, EMAIL_TIMEOUT=1):
            started = time.monotonic()
            assert outbox_deliver_due() == 0
            assert time.monotonic() - started < 5
    finally:
        silent.close()
    row = OutboxMessage.objects.get()
    assert row.state == OutboxState.PENDING and "timed out" in row.last_error


def test_a_mail_is_given_up_only_after_a_day_of_tries(sink):
    verified_user("later@example.com")
    ask_for_a_reset("later@example.com")
    written = OutboxMessage.objects.get().created_at
    assert outbox_deliver_due(now=written + timedelta(hours=23)) == 0
    assert OutboxMessage.objects.get().state == OutboxState.PENDING
    assert outbox_deliver_due(now=written + GIVE_UP_AFTER + timedelta(minutes=1)) == 0
    assert OutboxMessage.objects.get().state == OutboxState.FAILED


@pytest.mark.django_db(transaction=True)
def test_a_digest_whose_commit_fails_sends_nothing_and_the_next_run_sends_exactly_one(sink, monkeypatch):
    learner = verified_user("digest@example.com")
    Profile.objects.create(user=learner, weekly_digest=True)
    now = timezone.now() + timedelta(days=8)
    monday = digest_week_due(learner.profile, now=now)
    assert monday is not None
    database = connections["default"]
    commit, failures = database.commit, []

    def connection_lost_at_first_commit():
        if not failures:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        commit()

    monkeypatch.setattr(database, "commit", connection_lost_at_first_commit)
    with pytest.raises(OperationalError):
        digests_send_due(now=now)
    assert not DigestDelivery.objects.exists() and not OutboxMessage.objects.exists()

    assert digests_send_due(now=now).sent == 1
    assert digests_send_due(now=now).sent == 0
    sink.start()
    assert outbox_deliver_due() == 1
    assert [received.recipients for received in sink.received] == [["digest@example.com"]]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_mail_once(sink):
    for number in range(30):
        mail.send_mail("Your week", "What to do this week.", None, [f"learner{number}@example.com"])
    sink.start()
    results, errors = run_at_once_with_results(outbox_deliver_due, outbox_deliver_due)
    assert errors == [] and sum(results) == 30
    assert sorted(received.recipients[0] for received in sink.received) == sorted(
        f"learner{number}@example.com" for number in range(30)
    )


def test_mail_in_tests_still_arrives_in_the_request_when_the_outbox_is_not_asked_for():
    """The suite's default (careerpath.settings.test): locmem, so the other tests read mail.outbox directly."""
    verified_user("direct@example.com")
    ask_for_a_reset("direct@example.com")
    assert len(mail.outbox) == 1 and not OutboxMessage.objects.exists()


def test_an_address_that_cannot_be_sent_is_refused_when_written_not_left_in_the_outbox(sink):
    with pytest.raises(ValueError, match="Invalid address"):
        mail.EmailMessage("Hi", "Body", None, ["a@example.com"], bcc=["b@example.com, c@example.com"]).send()
    assert not OutboxMessage.objects.exists()


def test_one_mail_that_fails_oddly_is_failed_and_the_rest_of_its_batch_still_goes(sink):
    for number in range(3):
        mail.send_mail("Hi", "Body", None, [f"learner{number}@example.com"])
    # written around outbox_add's check, as a row from before it would be
    odd_recipients = ["x@example.com, y@example.com"]
    OutboxMessage.objects.filter(recipients=["learner1@example.com"]).update(recipients=odd_recipients)
    sink.start()
    assert outbox_deliver_due() == 2
    odd = OutboxMessage.objects.get(recipients=odd_recipients)
    assert odd.state == OutboxState.FAILED and "ValueError" in odd.last_error
    assert sorted(received.recipients[0] for received in sink.received) == [
        "learner0@example.com",
        "learner2@example.com",
    ]


def test_a_server_refusing_our_sender_fails_no_mail_and_stops_at_the_first(sink):
    from careerpath.outbox import BATCH

    for number in range(BATCH + 5):
        mail.send_mail("Hi", "Body", None, [f"learner{number}@example.com"])
    sink.refuse_sender = True
    sink.start()
    assert outbox_deliver_due() == 0
    assert not OutboxMessage.objects.filter(state=OutboxState.FAILED).exists(), "a rotated password fails no mail"
    assert OutboxMessage.objects.filter(attempts=1).count() == 1, "one mail tried, the rest left for the sweep"
    sink.refuse_sender = False
    assert outbox_deliver_due(now=timezone.now() + timedelta(minutes=5)) == BATCH + 5


def test_a_sender_whose_claim_ran_out_sends_nothing_another_sender_took(sink):
    from careerpath import outbox

    for number in range(3):
        mail.send_mail("Hi", "Body", None, [f"learner{number}@example.com"])
    sink.start()
    now = timezone.now()
    claim, rows = outbox._claimed(now)  # a slow sender took them ...
    assert outbox_deliver_due(now=now + LEASE + timedelta(seconds=1)) == 3  # ... and another, once the claim ran out
    assert outbox._delivered(claim, rows, now + LEASE) == (0, False), "the slow sender skips what it lost"
    assert len(sink.received) == 3


def test_send_again_leaves_a_mail_a_sender_holds_to_that_sender(sink):
    from careerpath import outbox

    mail.send_mail("Hi", "Body", None, ["held@example.com"])
    sink.start()
    outbox._claimed(timezone.now())
    assert outbox.outbox_resend(queryset=OutboxMessage.objects.all()) == 0


def test_failed_mail_keeps_its_content_a_week_then_cannot_be_sent_again(sink):
    from careerpath.outbox import outbox_prune, outbox_resend

    verified_user("gone@example.com")
    ask_for_a_reset("gone@example.com")
    sink.refuse = True
    sink.start()
    outbox_deliver_due()
    failed = OutboxMessage.objects.get()
    assert failed.state == OutboxState.FAILED and bytes(failed.content)
    outbox_prune(now=timezone.now() + timedelta(days=6))
    assert bytes(OutboxMessage.objects.get().content), "still there to send again"
    outbox_prune(now=timezone.now() + timedelta(days=8))
    assert bytes(OutboxMessage.objects.get().content) == b"", "the reset link does not stay"
    assert outbox_resend(queryset=OutboxMessage.objects.all()) == 0
