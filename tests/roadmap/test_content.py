"""The curated content in fixtures/: complete, consistent, and loadable twice without duplicates."""

import pytest
from django.core.management import call_command

from progress.dashboard import role_gap
from progress.models import ProgressStatus
from progress.services import progress_set_status
from roadmap.models import (
    Item,
    ItemKind,
    Publication,
    Resource,
    Role,
    RoleRequirement,
    SkillArea,
    Stage,
    StageItem,
    Track,
)
from roadmap.selectors import role_list_detailed

pytestmark = pytest.mark.django_db

ROLE_SLUGS = {
    "machine-learning-engineer",
    "data-scientist",
    "ai-research-scientist",
    "ai-product-manager",
    "machine-learning-consultant",
    "ai-ethics-policy-analyst",
}


@pytest.fixture
def curated(db):
    call_command("import_content", verbosity=0)


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


def test_every_large_estimate_says_what_it_assumes(curated):
    """Hours are honest when the reader can check them: every item of 50 hours or more states its assumption."""
    unexplained = (
        Item.objects.published().filter(estimated_hours__gte=50).exclude(description__contains="The estimate assumes")
    )
    assert list(unexplained.values_list("slug", flat=True)) == []


def test_the_ml_engineer_path_shows_other_roles_content_apart_and_deployment_before_the_deploy_project(curated):
    track = Track.objects.get(slug="machine-learning-engineer")
    engineer = Role.objects.get(slug="machine-learning-engineer")
    for_engineer = set(RoleRequirement.objects.filter(role=engineer).values_list("item__slug", flat=True))
    beyond = set(Item.objects.filter(stages__track=track, stages__slug="roles-beyond").values_list("slug", flat=True))
    assert beyond and not beyond & for_engineer, "the stage holds only what ML engineer does not need"
    advancement = Item.objects.filter(stages__track=track, stages__slug="career-advancement").values_list(
        "slug", flat=True
    )
    assert set(advancement) & {"product-strategy", "ml-consulting", "ai-regulation", "research-methods"} == set()

    def place(slug):
        placement = StageItem.objects.get(stage__track=track, item__slug=slug)
        return (placement.stage.position, placement.position)

    assert place("model-deployment") < place("deployed-model")


def test_ml_engineer_requires_pytorch_and_responsible_ai_and_keeps_tensorflow_optional(curated):
    """What 2026 job descriptions ask of an ML engineer; and a consultant needs statistics and regulation."""

    def requirement(role, item):
        return RoleRequirement.objects.get(role__slug=role, item__slug=item)

    assert requirement("machine-learning-engineer", "pytorch").is_required
    assert not requirement("machine-learning-engineer", "tensorflow").is_required
    assert requirement("machine-learning-engineer", "responsible-ai").is_required
    assert requirement("machine-learning-consultant", "statistics").is_required
    assert requirement("machine-learning-consultant", "ai-regulation").is_required


NEW_2026_SKILLS = ["llm-prompting", "embeddings-and-rag", "llm-evaluation", "cloud-fundamentals", "containers",
                   "ci-for-ml", "experiment-tracking", "ml-monitoring", "data-pipelines"]  # fmt: skip


def test_the_skills_employers_ask_for_in_2026_are_on_the_path_and_required(curated):
    track = Track.objects.get(slug="machine-learning-engineer")
    required = set(
        RoleRequirement.objects.filter(role__slug="machine-learning-engineer", is_required=True).values_list(
            "item__slug", flat=True
        )
    )
    for slug in [*NEW_2026_SKILLS, "rag-project"]:
        assert StageItem.objects.filter(stage__track=track, item__slug=slug).exists(), slug
        assert slug in required, slug

    def place(slug):
        placement = StageItem.objects.get(stage__track=track, item__slug=slug)
        return (placement.stage.position, placement.position)

    assert max(place(slug) for slug in ("llm-prompting", "embeddings-and-rag", "llm-evaluation")) < place("rag-project")
    assert place("containers") < place("model-deployment") < place("deployed-model")


