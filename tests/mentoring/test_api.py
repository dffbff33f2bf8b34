"""The portfolio and cohorts over the API: the caller's own, the same data as the pages, nothing of anyone else's."""

import pytest

from accounts.tokens import token_create
from mentoring.services import evidence_review
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
