"""Goals, "download my data" and account deletion: a learner sees and removes only their own data."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Background, Profile
from progress.models import ProgressEvent
from progress.services import progress_set_details, progress_set_status
from roadmap.models import Publication
from tests.factories import ItemFactory, RoleFactory, StageFactory, StageItemFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[2]


def test_the_goals_form_chooses_nothing_for_the_learner(client_logged_in, user, ml_engineer_role):
    """No role, no background; the time zone is UTC for the browser to replace (data-browser-zone); no row yet."""
    response = client_logged_in.get(reverse("accounts:goals"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["target_role"].value() is None and form["background"].value() in (None, "")
    roles = response.text.split('name="target_role"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected>Choose a role</option>' in roles
    assert f'value="{ml_engineer_role.pk}" selected' not in roles
    assert 'data-browser-zone="fill"' in response.text and 'value="UTC"' in response.text
    assert "I prefer not to say" in response.text
    assert not Profile.objects.filter(user=user).exists(), "opening the page writes nothing"


def test_learner_saves_goals(client_logged_in, user, ml_engineer_role):
    scientist = RoleFactory(title="Data scientist")
    response = client_logged_in.post(
        reverse("accounts:goals"),
        {
            "display_name": "Ada", "background": Background.NON_TECH, "target_role": scientist.pk,
            "target_date": "2027-06-30", "hours_per_week": 8, "time_zone": "Europe/Paris",
        },
    )  # fmt: skip
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.background, profile.target_role) == ("Ada", "non_tech", scientist)
    assert str(profile.target_date) == "2027-06-30"
    assert profile.time_zone == "Europe/Paris"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours_per_week", 500), ("hours_per_week", 0), ("hours_per_week", 101), ("time_zone", "Mars/Olympus"),
        ("time_zone", ""), ("target_date", "someday"), ("target_date", "2020-01-01"), ("target_role", 0),
        ("target_role", ""), ("background", ""), ("background", "alien"),
    ],
)  # fmt: skip
def test_bad_goals_are_form_errors(client_logged_in, user, ml_engineer_role, field, value):
    data = {"background": "tech", "target_role": ml_engineer_role.pk, "hours_per_week": 5, "time_zone": "UTC"}
    data[field] = value
    response = client_logged_in.post(reverse("accounts:goals"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Profile.objects.filter(user=user).exists(), "nothing written"


def test_a_retired_role_cannot_be_chosen(client_logged_in, ml_engineer_role):
    retired = RoleFactory(status=Publication.RETIRED)
    response = client_logged_in.post(
        reverse("accounts:goals"),
        {"background": "tech", "target_role": retired.pk, "hours_per_week": 5, "time_zone": "UTC"},
    )
    assert response.status_code == 400
    assert "target_role" in response.context["form"].errors


def test_goals_need_sign_in(client):
    response = client.get(reverse("accounts:goals"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.fixture
def two_learners(ml_engineer_role):
    me = UserFactory(email="me@example.com")
    other = UserFactory(email="other@example.com")
    for person, name in ((me, "Me"), (other, "Other person")):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
        Profile.objects.create(user=person, display_name=name, target_role=ml_engineer_role)
    return me, other


def test_json_export_holds_my_data_and_never_another_learners(client, two_learners):
    me, _ = two_learners
    client.force_login(me)
    response = client.get(reverse("accounts:my-data-json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    content = b"".join(response.streaming_content)
    data = json.loads(content)
    assert data["account"][0]["email"] == "me@example.com"
    assert data["profile"][0]["display_name"] == "Me"
    assert data["email_addresses"] == [{"email": "me@example.com", "verified": True, "primary": True}]
    assert b"other@example.com" not in content
    assert b"Other person" not in content


def test_csv_export_is_one_labelled_row_per_item_and_holds_only_my_data(client, two_learners):
    me, other = two_learners
    track = TrackFactory(title="ML path")
    python = StageItemFactory(stage=StageFactory(track=track, title="Basics"), item__title="Python").item
    progress_set_status(user=me, item=python, status="done", origin="known_before")
    progress_set_details(user=me, item=python, note="Years of it", evidence_url="https://example.org/repo")
    progress_set_status(user=other, item=python, status="in_progress")
    client.force_login(me)
    response = client.get(reverse("accounts:my-data-csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert list(rows[0]) == [
        "Track", "Stage", "Item", "Status", "Origin", "Started (UTC)", "Done (UTC)", "Note", "Evidence"
    ]  # fmt: skip
    assert len(rows) == 1
    row = rows[0]
    assert (row["Track"], row["Stage"], row["Item"], row["Status"], row["Origin"]) == (
        "ML path", "Basics", "Python", "Done", "Known before joining"
    )  # fmt: skip
    assert (row["Note"], row["Evidence"]) == ("Years of it", "https://example.org/repo")


@pytest.mark.parametrize("note", ['=HYPERLINK("http://evil.example")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_note_that_looks_like_a_formula_stays_text_in_the_csv(client, two_learners, note):
    me, _ = two_learners
    item = ItemFactory()
    progress_set_details(user=me, item=item, note=note, evidence_url="")
    client.force_login(me)
    rows = list(csv.DictReader(io.StringIO(b"".join(client.get(reverse("accounts:my-data-csv")).streaming_content)
                                           .decode("utf-8-sig"))))  # fmt: skip
    assert rows[0]["Note"] == "'" + note.strip() if note.strip()[:1] in "=+-@" else rows[0]["Note"] == note.strip()


def test_a_long_history_streams_in_full(client, two_learners):
    me, _ = two_learners
    item = ItemFactory()
    ProgressEvent.objects.bulk_create(
        ProgressEvent(learner=me, item=item, from_status="not_started", to_status="in_progress") for _ in range(5000)
    )
    client.force_login(me)
    response = client.get(reverse("accounts:my-data-json"))
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) > 5 and max(len(chunk) for chunk in chunks) < 70_000, "sent in 64 KB pieces, never whole"
    assert len(json.loads(b"".join(chunks))["progress_history"]) == 5000


def test_my_data_page_shows_what_is_stored(client, two_learners):
    client.force_login(two_learners[0])
    response = client.get(reverse("accounts:my-data"))
    assert "me@example.com" in response.text
    assert "Other person" not in response.text


def test_my_data_page_labels_fields_counts_records_and_folds_a_long_history(client, two_learners):
    me, _ = two_learners
    item = ItemFactory()
    ProgressEvent.objects.bulk_create(
        ProgressEvent(learner=me, item=item, from_status="not_started", to_status="done") for _ in range(250)
    )
    client.force_login(me)
    page = client.get(reverse("accounts:my-data")).text
    assert '<dt class="col-sm-5">Display name</dt>' in page and "display_name" not in page
    history = page.split("History of status changes", 1)[1].split("</section>", 1)[0]
    assert "data-count>250<" in history
    assert "Show the first 200 of 250" in history and history.count("<dl") == 200
    assert "The rest is in the JSON download" in history


def test_wrong_password_does_not_delete(client, two_learners):
    me, _ = two_learners
    client.force_login(me)
    response = client.post(reverse("accounts:delete"), {"password": "not my password"})
    assert response.status_code == 400
    assert "That is not your password." in response.text
    assert get_user_model().objects.filter(pk=me.pk).exists()


def test_guessing_the_password_to_delete_is_limited_like_signing_in(client, two_learners):
    me, _ = two_learners
    client.force_login(me)
    statuses = [client.post(reverse("accounts:delete"), {"password": f"guess {n}"}).status_code for n in range(6)]
    assert statuses == [400] * 5 + [429]
    right = client.post(reverse("accounts:delete"), {"password": "correct horse battery staple"})
    assert right.status_code == 429, "not even the right password gets through until the limit passes"
    assert get_user_model().objects.filter(pk=me.pk).exists()


def test_deleting_removes_me_and_my_rows_ends_the_session_and_spares_others(client, two_learners):
    me, other = two_learners
    client.force_login(me)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:deleted")
    assert "Your account is deleted" in response.text
    assert not get_user_model().objects.filter(pk=me.pk).exists()
    assert not Profile.objects.filter(user_id=me.pk).exists()
    assert not EmailAddress.objects.filter(email="me@example.com").exists()
    assert client.get(reverse("accounts:goals")).status_code == 302
    assert Profile.objects.filter(user=other).exists()
    assert EmailAddress.objects.filter(email="other@example.com").exists()


def test_deleting_drops_the_mail_not_yet_sent_to_me_and_keeps_everyone_elses(client, two_learners):
    """A digest written while the mail server was down must not reach an account deleted in the meantime."""
    from django.core.mail import EmailMessage

    from careerpath.models import OutboxMessage, OutboxState
    from careerpath.outbox import outbox_add

    me, _other = two_learners

    def mail(subject, to):
        outbox_add(messages=[EmailMessage(subject, "body", "careerpath <hello@example.com>", to)])

    mail("Your week", ["Me@Example.com"])
    mail("Gave up", ["me@example.com"])
    OutboxMessage.objects.filter(subject="Gave up").update(state=OutboxState.FAILED)
    mail("Sent already", ["me@example.com"])
    OutboxMessage.objects.filter(subject="Sent already").update(state=OutboxState.SENT, sent_at="2026-12-01T10:00Z")
    mail("Their week", ["other@example.com"])
    mail("To both", ["me@example.com", "other@example.com"])
    client.force_login(me)

    assert client.post(reverse("accounts:delete"), {"password": PASSWORD}).status_code == 302
    left = set(OutboxMessage.objects.values_list("subject", flat=True))
    assert left == {"Sent already", "Their week", "To both"}, "the log of what was sent stays its 30 days"


def run_with_prod_settings(code: str, **env):
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL", "SITE_URL"))
    }
    environment.update(DJANGO_SETTINGS_MODULE="careerpath.settings.prod", **env)
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


PROD_ENV = {
    "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-like-secret-key",
    "DJANGO_ALLOWED_HOSTS": "careerpath.example.com",
    "DATABASE_URL": "sqlite:////tmp/careerpath-test-deploy.sqlite3",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.com:587",
    "SITE_URL": "https://careerpath.example.com",
}


def test_deploy_check_passes_with_production_settings():
    result = run_with_prod_settings(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
        **PROD_ENV,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL", "SITE_URL"]
)
def test_production_settings_refuse_to_start_without_a_secret(missing):
    env = {key: value for key, value in PROD_ENV.items() if key != missing}
    result = run_with_prod_settings("import django; django.setup()", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


@pytest.mark.parametrize(
    ("site_url", "error"),
    [
        ("http://careerpath.example.com", "careerpath.E002"),  # RFC 8058 wants https for one-click unsubscribe
        ("https://127.0.0.1:8000", "careerpath.E003"),
        ("https://localhost", "careerpath.E003"),
    ],
)
def test_the_deploy_check_refuses_a_site_url_that_is_not_the_public_https_site(site_url, error):
    result = run_with_prod_settings(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True)",
        **{**PROD_ENV, "SITE_URL": site_url},
    )
    assert result.returncode != 0 and error in result.stderr, result.stderr


def test_production_mail_comes_from_the_sites_own_domain_unless_told_otherwise():
    show = "import django; django.setup(); from django.conf import settings; print(settings.DEFAULT_FROM_EMAIL)"
    assert run_with_prod_settings(show, **PROD_ENV).stdout.strip() == "careerpath <no-reply@careerpath.example.com>"
    chosen = {**PROD_ENV, "DJANGO_DEFAULT_FROM_EMAIL": "Careers <hello@example.org>"}
    assert run_with_prod_settings(show, **chosen).stdout.strip() == "Careers <hello@example.org>"


def test_make_run_names_the_port_it_serves_on_in_links():
    """`make run PORT=8001`: the web server and the worker (which sends the digest) both get SITE_URL on 8001."""
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    show = ["make", "-s", "--no-print-directory", "--eval=show-site-url: ; @echo $$SITE_URL", "show-site-url"]
    result = subprocess.run([*show, "PORT=8001"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert result.stdout.strip() == "http://127.0.0.1:8001"


def test_the_csv_opens_in_a_spreadsheet_with_its_accents_and_real_dates(client, two_learners):
    """pandas reads the file as a spreadsheet program does: the byte-order mark says UTF-8 (Excel on Windows needs
    it), and the time columns parse as dates and times, not as text."""
    import pandas

    me, _ = two_learners
    item = ItemFactory(title="Zoë's café project")
    progress_set_status(user=me, item=item, status="done")
    progress_set_details(user=me, item=item, note="Déjà vu — naïve", evidence_url="")
    client.force_login(me)
    raw = b"".join(client.get(reverse("accounts:my-data-csv")).streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark"
    table = pandas.read_csv(io.BytesIO(raw), encoding="utf-8-sig", parse_dates=["Started (UTC)", "Done (UTC)"],
                            date_format="%Y-%m-%d %H:%M:%S")  # fmt: skip
    assert table.loc[0, "Item"] == "Zoë's café project" and table.loc[0, "Note"] == "Déjà vu — naïve"
    done = table.loc[0, "Done (UTC)"]
    assert isinstance(done, pandas.Timestamp) and done.microsecond == 0
    assert abs((pandas.Timestamp.now(tz="UTC").tz_localize(None) - done).total_seconds()) < 120
