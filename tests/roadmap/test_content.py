"""The curated content in fixtures/: complete, consistent, and loadable twice without duplicates (what it says
of roles, estimates and order: test_content_says.py)."""

import pytest
from django.core.management import call_command

from roadmap.models import (
    Item,
    ItemKind,
    Publication,
    Resource,
    Role,
    RoleRequirement,
    SkillArea,
    Stage,
    Track,
)

pytestmark = pytest.mark.django_db

ROLE_SLUGS = {
    "machine-learning-engineer",
    "data-scientist",
    "ai-research-scientist",
    "ai-product-manager",
    "machine-learning-consultant",
    "ai-ethics-policy-analyst",
}


def content_counts():
    return {model.__name__: model.objects.count() for model in (Track, Stage, Item, Role, RoleRequirement, Resource)}


def test_fixtures_load_into_an_empty_database(curated):
    assert Item.objects.published().count() >= 45
    assert set(Track.objects.published().values_list("slug", flat=True)) == {
        "machine-learning-engineer",
        "career-change",
    }
    assert set(Role.objects.published().values_list("slug", flat=True)) == ROLE_SLUGS


def test_loading_twice_leaves_one_copy(curated):
    before = content_counts()
    call_command("import_content", verbosity=0)
    assert content_counts() == before


def test_every_role_has_requirements(curated):
    for role in Role.objects.all():
        assert role.role_requirements.filter(is_required=True).exists(), role.slug


def test_exactly_one_role_is_the_main_goal(curated):
    assert list(Role.objects.filter(is_primary=True).values_list("slug", flat=True)) == ["machine-learning-engineer"]


def test_every_published_item_belongs_to_a_stage(curated):
    assert not Item.objects.published().filter(placements__isnull=True).exists()


def test_both_tracks_follow_the_article_stages(curated):
    main = Track.objects.get(slug="machine-learning-engineer")
    assert [stage.slug for stage in main.stages.order_by("position")] == [
        "education",
        "skills-development",
        "hands-on-experience",
        "entry-level-positions",
        "career-advancement",
        "roles-beyond",
    ]
    change = Track.objects.get(slug="career-change")
    assert [stage.slug for stage in change.stages.order_by("position")] == [
        "educational-foundation",
        "specialized-training",
        "networking",
        "hands-on-experience",
        "continuous-learning",
        "landing-first-role",
    ]


def test_a_shared_item_is_one_item_in_both_tracks(curated):
    python = Item.objects.get(slug="python")
    assert set(python.stages.values_list("track__slug", flat=True)) == {"machine-learning-engineer", "career-change"}


def test_skills_named_by_the_article_are_separate_items(curated):
    expected = {
        "python", "r-language", "java", "linear-algebra", "calculus", "probability", "statistics",
        "supervised-learning", "unsupervised-learning", "regression", "classification", "clustering",
        "deep-learning", "pandas", "numpy", "matplotlib", "data-preprocessing", "feature-engineering",
        "exploratory-data-analysis", "git", "tensorflow", "pytorch", "scikit-learn", "keras", "computer-vision",
        "natural-language-processing", "reinforcement-learning", "problem-framing", "communication",
    }  # fmt: skip
    assert expected <= set(Item.objects.filter(kind=ItemKind.SKILL).values_list("slug", flat=True))
    projects = {"portfolio", "open-source-contribution", "hackathon", "internship", "research-project"}
    assert projects <= set(Item.objects.filter(kind=ItemKind.PROJECT).values_list("slug", flat=True))


def test_every_skill_area_has_skills(curated):
    for area in SkillArea.objects.all():
        assert area.items.filter(status=Publication.PUBLISHED).exists(), area.slug


@pytest.mark.parametrize(
    ("role_slug", "core_item"),
    [
        ("ai-product-manager", "communication"),
        ("ai-product-manager", "product-strategy"),
        ("ai-research-scientist", "linear-algebra"),
        ("ai-research-scientist", "deep-learning"),
        ("ai-ethics-policy-analyst", "responsible-ai"),
        ("ai-ethics-policy-analyst", "ai-regulation"),
    ],
)
def test_roles_weigh_what_the_job_needs_most(curated, role_slug, core_item):
    requirement = RoleRequirement.objects.get(role__slug=role_slug, item__slug=core_item)
    assert requirement.is_required
    assert requirement.weight == 5


def test_both_executive_programs_are_resources(curated):
    programs = Resource.objects.filter(items__slug="executive-program")
    assert programs.count() == 2
    assert all(
        program.kind == "program" and program.url.startswith("https://professional.mit.edu/") for program in programs
    )


def test_resource_links_are_web_addresses(curated):
    for url in Resource.objects.values_list("url", flat=True):
        assert url.startswith(("https://", "http://")), url


def test_every_published_item_says_when_it_is_done_and_how_long_it_takes(curated):
    """Issue "Content for 2026", part 1: the "done when" (outcome) of every item, skills included, is filled."""
    missing = list(Item.objects.published().filter(outcome="").values_list("slug", flat=True))
    assert missing == []
    assert not Item.objects.published().filter(estimated_hours=0).exists()


def test_loading_the_content_over_a_database_with_progress_keeps_every_row(curated):
    from progress.models import Progress
    from progress.services import progress_record
    from tests.factories import UserFactory

    learner = UserFactory()
    for item in Item.objects.published()[:5]:
        progress_record(user=learner, item=item, status="done", skip_reason="", note="mine",
                        evidence_url="https://example.org/work")  # fmt: skip
    before = list(Progress.objects.values_list("pk", "item_id", "status", "note", "evidence_url").order_by("pk"))
    call_command("import_content", verbosity=0)
    assert (
        list(Progress.objects.values_list("pk", "item_id", "status", "note", "evidence_url").order_by("pk")) == before
    )


def test_every_item_has_a_resource_and_no_page_is_linked_more_than_twice(curated):
    """No item without a place to learn it; no page repeated so often it reads as an advertisement."""
    from django.db.models import Count

    assert list(Item.objects.published().filter(resources=None).values_list("slug", flat=True)) == []
    crowded = Resource.objects.annotate(uses=Count("items")).filter(uses__gt=2).values_list("url", flat=True)
    assert list(crowded) == []


def test_certifications_point_at_certifications(curated):
    certification = Item.objects.get(slug="certification")
    assert {resource.kind for resource in certification.resources.all()} == {"certification"}