def test_finishing_the_career_change_track_makes_a_learner_ready_for_ml_engineer(curated, user):
    """A career changer who ticks every item of their track, and nothing else, is 100% ready for ML engineer."""
    track = Track.objects.get(slug="career-change")
    for item in Item.objects.published().filter(stages__track=track).distinct():
        progress_set_status(user=user, item=item, status=ProgressStatus.DONE)
    engineer = role_list_detailed().get(slug="machine-learning-engineer")
    assert role_gap(user=user, role=engineer).percent == 100


def test_the_career_change_track_ends_in_landing_the_first_role_shared_with_the_ml_engineer_path(curated):
    landing = Stage.objects.get(track__slug="career-change", slug="landing-first-role")
    steps = list(landing.placements.order_by("position").values_list("item__slug", flat=True))
    assert steps == ["portfolio", "cv-and-profile", "job-search-networking", "job-applications",
                     "ml-interview-preparation", "behavioural-interviews", "first-90-days"]  # fmt: skip
    on_ml_path = set(
        Item.objects.filter(stages__track__slug="machine-learning-engineer").values_list("slug", flat=True)
    )
    assert set(steps) <= on_ml_path, "ticked once, counted on both tracks"


def test_every_requirement_says_in_one_line_why_the_role_needs_it(curated):
    assert list(RoleRequirement.objects.filter(reason="").values_list("role__slug", "item__slug")) == []
    assert not RoleRequirement.objects.filter(reason__contains="\n").exists()


def test_every_requirement_of_every_role_is_on_some_track(curated):
    unreachable = RoleRequirement.objects.filter(item__placements__isnull=True)
    assert list(unreachable.values_list("role__slug", "item__slug")) == []


# (item, what it builds on): on every track holding both, the second comes first.
BUILDS_ON = [
    ("pandas", "python"), ("numpy", "python"), ("supervised-learning", "statistics"),
    ("deep-learning", "linear-algebra"), ("deep-learning", "calculus"), ("pytorch", "deep-learning"),
    ("model-evaluation", "supervised-learning"), ("embeddings-and-rag", "llm-prompting"),
    ("rag-project", "embeddings-and-rag"), ("rag-project", "llm-evaluation"), ("model-deployment", "containers"),
    ("deployed-model", "model-deployment"), ("ml-monitoring", "model-deployment"), ("ci-for-ml", "git"),
    ("end-to-end-project", "scikit-learn"), ("job-applications", "cv-and-profile"), ("job-applications", "portfolio"),
    ("first-90-days", "ml-interview-preparation"), ("ai-feature-spec", "product-fundamentals"),
    ("ai-audit-memo", "ai-regulation"),
]  # fmt: skip


@pytest.mark.parametrize("track_slug", ["machine-learning-engineer", "career-change"])
def test_no_item_comes_before_what_it_builds_on(curated, track_slug):
    places = {
        slug: (stage_position, position)
        for slug, stage_position, position in StageItem.objects.filter(stage__track__slug=track_slug).values_list(
            "item__slug", "stage__position", "position"
        )
    }
    wrong = [(item, basis) for item, basis in BUILDS_ON if item in places and basis in places
             and places[item] <= places[basis]]  # fmt: skip
    assert wrong == []


def test_product_managers_and_ethics_analysts_have_a_project_of_their_own(curated):
    def requirement(role, item):
        return RoleRequirement.objects.get(role__slug=role, item__slug=item)

    assert requirement("ai-product-manager", "product-fundamentals").is_required
    assert requirement("ai-product-manager", "ai-feature-spec").is_required
    assert requirement("ai-ethics-policy-analyst", "ai-audit-memo").is_required
    assert Item.objects.get(slug="ai-feature-spec").kind == ItemKind.PROJECT
    assert Item.objects.get(slug="ai-audit-memo").kind == ItemKind.PROJECT


MARKETING = ["cutting-edge", "world-class", "exponential", "transformational", "game-chang", "best-in-class",
             "revolutionary", "unlock your", "supercharge"]  # fmt: skip


def test_programmes_are_described_by_facts_not_marketing(curated):
    texts = [
        *Item.objects.values_list("description", flat=True),
        *Resource.objects.values_list("description", flat=True),
    ]
    assert [word for word in MARKETING for text in texts if word in text.lower()] == []
    programme = Item.objects.get(slug="executive-program").description
    assert "six months" in programme and "on campus and live online" in programme and "prerequisites" in programme
