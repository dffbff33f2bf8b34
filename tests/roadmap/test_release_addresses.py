"""Old addresses keep working after a release: an item a release took out answers 301, on the pages and in the API."""

import pytest

from roadmap.models import LineageKind
from roadmap.services import release_publish
from tests.roadmap.releases import draft, exported, small_path, with_new_item, without_item

pytestmark = pytest.mark.django_db


def publish(objects, lineage, name="2026.2"):
    release = draft(objects, name=name, lineage=lineage)
    release_publish(release=release)
    return release


@pytest.fixture
def restructured():
    """python renamed, sql split in two, regression and trees merged into one, statistics retired."""
    small_path()
    objects = exported()
    objects = with_new_item(objects, "python-basics", like="python", title="Python basics")
    objects = with_new_item(objects, "sql-queries", like="sql", title="SQL queries")
    objects = with_new_item(objects, "sql-modelling", like="sql", title="Data modelling")
    objects = with_new_item(objects, "classic-models", like="regression", title="Classic models")
    for slug in ("python", "sql", "regression", "trees", "statistics"):
        objects = without_item(objects, slug)
    return publish(
        objects,
        [
            ("python", LineageKind.SAME, ["python-basics"]),
            ("sql", LineageKind.SPLIT, ["sql-queries", "sql-modelling"]),
            ("regression", LineageKind.MERGED, ["classic-models"]),
            ("trees", LineageKind.MERGED, ["classic-models"]),
            ("statistics", LineageKind.RETIRED, []),
        ],
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [("python", "/items/python-basics/"), ("regression", "/items/classic-models/"),
     ("trees", "/items/classic-models/"), ("sql", "/items/sql/went/"), ("statistics", "/items/statistics/went/")],
)  # fmt: skip
def test_an_old_item_address_answers_301_to_where_it_went(client, restructured, old, new):
    response = client.get(f"/items/{old}/")
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_a_split_items_old_address_lists_its_parts(client, restructured):
    page = client.get("/items/sql/went/").content.decode()
    assert "split this item into 2" in page
    assert 'href="/items/sql-queries/"' in page and "SQL queries" in page
    assert 'href="/items/sql-modelling/"' in page and "Data modelling" in page


def test_a_retired_items_old_address_says_nothing_replaces_it(client, restructured):
    page = client.get("/items/statistics/went/").content.decode()
    assert "retired this item: nothing on the path replaces it" in page
    assert "It is now" not in page


def test_addresses_that_never_were_items_still_answer_404(client, restructured):
    assert client.get("/items/no-such-item/").status_code == 404
    assert client.get("/items/python-basics/went/").status_code == 404  # a published item went nowhere
    assert client.get("/api/v1/items/no-such-item").status_code == 404


def test_an_address_follows_every_later_release(client, restructured):
    """python became python-basics in 2026.2, then python-basics became python-foundations in 2026.3: the oldest
    address leads straight to the newest page, in one redirect."""
    objects = without_item(with_new_item(exported(), "python-foundations", like="python-basics"), "python-basics")
    publish(objects, [("python-basics", LineageKind.SAME, ["python-foundations"])], name="2026.3")
    for old in ("python", "python-basics"):
        response = client.get(f"/items/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/items/python-foundations/")


def test_the_api_answers_301_with_the_new_location(client, restructured):
    response = client.get("/api/v1/items/python")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/items/python-basics")
    assert client.get(response["Location"]).json()["title"] == "Python basics"
    response = client.get("/api/v1/items/sql")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/items/sql/went")
    went = client.get(response["Location"]).json()
    assert went == {
        "slug": "sql", "title": "Sql", "kind": "split", "release": "2026.2",
        "items": [{"slug": "sql-queries", "title": "SQL queries"},
                  {"slug": "sql-modelling", "title": "Data modelling"}],
    }  # fmt: skip
    assert client.get("/api/v1/items/statistics/went").json()["items"] == []


def test_the_went_page_is_read_only(client, restructured):
    assert client.post("/items/sql/went/").status_code == 405
