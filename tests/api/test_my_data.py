"""The learner's own record over the API: their data only, the pages' validation and history, the dashboard's
numbers."""

import json
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import Profile
from accounts.tokens import token_create
from progress.models import ProgressEvent
from progress.services import progress_set_status
from tests.factories import StageItemFactory, UserFactory
from tests.queries import LEARNER_RECORD_TOGETHER, SHOWN_STATEMENTS

pytestmark = pytest.mark.django_db


def test_me_reads_the_goals(api, learner, read_token):
    me = api(read_token).get("/me").json()
    assert me == {"email": learner.email, "display_name": "", "target_role": "ml-engineer", "background": "",
                  "target_date": None, "hours_per_week": 10, "time_zone": "Europe/Paris",
                  "weekly_digest": False}  # fmt: skip


def test_my_progress_is_mine_only_filtered_and_paginated(api, learner, read_token, content):
    other = UserFactory()
    progress_set_status(user=other, item=content["maths"], status="done")
    progress_set_status(user=learner, item=content["python"], status="done")
    progress_set_status(user=learner, item=content["sql"], status="in_progress")
    reader = api(read_token)
    page = reader.get("/me/progress").json()
    assert page["count"] == 2 and [row["item"] for row in page["items"]] == ["python", "sql"]
    assert [row["item"] for row in reader.get("/me/progress?status=done").json()["items"]] == ["python"]
    assert reader.get("/me/progress?track=ml&limit=1&offset=1").json()["items"][0]["item"] == "sql"
    assert reader.get("/me/progress?track=nope").status_code == 404
    assert reader.get("/me/progress?status=finished").status_code == 422


def test_a_put_records_status_note_and_evidence_once_and_is_idempotent(api, learner, write_token, content):
    writer = api(write_token)
    body = {"status": "done", "note": "**Done** twice", "evidence_url": "https://example.org/repo"}
    first = writer.put("/me/progress/python", body)
    assert first.status_code == 200
    assert (first.json()["status"], first.json()["origin"], first.json()["note"]) == ("done", "here", body["note"])
    second = writer.put("/me/progress/python", body).json()
    assert second == first.json(), "nothing rewritten: updated_at stays"
    assert ProgressEvent.objects.filter(learner=learner).count() == 1, "the same body twice: one history event"
    kept = writer.put("/me/progress/python", {"status": "done", "origin": "known_before"}).json()
    assert kept["note"] == body["note"] and kept["origin"] == "known_before", "fields left out keep their value"
    assert learner.progress.get().note_html.startswith("<p><strong>Done</strong>")


BAD = [
    ("/me/progress/nope", {"status": "done"}, 404),
    ("/me/progress/draft", {"status": "done"}, 404),
    ("/me/progress/python", {"status": "finished"}, 422),
    ("/me/progress/python", {"status": "skipped"}, 422),
    ("/me/progress/python", {"status": "done", "skip_reason": "not_relevant"}, 422),
    ("/me/progress/python", {"status": "in_progress", "origin": "known_before"}, 422),
    ("/me/progress/python", {"status": "done", "evidence_url": "javascript:alert(1)"}, 422),
    ("/me/progress/python", {"status": "done", "note": "x" * 5001}, 422),
    ("/me/progress/python", {"status": "done", "note": "a\x00b"}, 422),
    ("/me/progress/python", {}, 422),
    ("/me/progress/python", [1, 2], 422),
]


@pytest.mark.parametrize(("path", "body", "status"), BAD)
def test_bad_input_is_a_json_4xx_and_writes_nothing(api, learner, write_token, content, path, body, status):
    response = api(write_token).put(path, body)
    assert response.status_code == status and response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["detail"], str) and response.json()["detail"], "one error shape: a sentence"
    assert not learner.progress.exists() and not ProgressEvent.objects.exists()


def test_a_skip_without_its_reason_says_what_is_missing(api, learner, write_token, content):
    answer = api(write_token).put("/me/progress/python", {"status": "skipped"})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "status: skipping needs a skip_reason, one of not_relevant."


