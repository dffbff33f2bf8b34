"""Public pages: content shown, retired content hidden, 404s for unknown slugs, bounded SQL queries."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from progress.services import progress_set_status
from roadmap.models import ItemKind, Publication
from tests.factories import (
    ItemFactory,
    ResourceFactory,
    RoleFactory,
    RoleRequirementFactory,
    StageFactory,
    StageItemFactory,
    TrackFactory,
    UserFactory,
)
from tests.queries import CONTENT_VERSION, LEARNER_RECORD_TOGETHER, SHOWN_LOOKUPS, SHOWN_STATEMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap():
    """A small published roadmap: one track, two stages, a skill and a project, two roles."""
    track = TrackFactory(title="ML engineer path", short_title="ML path", slug="ml")
    first = StageFactory(track=track, title="Foundations", position=1)
    second = StageFactory(track=track, title="Projects", position=2)
    skill = StageItemFactory(stage=first, item__title="Linear algebra", item__slug="linear-algebra").item
    project = StageItemFactory(
        stage=second, item__title="Portfolio", item__slug="portfolio", item__kind=ItemKind.PROJECT,
        item__skill_area=None, item__outcome="A link employers can open.",
    ).item  # fmt: skip
    skill.resources.add(ResourceFactory(title="Strang's lectures"))
    engineer = RoleFactory(title="ML engineer", slug="ml-engineer", is_primary=True)
    manager = RoleFactory(title="Product manager", slug="product-manager", comparison="Less code, more product.")
    RoleRequirementFactory(role=engineer, item=skill, weight=5)
    RoleRequirementFactory(role=engineer, item=project, weight=4)
    RoleRequirementFactory(role=manager, item=project, weight=2, is_required=False)
    RoleRequirementFactory(role=manager, item__title="Product strategy", weight=5)
    return {"track": track, "skill": skill, "project": project, "engineer": engineer, "manager": manager}


def test_home_shows_the_path_tracks_and_roles(client, roadmap):
    response = client.get(reverse("roadmap:home"))
    assert response.status_code == 200
    for text in ("ML engineer path", "Foundations", "Projects", "ML engineer", "Product manager"):
        assert text in response.text


def test_track_page_lists_stages_in_order_with_their_items(client, roadmap):
    response = client.get(roadmap["track"].get_absolute_url())
    assert response.status_code == 200
    body = response.text
    assert body.index("Foundations") < body.index("Linear algebra") < body.index("Projects") < body.index("Portfolio")
    assert "10 h" in body
    assert "Project" in body


def test_the_navbar_links_every_track_and_marks_the_current_one(client, roadmap):
    TrackFactory(title="Career change", short_title="Switch <fields>", slug="switch")
    home = client.get(reverse("roadmap:home")).text
    assert '<a class="nav-link" href="/tracks/ml/">ML path</a>' in home and "aria-current" not in home
    assert ">Switch &lt;fields&gt;</a>" in home, "a short title shows as text"
    track = client.get(roadmap["track"].get_absolute_url()).text
    assert '<a class="nav-link active" aria-current="page" href="/tracks/ml/">ML path</a>' in track
    assert '<a class="nav-link" href="/tracks/switch/">' in track, "only the page's own track is current"


def test_the_navbar_follows_a_content_change_without_reading_the_tracks_on_every_page(
    client, roadmap, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Its tracks are kept per content version and process: a page reads them once, and again after a change."""
    url = reverse("roadmap:role-list")
    client.get(url)
    with django_assert_num_queries(1):  # the roles: not the navbar's tracks
        assert "ML path" in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        TrackFactory(title="Data", short_title="Data path", slug="data")
    with django_assert_num_queries(3):  # the roles, the navbar's tracks and the release (kept per version too)
        assert '<a class="nav-link" href="/tracks/data/">Data path</a>' in client.get(url).text


def test_item_page_shows_description_resources_and_roles(client, roadmap):
    response = client.get(roadmap["skill"].get_absolute_url())
    assert response.status_code == 200
    assert "<strong>well</strong>" in response.text
    assert "Strang&#x27;s lectures" in response.text or "Strang's lectures" in response.text
    assert "ML engineer" in response.text
    assert "ML path</a>: Foundations" in response.text


def test_project_page_says_when_it_is_done(client, roadmap):
    response = client.get(roadmap["project"].get_absolute_url())
    assert "Done when</h2>" in response.text
    assert "A link employers can open." in response.text


def test_roles_overview_lists_every_published_role(client, roadmap):
    response = client.get(reverse("roadmap:role-list"))
    assert response.status_code == 200
    assert "ML engineer" in response.text
    assert "Product manager" in response.text
    assert "Main goal" in response.text


def test_role_page_shows_requirements_and_the_difference_from_ml_engineer(client, roadmap):
    response = client.get(roadmap["manager"].get_absolute_url())
    assert response.status_code == 200
    assert "Less code, more product." in response.text
    assert "Product strategy" in response.text
    assert [r.item.title for r in response.context["beyond_ml_engineer"]] == ["Product strategy"]
    assert [r.item.title for r in response.context["optional"]] == ["Portfolio"]


