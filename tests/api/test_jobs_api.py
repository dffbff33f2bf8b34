"""Job ads and applications over the API: the same reading and rules as the pages, private to the token's owner."""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.tokens import token_create
from jobs.models import Application, JobAd, StageChange
from progress.models import ProgressStatus
from progress.services import progress_set_status
from roadmap.models import ItemTerm
from tests.factories import UserFactory
from tests.queries import SHOWN_LOOKUPS

AD = {"title": "Junior ML engineer", "company": "Acme", "text": "Requirements:\n- Python\n\nNice to have:\n- SQL"}


@pytest.fixture
def terms(content):
    for slug, term in (("python", "Python"), ("sql", "SQL")):
        ItemTerm.objects.create(item=content[slug], term=term, words=term.lower())


def call(client, method, path, token, body=None):
    extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = json.dumps(body) if body is not None else None
    response = getattr(client, method)("/api/v1" + path, data=data, content_type="application/json", **extra)
    return response.status_code, (response.json() if response.content else None)


def test_an_ad_posted_is_read_against_my_record(client, learner, write_token, read_token, terms, content):
    progress_set_status(user=learner, item=content["python"], status=ProgressStatus.DONE, origin="here")
    status, body = call(client, "post", "/me/ads", write_token, AD)
    assert status == 201
    assert body["asked"] == 1 and body["counts"] == {"shown": 0, "claimed": 1, "in_progress": 0, "missing": 0}
    assert [row["item"] for row in body["required"]] == ["python"] and body["required"][0]["words"] == "Python"
    assert [(row["item"], row["state"], row["hours_left"]) for row in body["nice_to_have"]] == [("sql", "missing", 20)]
    status, again = call(client, "get", f"/me/ads/{body['id']}", read_token)
    assert status == 200 and again == body
    status, listed = call(client, "get", "/me/ads", read_token)
    assert status == 200 and [row["id"] for row in listed["items"]] == [body["id"]]


@pytest.mark.parametrize(
    ("text", "said"),
    [("", "Paste the text"), ("x" * 100_000, "100,000 characters"), ("bin\u0000ary", "control characters")],
)
def test_a_bad_ad_is_a_422_with_the_reason_and_nothing_is_stored(client, learner, write_token, text, said):
    status, body = call(client, "post", "/me/ads", write_token, AD | {"text": text})
    assert status == 422 and said in body["detail"]
    assert not JobAd.objects.exists()


def test_a_read_token_cannot_post_and_nobody_reads_anothers_ad(client, learner, read_token, write_token, terms):
    assert call(client, "post", "/me/ads", read_token, AD)[0] == 403
    _, body = call(client, "post", "/me/ads", write_token, AD)
    stranger = token_create(user=UserFactory(), name="x", scope="write", days=30)[1]
    assert call(client, "get", f"/me/ads/{body['id']}", stranger)[0] == 404
    assert call(client, "delete", f"/me/ads/{body['id']}", stranger)[0] == 404
    assert call(client, "get", "/me/ads", stranger)[1]["items"] == []
    staff = token_create(user=UserFactory(is_staff=True), name="x", scope="write", days=30)[1]
    assert call(client, "get", f"/me/ads/{body['id']}", staff)[0] == 404, "an editor reads no learner's ad either"
    assert call(client, "delete", f"/me/ads/{body['id']}", staff)[0] == 404
    assert client.get(f"/api/v1/me/ads/{body['id']}").status_code == 401
    assert JobAd.objects.filter(pk=body["id"]).exists()


def test_applications_over_the_api(client, learner, write_token, terms):
    _, ad = call(client, "post", "/me/ads", write_token, AD)
    today = timezone.localdate(timezone.now(), ZoneInfo("Europe/Paris"))  # the learner's today
    body = {"role": "ML engineer", "company": "Acme", "applied_on": str(today - timedelta(days=1)), "ad": ad["id"]}
    status, made = call(client, "post", "/me/applications", write_token, body)
    assert status == 201 and made["snapshot"]["counts"]["missing"] == 1 and made["stage"] == "applied"
    move = {"stage": "interview", "on": str(today + timedelta(days=5)), "note": "Call"}
    status, moved = call(client, "put", f"/me/applications/{made['id']}/stage", write_token, move)
    assert status == 200 and [change["stage"] for change in moved["changes"]] == ["applied", "interview"]
    status, same = call(client, "put", f"/me/applications/{made['id']}/stage", write_token, move)
    assert status == 200 and same == moved and StageChange.objects.count() == 2, "a repeated PUT changes nothing"
    backwards = {"stage": "offer", "on": str(today - timedelta(days=3))}
    status, refused = call(client, "put", f"/me/applications/{made['id']}/stage", write_token, backwards)
    assert status == 422 and "cannot be earlier" in refused["detail"]
    future = body | {"applied_on": str(today + timedelta(days=30))}
    assert call(client, "post", "/me/applications", write_token, future)[0] == 422
    status, listed = call(client, "get", "/me/applications", write_token)
    assert status == 200 and listed["count"] == 1
    assert call(client, "delete", f"/me/applications/{made['id']}", write_token)[0] == 204
    assert not Application.objects.exists()


def test_an_application_cannot_name_anothers_ad(client, learner, write_token):
    theirs = JobAd.objects.create(learner=UserFactory(), title="Theirs", text="text")
    body = {"role": "ML engineer", "company": "Acme", "applied_on": "2026-11-01", "ad": theirs.pk}
    assert call(client, "post", "/me/applications", write_token, body)[0] == 404
    assert not Application.objects.exists()


# the token, its last use, the ad, progress statuses, shown (reviews, checks), the asked items with their items
AD_QUERIES = 5 + SHOWN_LOOKUPS  # shown: one round trip on PostgreSQL (tests.queries)
APPLICATIONS_QUERIES = 4  # the token, the profile (its time zone), the applications, their changes


@pytest.mark.parametrize("count", [5, 200])
def test_reading_ads_and_applications_costs_the_same_for_5_and_200(client, learner, read_token, count,
                                                                    django_assert_num_queries):  # fmt: skip
    from datetime import date

    from jobs.models import AdSkill
    from tests.factories import ItemFactory

    ad = JobAd.objects.create(learner=learner, title="Big ad", text="Requirements: everything")
    AdSkill.objects.bulk_create(
        AdSkill(ad=ad, item=ItemFactory(), words="w", line="l", position=n) for n in range(count)
    )
    made = Application.objects.bulk_create(
        Application(learner=learner, role=f"Role {n}", company="Co", applied_on=date(2026, 11, 1),
                    stage_on=date(2026, 11, 1)) for n in range(count)
    )  # fmt: skip
    StageChange.objects.bulk_create(StageChange(application=row, stage="applied", on=row.applied_on) for row in made)
    with django_assert_num_queries(AD_QUERIES):
        status, body = call(client, "get", f"/me/ads/{ad.pk}", read_token)
    assert status == 200 and len(body["required"]) == count
    with django_assert_num_queries(APPLICATIONS_QUERIES):
        status, body = call(client, "get", "/me/applications?limit=1000", read_token)
    assert status == 200 and body["count"] == count and len(body["items"]) == count