def test_input_the_schema_refuses_lists_each_field_under_errors(api, learner, write_token, content):
    answer = api(write_token).put("/me/progress/python", {"status": "finished", "origin": "elsewhere"}).json()
    assert answer["detail"].startswith("Invalid input: ") and "status" in answer["detail"]
    assert {tuple(error["loc"][-1:]) for error in answer["errors"]} == {("status",), ("origin",)}
    assert all(error["msg"] and error["type"] for error in answer["errors"])


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [(b"{not json", "application/json"), (b"\xff\xfe{", "application/json"), (b"status=done", "text/plain"),
     (b'{"status": "done"}', "application/json; charset=rot13")],
)  # fmt: skip
def test_a_body_that_is_not_json_is_a_json_4xx(api, learner, write_token, content, raw, content_type):
    response = api(write_token).put("/me/progress/python", raw, raw=True, content_type=content_type)
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    assert not learner.progress.exists()


def test_the_api_answers_json_for_what_it_does_not_have(api, learner, read_token):
    for response in (api(read_token).get("/nope"), api(read_token).client.post("/api/v1/me")):
        assert response["Content-Type"].startswith("application/json") and response.json()["detail"]
    assert api(read_token).client.post("/api/v1/me/progress/python").status_code == 405


def test_my_plan_and_reviews(api, learner, write_token, content):
    progress_set_status(user=learner, item=content["python"], status="done")
    learner.progress.update(completed_at=timezone.now() - timedelta(days=20))
    writer = api(write_token)
    plan = writer.get("/me/plan").json()
    assert [(entry["item"], entry["hours"], entry["part_of_item"]) for entry in plan["entries"]] == [
        ("sql", 10, True)]  # fmt: skip
    reviews = writer.get("/me/reviews").json()
    assert reviews["intervals_days"] == [14, 45, 120, 365] and [r["item"] for r in reviews["due"]] == ["python"]
    answered = writer.put("/me/reviews/python", {"answer": "confident"})
    assert answered.status_code == 200
    paris_today = timezone.localdate(timezone=ZoneInfo("Europe/Paris"))  # the learner's day, not the server's
    assert answered.json()["next_due_on"] == str(paris_today + timedelta(days=45))
    assert writer.put("/me/reviews/sql", {"answer": "confident"}).status_code == 409
    assert writer.put("/me/reviews/python", {"answer": "maybe"}).status_code == 422


def dashboard_page_numbers(client, user) -> dict:
    client.force_login(user)
    html = client.get("/dashboard/").content.decode()
    client.logout()
    numbers = {"readiness": dict(re.findall(r'data-readiness="([\w-]+)">(\d+)%', html))}
    if (hours := re.search(r"<dd>([\d,]+) h of required items", html)) is not None:
        numbers["hours_left"] = int(hours.group(1).replace(",", ""))
    for key, element in (("pace_finish", "pace-forecast"), ("planned_finish", "planned-forecast")):
        if (found := re.search(rf'id="{element}">ready on (\d+ \w+ \d+)', html)) is not None:
            numbers[key] = found.group(1)
    verdict = re.search(r'id="forecast-verdict">(.*?)</p>', html, re.S)
    numbers["verdict_text"] = verdict.group(1) if verdict else ""
    return numbers


VERDICT_WORDS = {"on_track": "On track", "at_risk": "At risk", "behind": "Behind", "ready": "You are ready",
                 "not_enough_history": "Not enough history", "no_target": "No target date"}  # fmt: skip


def test_the_dashboard_endpoint_and_page_agree_on_every_number_for_three_learners(client, content):
    fresh = UserFactory()
    steady = UserFactory()
    Profile.objects.create(user=steady, target_role=content["engineer"], hours_per_week=8, time_zone="Asia/Tokyo",
                           target_date=date.today() + timedelta(days=400))  # fmt: skip
    for slug, days in (("python", 30), ("sql", 2)):
        progress_set_status(user=steady, item=content[slug], status="done")
        steady.progress.filter(item=content[slug]).update(completed_at=timezone.now() - timedelta(days=days))
    late = UserFactory()
    Profile.objects.create(user=late, target_role=content["analyst"], hours_per_week=2,
                           target_date=date.today() - timedelta(days=3))  # fmt: skip
    progress_set_status(user=late, item=content["python"], status="done", origin="known_before")
    progress_set_status(user=late, item=content["maths"], status="skipped", skip_reason="not_relevant")
    for user in (fresh, steady, late):
        secret = token_create(user=user, name="t", scope="read", days=30)[1]
        data = json.loads(client.get("/api/v1/me/dashboard", HTTP_AUTHORIZATION=f"Bearer {secret}").content)
        page = dashboard_page_numbers(client, user)
        assert page["readiness"] == {state["role"]: str(state["percent"]) for state in data["readiness"]}
        forecast = data["forecast"]
        assert page.get("hours_left") == (forecast["hours_left"] if forecast else None)
        for key in ("pace_finish", "planned_finish"):
            expected = date.fromisoformat(forecast[key]).strftime("%-d %B %Y") if forecast and forecast[key] else None
            assert page.get(key) == expected, (user, key)
        assert VERDICT_WORDS[forecast["verdict"]] in page["verdict_text"]


