"""What the curated content says: estimates that name their assumptions, what each role requires and why, the
order of the path, and programmes described by facts."""

import pytest

from progress.dashboard import role_gap
from progress.models import ProgressStatus
from progress.services import progress_set_status
from roadmap.models import (
    Item,
    ItemKind,
    Resource,
    Role,
    RoleRequirement,
    Stage,
    StageItem,
    Track,
)
from roadmap.selectors import role_list_detailed

pytestmark = pytest.mark.django_db


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
    assert steps == ["portfolio", "cv-and-profile", "job-applications", "ml-interview-preparation",
                     "behavioural-interviews", "first-90-days"]  # fmt: skip
    networking = Stage.objects.get(track__slug="career-change", slug="networking")
    assert networking.placements.filter(item__slug="networking-and-mentorship").exists(), "networking starts mid-path"
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
    ("pandas", "python"), ("numpy", "python"), ("regression", "statistics"), ("classification", "statistics"),
    ("deep-learning", "applied-linear-algebra"), ("deep-learning", "applied-calculus"), ("deep-learning", "pytorch"),
    ("model-evaluation", "classification"), ("embeddings-and-rag", "llm-prompting"),
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
