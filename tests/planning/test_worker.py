"""The task queue for real: a huey consumer (threads, the test's own queue file) takes the work and sends the mail."""

import signal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from accounts.models import Profile
from planning.digest import digest_week_due
from planning.models import DigestDelivery
from planning.tasks import send_due_digests
from tests.factories import UserFactory
from tests.waiting import wait_for

QUEUED = {"EMAIL_BACKEND": "careerpath.mail.OutboxEmailBackend"}  # the worker sends with locmem (mail.outbox)


@pytest.fixture
def consumer():
    """A real consumer on the queue file of this test process, its workers in threads; stopped after the test."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    HUEY.flush()
    running = HUEY.create_consumer(workers=2, worker_type="thread", periodic=False, check_worker_health=False)
    running.start()
    yield running
    running.stop(graceful=True)
    for number, handler in handlers.items():
        signal.signal(number, handler)
    HUEY.flush()


@pytest.mark.django_db(transaction=True)
@override_settings(**QUEUED)
def test_mail_sent_in_a_request_is_delivered_by_the_worker_not_the_request(client, consumer):
    user = UserFactory(email="queued@example.com")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)  # a reset needs it verified
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert wait_for(lambda: len(mail.outbox) == 1), "the worker delivered the reset mail"
    assert mail.outbox[0].to == [user.email] and "password" in mail.outbox[0].subject.lower()


@pytest.mark.django_db(transaction=True)
@override_settings(**QUEUED)
def test_the_periodic_digest_task_runs_in_the_worker_and_the_digest_arrives(consumer):
    learner = UserFactory(email="digest@example.com")
    profile = Profile.objects.create(user=learner, time_zone="Pacific/Kiritimati", weekly_digest=True)
    if digest_week_due(profile, now=timezone.now()) is None:  # Monday before 08:00 there: 25 hours west, it is not
        Profile.objects.filter(user=learner).update(time_zone="Pacific/Pago_Pago")
    send_due_digests()  # enqueues the task, as the scheduler does every 15 minutes
    assert wait_for(lambda: any(message.to == [learner.email] for message in mail.outbox)), "digest delivered"
    assert DigestDelivery.objects.filter(learner=learner).count() == 1
    assert mail.outbox[-1].message()["List-Unsubscribe"], "the digest went out with its unsubscribe headers"