@pytest.mark.parametrize("name", ["roadmap:track-detail", "roadmap:item-detail", "roadmap:role-detail"])
def test_unknown_slugs_answer_404(client, roadmap, name):
    response = client.get(reverse(name, kwargs={"slug": "no-such-thing"}))
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_retired_items_are_hidden_everywhere(client, roadmap):
    skill = roadmap["skill"]
    skill.status = Publication.RETIRED
    skill.save()

    assert "Linear algebra" not in client.get(roadmap["track"].get_absolute_url()).text
    assert "Linear algebra" not in client.get(roadmap["engineer"].get_absolute_url()).text
    assert client.get(skill.get_absolute_url()).status_code == 404


def test_draft_items_and_retired_roles_are_not_public(client, roadmap):
    draft = StageItemFactory(stage=roadmap["track"].stages.first(), item__status=Publication.DRAFT).item
    roadmap["manager"].status = Publication.RETIRED
    roadmap["manager"].save()

    assert draft.title not in client.get(roadmap["track"].get_absolute_url()).text
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(roadmap["manager"].get_absolute_url()).status_code == 404
    assert "Product manager" not in client.get(reverse("roadmap:role-list")).text


def test_unpublished_track_answers_404(client, roadmap):
    roadmap["track"].status = Publication.DRAFT
    roadmap["track"].save()
    assert client.get(roadmap["track"].get_absolute_url()).status_code == 404


def test_markdown_from_the_admin_is_sanitized(client):
    item = StageItemFactory(
        item__description=(
            "Hello <script>alert(1)</script> and <img src=x onerror=alert(1)> "
            "[click](javascript:alert(1)) <a href='https://ok.example' onclick='alert(1)'>fine</a>"
        )
    ).item
    body = client.get(item.get_absolute_url()).text
    assert "<script>alert(1)" not in body
    assert "onerror" not in body
    assert "onclick" not in body
    assert 'href="javascript:' not in body, "the link is refused (its text stays, harmless)"
    assert 'href="https://ok.example"' in body


def add_items(track, count):
    stages = [StageFactory(track=track) for _ in range(3)]
    for index in range(count):
        placement = StageItemFactory(stage=stages[index % 3])
        placement.item.resources.add(ResourceFactory())


# Queries for a visitor, and for a signed-in learner (the progress app adds their own state through roadmap.hooks).
# The session and the user with their profile are two of a learner's queries; every page from scratch also reads the
# content version (tests.queries.CONTENT_VERSION).
PAGE_QUERIES = {
    # signed in: the goal, its next step and the verdict (progress.page_context.home_page)
    "home": (5, 17 + SHOWN_STATEMENTS - LEARNER_RECORD_TOGETHER),
    "track": (8, 11),  # the published content read once per content version and process (7 of them)
    "role": (6, 10 + SHOWN_LOOKUPS),  # signed in: the learner's statuses and what they have shown
    "role-list": (3, 5),  # the roles, the navbar's tracks and the current release (both kept per content version)
    "item": (5, 11),  # signed in: progress, its form and history, mentors' reviews (mentoring), its check (assessment)
}


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "learner"])
@pytest.mark.parametrize("page", list(PAGE_QUERIES))
def test_pages_run_the_same_number_of_queries_for_5_items_and_for_200(client, assert_page_queries, page, signed_in):
    track = TrackFactory()
    engineer = RoleFactory(is_primary=True)
    role = RoleFactory()
    shared_item = ItemFactory()
    StageItemFactory(stage=StageFactory(track=track), item=shared_item)
    urls = {
        "home": reverse("roadmap:home"),
        "track": track.get_absolute_url(),
        "role": role.get_absolute_url(),
        "role-list": reverse("roadmap:role-list"),
        "item": shared_item.get_absolute_url(),
    }

    def grow(count):
        add_items(track, count)
        for placement in track.stages.last().placements.all()[:count]:
            RoleRequirementFactory(role=role, item=placement.item)
            RoleRequirementFactory(role=engineer, item=placement.item)
            RoleRequirementFactory(role=RoleFactory(), item=shared_item)

    if signed_in:
        learner = UserFactory()
        client.force_login(learner)
    expected = PAGE_QUERIES[page][signed_in] + CONTENT_VERSION
    grow(5)
    if signed_in:
        for item in track.stages.last().items.all():
            progress_set_status(user=learner, item=item, status="done")
    assert_page_queries(client, urls[page], expected)
    grow(195)
    assert_page_queries(client, urls[page], expected)


def test_a_page_answers_503_with_retry_after_when_the_database_is_down(client, roadmap, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    client.raise_request_exception = False
    response = client.get(roadmap["track"].get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()
    assert "Content-Security-Policy" in response, "our security headers, not a bare error"


def test_any_other_server_error_is_our_500_page(client, roadmap, monkeypatch):
    from roadmap import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.TrackDetailView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get(roadmap["track"].get_absolute_url())
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_the_server_error_page_renders_without_a_database_or_inline_styles():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "style=" not in html


def test_favicon_ico_points_at_our_icon_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