def test_another_learners_token_never_shows_my_record(api, learner, content):
    progress_set_status(user=learner, item=content["python"], status="done")
    other = UserFactory()
    theirs = token_create(user=other, name="t", scope="write", days=30)[1]
    assert api(theirs).get("/me/progress").json()["count"] == 0
    assert api(theirs).get("/me").json()["email"] == other.email
    api(theirs).put("/me/progress/python", {"status": "not_started"})
    assert learner.progress.get().status == "done"


def test_listing_my_progress_costs_the_same_for_5_and_200_items(api, learner, read_token, content,
                                                                 django_assert_num_queries):  # fmt: skip
    progress_set_status(user=learner, item=content["python"], status="done")
    api(read_token).get("/me")  # the token's first use of the minute records it; the lists below are plain reads
    with django_assert_num_queries(LIST_QUERIES):
        api(read_token).get("/me/progress")
    stage = content["python"].placements.first().stage
    for number in range(195):
        item = StageItemFactory(stage=stage, position=100 + number).item
        progress_set_status(user=learner, item=item, status="in_progress")
    with django_assert_num_queries(LIST_QUERIES):
        assert api(read_token).get("/me/progress?limit=200").json()["count"] == 196


LIST_QUERIES = 3  # the token, the count, one page of rows with their items


MY_ENDPOINTS = ["/me", "/me/progress", "/me/dashboard", "/me/plan", "/me/reviews"]


@pytest.mark.parametrize("path", MY_ENDPOINTS)
def test_each_of_my_endpoints_needs_a_caller_and_answers_token_and_session_alike(api, client, learner, read_token,
                                                                                 path):  # fmt: skip
    anonymous = api().get(path)
    assert anonymous.status_code == 401 and anonymous.json()["detail"]
    with_token = api(read_token).get(path)
    assert with_token.status_code == 200
    client.force_login(learner)
    with_session = client.get("/api/v1" + path)
    assert with_session.status_code == 200
    assert set(with_session.json()) == set(with_token.json()), "the same schema either way"


# The token (one query; its "last used" is written once a minute, so a warm-up call comes first) and the endpoint's own.
# The dashboard reads the published content once per content version and process (tests.queries.CONTENT_QUERIES
# then), so the warm-up call also comes after the content grows.
# On PostgreSQL the dashboard's three reads of the learner's record are one (tests.queries.LEARNER_RECORD_TOGETHER).
ENDPOINT_QUERIES = {
    "/me": 2,
    "/me/dashboard": 5 + SHOWN_STATEMENTS - LEARNER_RECORD_TOGETHER,
    "/me/plan": 5,
    "/me/reviews": 4,
}


@pytest.mark.parametrize(("path", "queries"), list(ENDPOINT_QUERIES.items()))
def test_my_endpoints_cost_the_same_for_5_and_200_items(api, learner, read_token, content, django_assert_num_queries,
                                                        path, queries):  # fmt: skip
    progress_set_status(user=learner, item=content["python"], status="done")
    reader = api(read_token)
    reader.get(path)  # the token's first use of the minute, and the week's plan, are made here
    with django_assert_num_queries(queries):
        assert reader.get(path).status_code == 200
    stage = content["python"].placements.first().stage
    for number in range(195):
        item = StageItemFactory(stage=stage, position=100 + number).item
        progress_set_status(user=learner, item=item, status="done")
    reader.get(path)
    with django_assert_num_queries(queries):
        assert reader.get(path).status_code == 200


def test_an_offset_no_list_can_reach_is_a_422_and_a_huge_limit_is_served_as_1000(api, learner, read_token):
    """Found by schemathesis on PostgreSQL: an offset past the database's integers was a 500."""
    huge = api(read_token).get("/me/progress?offset=1064015096708284628860928&limit=270614978")
    assert huge.status_code == 422 and "offset" in str(huge.json()["detail"])
    assert api(read_token).get("/me/progress?offset=0&limit=270614978").status_code == 200
