"""The weekly digest: opt-in, due from Monday 08:00 in the learner's zone, sent once, stopped with one click."""

import threading
from datetime import UTC, date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from planning.digest import digest_week_due, digests_send_due, unsubscribe_token
from planning.models import DigestDelivery
from progress.models import ProgressStatus
from progress.services import progress_set_status
from tests.factories import UserFactory

MONDAY_0830_UTC = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


def learner(zone: str, *, digest=True, role=None):
    user = UserFactory(email=f"{zone.replace('/', '-').lower() or 'utc'}@example.com")
    Profile.objects.create(user=user, time_zone=zone, weekly_digest=digest, target_role=role, hours_per_week=6)
    return user


@pytest.mark.django_db
def test_each_learner_gets_it_from_monday_eight_their_time(path):
    tokyo, paris, la = learner("Asia/Tokyo"), learner("Europe/Paris"), learner("America/Los_Angeles")
    for each in (tokyo, paris, la):  # last week's went out last Monday
        DigestDelivery.objects.create(learner=each, week_start=date(2026, 11, 16))
    run = digests_send_due(now=datetime(2026, 11, 23, 6, 59, tzinfo=UTC))  # 15:59 Tokyo, 07:59 Paris, Sunday in LA
    assert (run.sent, [message.to for message in mail.outbox]) == (1, [[tokyo.email]])
    digests_send_due(now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))  # 08:00 in Paris
    assert [message.to[0] for message in mail.outbox] == [tokyo.email, paris.email]
    digests_send_due(now=datetime(2026, 11, 23, 15, 59, tzinfo=UTC))  # 07:59 in Los Angeles
    assert len(mail.outbox) == 2
    digests_send_due(now=datetime(2026, 11, 23, 16, 0, tzinfo=UTC))
    assert mail.outbox[-1].to == [la.email]


@pytest.mark.django_db
def test_a_second_run_sends_nothing_and_a_late_opt_in_gets_this_weeks(path):
    learner("Europe/Paris")
    assert digests_send_due(now=MONDAY_0830_UTC).sent == 1
    assert digests_send_due(now=MONDAY_0830_UTC).sent == 0
    late = learner("Europe/Berlin", digest=False)
    Profile.objects.filter(user=late).update(weekly_digest=True)
    wednesday = datetime(2026, 11, 25, 12, tzinfo=UTC)
    assert digests_send_due(now=wednesday).sent == 1, "opted in on Wednesday: this week's comes on the next run"
    assert DigestDelivery.objects.count() == 2


@pytest.mark.django_db
def test_learners_who_did_not_opt_in_get_nothing(path):
    learner("Europe/Paris", digest=False)
    inactive = learner("Europe/Rome")
    inactive.is_active = False
    inactive.save()
    assert digests_send_due(now=MONDAY_0830_UTC).sent == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_digest_tells_last_week_this_week_and_carries_one_click_unsubscribe(user, path):
    Profile.objects.filter(user=user).update(weekly_digest=True, time_zone="Europe/Paris")
    progress_set_status(user=user, item=path["python"], status=ProgressStatus.DONE)
    user.progress.filter(item=path["python"]).update(completed_at=datetime(2026, 11, 20, 10, tzinfo=UTC))
    digests_send_due(now=MONDAY_0830_UTC)
    message = mail.outbox[0]
    url, mailto = (way.strip(" <>") for way in message.extra_headers["List-Unsubscribe"].split(","))
    assert mailto.startswith("mailto:unsubscribe@localhost?subject=unsubscribe%20")
    assert url.startswith("http") and "/plan/digest/stop/" in url
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "You finished 1 item, 4 h:" in message.body and "- Python (4 h)" in message.body
    assert "THIS WEEK\n- Sql (4 h)\n- Part of Maths (6 h)\n" in message.body
    assert "/plan/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Python" in html and "Open your plan" in html


@pytest.mark.django_db
def test_one_click_unsubscribe_works_without_sign_in_and_a_tampered_token_is_refused(client, user, path):
    Profile.objects.filter(user=user).update(weekly_digest=True)
    token = unsubscribe_token(user)
    assert client.get(reverse("planning:digest-unsubscribe", args=[token])).status_code == 200
    assert Profile.objects.get(user=user).weekly_digest, "a GET (a link scanner) changes nothing"
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post(reverse("planning:digest-unsubscribe", args=[tampered])).status_code == 400
    assert Profile.objects.get(user=user).weekly_digest
    response = client.post(reverse("planning:digest-unsubscribe", args=[token]))
    assert response.status_code == 200 and "no more weekly digests" in response.content.decode()
    assert not Profile.objects.get(user=user).weekly_digest


@pytest.mark.django_db
def test_the_digest_is_opt_in_on_the_goals_page(client_logged_in, user, path):
    for url in (reverse("accounts:goals"), reverse("onboarding:start")):
        page = client_logged_in.get(url).content.decode()
        checkbox = page.split('name="weekly_digest"', 1)[1].split(">", 1)[0]
        assert "checked" not in checkbox, f"off by default on {url}"
    data = {"target_role": user.profile.target_role_id, "background": "tech", "hours_per_week": 5, "time_zone": "UTC",
            "weekly_digest": "on"}  # fmt: skip
    assert client_logged_in.post(reverse("accounts:goals"), data).status_code == 302
    assert Profile.objects.get(user=user).weekly_digest


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_digest(path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's concurrent transactions")
    learner("Europe/Paris")
    barrier, results = threading.Barrier(2), []

    def worker():
        barrier.wait()
        try:
            results.append(digests_send_due(now=MONDAY_0830_UTC).sent)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1] and len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_command_sends_what_is_due_and_says_so(path):
    """The command runs at the real time: the learner lives 14 hours ahead of UTC, or 11 behind if it is Monday
    before 08:00 there (the two zones are never both in that window)."""
    user = learner("Pacific/Kiritimati")
    if digest_week_due(user.profile, now=timezone.now()) is None:
        Profile.objects.filter(user=user).update(time_zone="Pacific/Pago_Pago")
    first, second = StringIO(), StringIO()
    call_command("send_digests", stdout=first)
    call_command("send_digests", stdout=second)
    assert first.getvalue().startswith("1 sent") and second.getvalue().startswith("0 sent, 1 already sent")
    assert len(mail.outbox) == 1
