"""Content over the API: public, published only, with the page's order, cacheable by ETag, fixed query counts."""

import pytest

from tests.factories import StageItemFactory

pytestmark = pytest.mark.django_db


def test_tracks_and_a_track_with_its_stages_and_items_in_order(api, content):
    listing = api().get("/tracks")
    assert listing.status_code == 200
    assert listing.json() == [{"slug": "ml", "title": "ML path", "summary": "A path.", "for_career_changers": False,
                               "stage_count": 2, "item_count": 3}]  # fmt: skip
    track = api().get("/tracks/ml").json()
    assert [(stage["slug"], [item["slug"] for item in stage["items"]]) for stage in track["stages"]] == [
        ("basics", ["python", "sql"]), ("maths", ["maths"]),
    ]  # fmt: skip


def test_an_item_and_roles_with_their_weighted_requirements(api, content):
    item = api().get("/items/python").json()
    assert (item["title"], item["estimated_hours"], item["places"]) == (
        "Python",
        40,
        [{"track": "ml", "stage": "basics"}],
    )
    roles = api().get("/roles").json()
    assert [(role["slug"], role["required_items"], role["required_hours"]) for role in roles] == [
        ("ml-engineer", 3, 120), ("analyst", 1, 20),
    ]  # fmt: skip
    engineer = api().get("/roles/ml-engineer").json()
    assert [(req["item"], req["weight"]) for req in engineer["requirements"]] == [("python", 5), ("maths", 4),
                                                                                  ("sql", 3)]  # fmt: skip
    assert engineer["requirements"][0]["reason"] == "The job uses Python daily."


@pytest.mark.parametrize("path", ["/items/draft", "/items/nope", "/tracks/nope", "/roles/nope", "/nope", "/items/"])
def test_unpublished_or_unknown_content_is_a_json_404(api, content, path):
    response = api().get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_an_unchanged_version_answers_304_and_a_change_gives_a_new_etag(api, content):
    first = api().get("/tracks/ml")
    etag = first["ETag"]
    again = api().get("/tracks/ml", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    content["python"].title = "Python 3"
    content["python"].save()
    changed = api().get("/tracks/ml", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["stages"][0]["items"][0]["title"] == "Python 3"


@pytest.mark.parametrize(
    ("path", "queries"), [("/tracks", 3), ("/tracks/ml", 3), ("/roles", 1), ("/roles/ml-engineer", 3)]
)
def test_content_endpoints_cost_the_same_for_5_and_200_items(api, content, django_assert_num_queries, path, queries):
    with django_assert_num_queries(queries):
        assert api().get(path).status_code == 200
    stage = content["python"].placements.first().stage
    for number in range(197):
        StageItemFactory(stage=stage, position=100 + number)
    with django_assert_num_queries(queries):
        assert api().get(path).status_code == 200
