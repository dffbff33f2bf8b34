"""Mail as servers and mail clients take it: received by a real SMTP server (aiosmtpd) and read with Python's own
`email` parser, not with careerpath's code. Bodies are 7-bit (any server accepts them, 8BITMIME or not), the sender
is the configured one, and both of the digest's List-Unsubscribe ways work as a mail provider uses them: the https
one-click POST of RFC 8058, and the mailto: of RFC 2369 answered by a mail the server pipes to
`manage.py unsubscribe_from_mail`."""

import io
import re
import sys
from datetime import timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.mail import send_mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from accounts.models import Profile
from careerpath.outbox import outbox_deliver_due
from planning.digest import digests_send_due
from tests.accounts.steps import verified_user
from tests.smtp import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def sink():
    server = SmtpSink()
    with override_settings(**server.settings(), DEFAULT_FROM_EMAIL="Careers team <careers@example.org>"):
        server.start()
        yield server
    server.stop()


def test_a_mail_with_non_ascii_text_is_7_bit_on_the_wire_and_reads_back_the_same(sink):
    send_mail("Zoë's week", "Well done, Zoë — 3 items this week.", None, ["zoe@example.com"])
    assert outbox_deliver_due() == 1
    received = sink.received[0]
    assert max(received.raw) < 128, "every byte 7-bit: no server needs 8BITMIME for it"
    assert received.body.rstrip() == "Well done, Zoë — 3 items this week."  # SMTP ends the data with CRLF
    assert str(received.message["Subject"]).startswith("=?utf-8?")
    assert parseaddr(received.message["From"]) == ("Careers team", "careers@example.org"), "the configured sender"


def delivered_digest(sink, email="digest@example.com"):
    learner = verified_user(email)
    Profile.objects.create(user=learner, weekly_digest=True)
    assert digests_send_due(now=timezone.now() + timedelta(days=8)).sent == 1
    assert outbox_deliver_due() == 1
    received = sink.received[-1]
    assert max(received.raw) < 128
    return learner, received.message


def unsubscribe_ways(message) -> dict[str, str]:
    """RFC 2369: a comma-separated list of URIs in angle brackets, by scheme."""
    return {urlsplit(uri).scheme: uri for uri in re.findall(r"<([^>]+)>", str(message["List-Unsubscribe"]))}


def test_the_digests_one_click_unsubscribe_works_as_a_mail_provider_posts_it(sink):
    learner, message = delivered_digest(sink)
    ways = unsubscribe_ways(message)
    assert "mailto" in ways and ({"http", "https"} & set(ways)), ways
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    web = ways.get("https") or ways["http"]  # https in production: the deploy check refuses anything else
    answer = Client(enforce_csrf_checks=True).post(urlsplit(web).path, data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert answer.status_code == 200
    assert not Profile.objects.get(user=learner).weekly_digest


def reply_to(mailto: str, sender: str) -> bytes:
    """The mail a mail client sends for a mailto: URI (RFC 6068): its address, and the subject it names."""
    target = urlsplit(mailto)
    mail = EmailMessage()
    mail["From"], mail["To"] = sender, target.path
    mail["Subject"] = parse_qs(target.query)["subject"][0]
    mail.set_content("")
    return mail.as_bytes()


def pipe_to_command(raw: bytes, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    call_command("unsubscribe_from_mail")


@override_settings(UNSUBSCRIBE_EMAIL="unsubscribe@careerpath.example.com")
def test_the_digests_mailto_unsubscribe_works_when_the_mail_server_pipes_the_reply_to_the_command(sink, monkeypatch):
    learner, message = delivered_digest(sink)
    mailto = unsubscribe_ways(message)["mailto"]
    assert urlsplit(mailto).path == "unsubscribe@careerpath.example.com"

    pipe_to_command(reply_to(mailto.replace("subject=unsubscribe", "subject=Re%3A%20unsubscribe"), learner.email),
                    monkeypatch)  # fmt: skip
    assert not Profile.objects.get(user=learner).weekly_digest, "a client that prefixes Re: still unsubscribes"

    other, other_message = delivered_digest(sink, "other@example.com")
    forged = reply_to(unsubscribe_ways(other_message)["mailto"][:-4] + "AAAA", "spammer@example.net")
    pipe_to_command(forged, monkeypatch)
    pipe_to_command(b"not a mail at all\xff\xfe", monkeypatch)
    assert Profile.objects.get(user=other).weekly_digest, "a token that is not current unsubscribes no one"
