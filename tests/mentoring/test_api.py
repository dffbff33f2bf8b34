"""The portfolio and cohorts over the API: the caller's own, the same data as the pages, nothing of anyone else's."""

import json

import pytest

from accounts.tokens import token_create
from mentoring.services import evidence_review
from roadmap.models import Rubric, RubricCriterion
from tests.mentoring.conftest import SECRET_NOTE

pytestmark = pytest.mark.django_db


def get(client, user, path):
    secret = token_create(user=user, name="t", scope="read", days=30)[1]
    return client.get("/api/v1" + path, HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_my_portfolio_is_what_a_visitor_sees_with_its_endorsements(client, world):
    evidence_review(mentor=world["mentor"], membership=world["membership"], item=world["project"],
                    verdict="endorsed", comment="")  # fmt: skip
    data = get(client, world["member"], "/me/portfolio").json()
    assert (data["handle"], data["published"]) == ("lea", True)
    assert [(s["item"], s["endorsed_by"]) for s in data["shown"]] == [("deployed-model", ["Mentor"])]
    assert SECRET_NOTE not in str(data)
    assert get(client, world["other"], "/me/portfolio").json()["shown"] == [], "another learner sees their own"


def test_a_mentor_reads_their_cohort_table_and_nobody_else_can(client, world):
    cohorts = get(client, world["mentor"], "/me/cohorts").json()
    assert cohorts == [{"id": world["cohort"].pk, "name": "Thursday group"}]
    table = get(client, world["mentor"], f"/me/cohorts/{world['cohort'].pk}").json()
    assert [(m["name"], m["evidence_to_review"]) for m in table["members"]] == [("Member", ["deployed-model"])]
    assert SECRET_NOTE not in str(table)
    for user in ("member", "former", "other", "staff"):
        assert get(client, world[user], f"/me/cohorts/{world['cohort'].pk}").status_code == 404
        assert get(client, world[user], "/me/cohorts").json() == []
    assert client.get("/api/v1/me/cohorts").status_code == 401


def post_review(client, user, world, body, *, membership=None):
    secret = token_create(user=user, name="w", scope="write", days=30)[1]
    path = (
        f"/api/v1/me/cohorts/{world['cohort'].pk}/members/{membership or world['membership'].pk}/reviews/deployed-model"
    )
    return client.post(path, data=json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}")  # fmt: skip


def test_a_mentor_reviews_a_project_against_its_rubric_over_the_api(client, world):
    rubric = Rubric.objects.create(item=world["project"], pass_mark=6)
    for position, key in enumerate(["runs", "documented"]):
        RubricCriterion.objects.create(rubric=rubric, key=key, title=key, position=position, level_1="-",
                                       level_2="-", level_3="-", level_4="-")  # fmt: skip
    refused = post_review(
        client, world["mentor"], world, {"verdict": "endorsed", "scores": {"runs": 4, "documented": 1}}
    )
    assert refused.status_code == 400 and "do not pass" in refused.json()["detail"]
    passing = {"verdict": "endorsed", "scores": {"runs": 3, "documented": 3}}
    saved = post_review(client, world["mentor"], world, passing)
    assert saved.status_code == 200
    assert (saved.json()["verdict"], saved.json()["rubric_total"]) == ("endorsed", 6)
    table = get(client, world["mentor"], f"/me/cohorts/{world['cohort'].pk}").json()
    assert table["members"][0]["membership"] == world["membership"].pk


@pytest.mark.parametrize("who", ["member", "other", "former"])
def test_nobody_but_the_cohorts_mentor_reviews_over_the_api(client, world, who):
    response = post_review(client, world[who], world, {"verdict": "endorsed"})
    assert response.status_code == 404


def test_a_membership_id_beyond_any_database_is_a_422(client, world):
    assert post_review(client, world["mentor"], world, {"verdict": "endorsed"}, membership=2**63).status_code == 422
