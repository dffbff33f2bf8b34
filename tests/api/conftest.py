import json

import pytest

from accounts.models import Profile
from accounts.tokens import token_create
from tests.factories import RoleFactory, RoleRequirementFactory, StageFactory, StageItemFactory, TrackFactory


@pytest.fixture
def content(db):
    """A published track of two stages (python, sql | maths), a draft item, and two roles."""
    track = TrackFactory(slug="ml", title="ML path")
    first, second = StageFactory(track=track, slug="basics", position=1), StageFactory(track=track, slug="maths")
    python = StageItemFactory(stage=first, position=1, item__slug="python", item__title="Python",
                              item__estimated_hours=40).item  # fmt: skip
    sql = StageItemFactory(stage=first, position=2, item__slug="sql", item__title="SQL", item__estimated_hours=20).item
    maths = StageItemFactory(stage=second, item__slug="maths", item__title="Maths", item__estimated_hours=60).item
    draft = StageItemFactory(stage=second, position=9, item__slug="draft", item__status="draft").item
    engineer = RoleFactory(slug="ml-engineer", title="ML engineer", is_primary=True)
    analyst = RoleFactory(slug="analyst", title="Analyst")
    for item, weight in ((python, 5), (sql, 3), (maths, 4), (draft, 5)):
        RoleRequirementFactory(role=engineer, item=item, weight=weight, reason=f"The job uses {item.title} daily.")
    RoleRequirementFactory(role=analyst, item=sql, weight=2)
    return {"track": track, "python": python, "sql": sql, "maths": maths, "draft": draft, "engineer": engineer,
            "analyst": analyst}  # fmt: skip


@pytest.fixture
def learner(user, content):
    Profile.objects.create(user=user, target_role=content["engineer"], hours_per_week=10, time_zone="Europe/Paris")
    return user


@pytest.fixture
def read_token(learner):
    return token_create(user=learner, name="notes app", scope="read", days=30)[1]


@pytest.fixture
def write_token(learner):
    return token_create(user=learner, name="bot", scope="write", days=30)[1]


class Api:
    """The test client speaking JSON to /api/v1 with a bearer token (or none)."""

    def __init__(self, client, token=None):
        self.client, self.token = client, token
        self.client.raise_request_exception = False

    def headers(self, extra):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        return {**auth, **extra}

    def get(self, path, **extra):
        return self.client.get("/api/v1" + path, **self.headers(extra))

    def put(self, path, body, *, raw=False, content_type="application/json", **extra):
        data = body if raw else json.dumps(body)
        return self.client.put("/api/v1" + path, data=data, content_type=content_type, **self.headers(extra))


@pytest.fixture
def api(client):
    return lambda token=None: Api(client, token)
