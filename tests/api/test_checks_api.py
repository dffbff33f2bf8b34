"""Self-checks over the API: a draw that tells nothing, a submission scored at once, clear 4xx for bad ones."""

import json

import pytest

from assessment.models import Attempt, ShownItem
from roadmap.models import Question
from tests.assessment.checks import NUMERIC_ANSWER, make_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(content):
    return make_check(content["python"])


def submit(client, token, body):
    return client.post("/api/v1/items/python/check/attempts", data=json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip


def right_body(draw) -> dict:
    answers = {}
    attempt = Attempt.objects.get(pk=draw["attempt"])
    for number, drawn in enumerate(attempt.draw, start=1):
        question = Question.objects.get(pk=drawn["question"])
        if question.kind == "numeric":
            answers[f"q{number}"] = [str(NUMERIC_ANSWER)]
        else:
            right = set(question.choices.filter(is_correct=True).values_list("pk", flat=True))
            answers[f"q{number}"] = [str(place) for place, choice in enumerate(drawn["choices"]) if choice in right]
    return {"attempt": draw["attempt"], "answers": answers}


def test_the_draw_carries_no_answer_and_its_choices_differ_only_in_text(api, check, write_token):
    response = api(write_token).get("/items/python/check")
    assert response.status_code == 200
    draw = response.json()
    assert len(draw["questions"]) == 4 and draw["pass_percent"] == 80
    for question in draw["questions"]:
        assert set(question) == {"field", "kind", "text", "choices"}
        for place, choice in enumerate(question["choices"]):
            assert set(choice) == {"value", "text"} and choice["value"] == place
    assert "0.375" not in response.content.decode() and "explanation" not in response.content.decode()
    assert api(write_token).get("/items/python/check").json() == draw, "the same draw until it is submitted"


def test_submitting_scores_explains_and_shows_the_item(client, api, check, write_token, learner):
    draw = api(write_token).get("/items/python/check").json()
    response = submit(client, write_token, right_body(draw))
    assert response.status_code == 200
    result = response.json()
    assert (result["score_percent"], result["passed"]) == (100, True)
    assert all(question["right"] and question["explanation"] for question in result["questions"])
    assert ShownItem.objects.filter(learner=learner, item__slug="python").exists()
    shown = api(write_token).get("/me/shown").json()
    assert [(row["item"], row["shown_by"]) for row in shown] == [("python", "check")]
    again = submit(client, write_token, right_body(draw))
    assert again.status_code == 409 and "submitted already" in again.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [({"answers": {"q7": ["0"]}}, 400, "no question of this attempt"),
     ({"attempt": 999999}, 404, "no attempt of yours"), ({"attempt": 0}, 422, "attempt")],
)  # fmt: skip
def test_a_bad_submission_is_a_clear_4xx_and_writes_nothing(client, api, check, write_token, change, status, says):
    draw = api(write_token).get("/items/python/check").json()
    response = submit(client, write_token, {**right_body(draw), **change})
    assert response.status_code == status and says in json.dumps(response.json()["detail"])
    assert Attempt.objects.get(pk=draw["attempt"]).submitted_at is None


def test_a_read_token_may_draw_but_not_submit(client, api, check, read_token):
    draw = api(read_token).get("/items/python/check").json()
    assert submit(client, read_token, right_body(draw)).status_code == 403
