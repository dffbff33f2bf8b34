"""The public portfolio: private by default, only what the learner shows, gone at once when unpublished."""

import pytest
from django.test import Client
from django.urls import reverse

from portfolio.models import Portfolio, PortfolioEntry
from tests.factories import UserFactory
from tests.mentoring.conftest import SECRET_NOTE

pytestmark = pytest.mark.django_db
PUBLIC = reverse("portfolio:public", args=["lea"])


def owner(world) -> Client:
    client = Client()
    client.force_login(world["member"])
    return client


def test_a_visitor_sees_the_shown_done_items_with_evidence_and_summary_never_the_note(world):
    response = Client().get(PUBLIC)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Member" in page and "ML engineer" in page and "Deployed model" in page
    assert "A model behind an API." in page and "https://github.com/member/deployed-model" in page
    assert SECRET_NOTE not in page and "Python" not in page, "not done, not shown"
    assert response["X-Robots-Tag"] == "noindex" and '<meta name="robots" content="noindex">' in page


def test_search_engines_may_list_it_only_when_allowed(world):
    Portfolio.objects.update(allow_indexing=True)
    response = Client().get(PUBLIC)
    assert "X-Robots-Tag" not in response and 'content="noindex"' not in response.content.decode()


def test_unpublishing_removes_the_page_at_once_and_every_missing_handle_looks_the_same(world):
    first = Client().get(PUBLIC)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    response = owner(world).post(reverse("portfolio:settings"), {"handle": "lea", "headline": ""})
    assert response.status_code == 302
    gone = Client().get(PUBLIC)
    unknown = Client().get(reverse("portfolio:public", args=["nobody-here"]))
    assert gone.status_code == unknown.status_code == 404
    assert gone.content == unknown.content, "unpublished and unknown handles cannot be told apart"
    world["member"].delete()
    assert Client().get(PUBLIC).status_code == 404


def test_items_are_hidden_until_shown_and_only_done_items_can_be_shown(world):
    client = owner(world)
    assert client.post(reverse("portfolio:entry", args=["deployed-model"]), {"summary": "x"}).status_code == 302
    assert "Deployed model" not in Client().get(PUBLIC).content.decode(), "no `shown`: hidden"
    refused = client.post(reverse("portfolio:entry", args=["python"]), {"shown": "on"})
    assert refused.status_code == 400 and "done" in refused.content.decode()
    assert not PortfolioEntry.objects.filter(item=world["skill"]).exists()


@pytest.mark.parametrize(
    "data",
    [{"handle": "A"}, {"handle": "-lea-"}, {"handle": "x" * 41}, {"handle": "bad handle"}, {"handle": "",
     "published": "on"}, {"handle": "lea", "headline": "a\x00b"}, {"handle": "taken", "published": "on"}],
)  # fmt: skip
def test_bad_settings_are_a_form_error_and_change_nothing(world, data):
    Portfolio.objects.create(learner=UserFactory(), handle="taken")
    before = list(Portfolio.objects.values_list("handle", "published").order_by("pk"))
    response = owner(world).post(reverse("portfolio:settings"), data)
    assert response.status_code == 400 and "is-invalid" in response.content.decode()
    assert list(Portfolio.objects.values_list("handle", "published").order_by("pk")) == before


def test_handles_are_case_insensitive(world):
    assert Client().get(reverse("portfolio:public", args=["LEA"])).status_code == 200


def test_the_preview_shows_exactly_what_a_visitor_sees_even_unpublished(world):
    Portfolio.objects.update(published=False)
    preview = owner(world).get(reverse("portfolio:preview")).content.decode()
    assert "Deployed model" in preview and "A model behind an API." in preview and "it is not public now" in preview
    assert SECRET_NOTE not in preview
    assert Client().get(PUBLIC).status_code == 404
