"""URLs reversed once per process are the URLs Django reverses, under whatever prefix the site is mounted."""

from django.urls import reverse, set_script_prefix

from careerpath.reversing import reverse_once
from roadmap.models import Item, Role, Track


def test_a_remembered_url_is_the_reversed_url():
    assert reverse_once("roadmap:item-detail", "python-basics") == reverse(
        "roadmap:item-detail", kwargs={"slug": "python-basics"}
    )
    assert reverse_once("progress:status", "python-basics") == reverse("progress:status", args=["python-basics"])
    assert Item(slug="sql").get_absolute_url() == "/items/sql/"
    assert Track(slug="ml").get_absolute_url() == "/tracks/ml/"
    assert Role(slug="data-scientist").get_absolute_url() == reverse("roadmap:role-detail", args=["data-scientist"])


def test_a_site_mounted_under_a_prefix_gets_its_own_urls():
    assert reverse_once("roadmap:item-detail", "sql") == "/items/sql/"
    set_script_prefix("/careers/")
    try:
        assert reverse_once("roadmap:item-detail", "sql") == "/careers/items/sql/"
    finally:
        set_script_prefix("/")
    assert reverse_once("roadmap:item-detail", "sql") == "/items/sql/"
