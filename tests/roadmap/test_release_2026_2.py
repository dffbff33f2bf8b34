"""Content release 2026.2 (fixtures/releases/2026.2.json), as `make run` publishes it: a path that makes a career
changer hireable. Its invariants, over the published content, so that the next release keeps them too."""

import json
from collections import Counter
from pathlib import Path

import pytest

from roadmap.models import Item, ItemKind, Release, Resource, Role, RoleRequirement, Rubric, StageItem, Track

pytestmark = pytest.mark.django_db

RELEASE_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "releases" / "2026.2.json"
TRACKS = ["machine-learning-engineer", "career-change"]


def path_of(track_slug: str) -> list[Item]:
    """The track's items in the order a learner meets them (each item once, where it first appears)."""
    placements = (
        StageItem.objects.filter(stage__track__slug=track_slug, item__status="published")
        .select_related("item").order_by("stage__position", "position")
    )  # fmt: skip
    seen, items = set(), []
    for placement in placements:
        if placement.item_id not in seen:
            seen.add(placement.item_id)
            items.append(placement.item)
    return items


def hours_before(items: list[Item]) -> dict[str, int]:
    total, before = 0, {}
    for item in items:
        before[item.slug] = total
        total += item.estimated_hours
    return before


def test_release_2026_2_is_the_current_release_and_every_release_1_item_is_accounted_for(curated):
    shipped = json.loads(RELEASE_FILE.read_text())
    assert Release.objects.current().name == "2026.2"
    published = set(Item.objects.published().values_list("slug", flat=True))
    leaving = {entry["from"] for entry in shipped["lineage"]}
    base = json.loads((RELEASE_FILE.parents[1] / "roadmap.json").read_text())
    items = [obj["fields"] for obj in base if obj["model"] == "roadmap.item"]
    before = {fields["slug"] for fields in items if fields.get("status", "published") == "published"}
    assert before - published - leaving == set(), "an item of release 1 left without a lineage entry"
    for entry in shipped["lineage"]:
        assert set(entry["to"]) <= published, entry


def test_the_career_change_track_is_2000_to_2600_hours_with_at_least_35_percent_in_projects(curated):
    items = path_of("career-change")
    total = sum(item.estimated_hours for item in items)
    projects = sum(item.estimated_hours for item in items if item.kind == ItemKind.PROJECT)
    assert 2000 <= total <= 2600, total
    assert projects / total >= 0.35, projects / total


def test_the_first_project_of_the_career_change_track_starts_within_its_first_100_hours(curated):
    items = path_of("career-change")
    first = next(item for item in items if item.kind == ItemKind.PROJECT)
    assert hours_before(items)[first.slug] < 100, first.slug


@pytest.mark.parametrize("track_slug", TRACKS)
def test_every_stage_of_both_tracks_holds_a_project(curated, track_slug):
    track = Track.objects.get(slug=track_slug)
    projects = StageItem.objects.filter(stage__track=track, item__kind=ItemKind.PROJECT, item__status="published")
    without = set(track.stages.values_list("slug", flat=True)) - set(projects.values_list("stage__slug", flat=True))
    assert without == set()


# (item, what comes before it) on every track holding both: the order, and the path's own.
COMES_AFTER = [
    ("cs-fundamentals", "python"), ("fine-tuning-basics", "pytorch"), ("deep-learning", "pytorch"),
    ("tensorflow", "pytorch"), ("ml-interview-preparation", "ml-system-design"),
    *[(slug, "scikit-learn") for slug in ("regression", "classification", "clustering", "unsupervised-learning",
                                          "feature-engineering", "model-evaluation")],
    ("deep-learning", "applied-linear-algebra"), ("deep-learning", "applied-calculus"),
    ("statistics", "applied-probability"), ("vector-search", "embeddings-and-rag"),
    ("capstone-llm-application", "agents-and-tool-use"), ("capstone-llm-application", "llm-security"),
    ("capstone-fine-tune-and-serve", "fine-tuning-basics"), ("capstone-fine-tune-and-serve", "inference-serving"),
    ("capstone-production-model", "ml-monitoring"), ("capstone-production-model", "containers"),
]  # fmt: skip


@pytest.mark.parametrize("track_slug", TRACKS)
def test_nothing_comes_before_what_it_builds_on(curated, track_slug):
    items = path_of(track_slug)
    place = {item.slug: index for index, item in enumerate(items)}
    projects = [item.slug for item in items if item.kind == ItemKind.PROJECT]
    job_search = {placement.item.slug for placement in StageItem.objects.filter(
        stage__track__slug=track_slug, stage__slug__in=["entry-level-positions", "landing-first-role"]
    ).select_related("item")}  # fmt: skip
    engineer_projects = set(RoleRequirement.objects.filter(
        role__slug="machine-learning-engineer", is_required=True, item__kind=ItemKind.PROJECT
    ).values_list("item__slug", flat=True))  # fmt: skip
    pairs = [
        *COMES_AFTER,
        *[(project, "git") for project in projects],  # every project is a repository
        *[(step, "responsible-ai") for step in job_search],
        # the portfolio gathers the projects for the job search; it is not one to certify after
        *[("certification", project) for project in engineer_projects - {"certification", "portfolio"}],
    ]
    wrong = [(item, basis) for item, basis in pairs if item in place and basis in place and place[item] < place[basis]]
    assert wrong == []


def test_certification_is_optional_for_every_role(curated):
    assert not RoleRequirement.objects.filter(item__slug="certification", is_required=True).exists()


def test_only_what_a_non_tech_career_gives_counts_as_transferable(curated):
    transferable = set(Item.objects.published().filter(transferable=True).values_list("slug", flat=True))
    assert transferable <= {"communication", "domain-knowledge", "behavioural-interviews", "stakeholder-management"}
    assert {"communication", "domain-knowledge"} <= transferable
    assert not transferable & {"cv-and-profile", "problem-framing"}


def test_no_resource_is_linked_from_more_than_two_items_and_each_says_what_it_is(curated):
    uses = Counter(Item.objects.published().filter(resources__isnull=False).values_list("resources__url", flat=True))
    assert {url: count for url, count in uses.items() if count > 2} == {}
    linked = Resource.objects.filter(items__status="published").distinct()
    assert list(linked.filter(description="").values_list("url", flat=True)) == []


def test_every_published_item_has_an_official_resource_and_a_checkable_done_when(curated):
    items = Item.objects.published()
    assert list(items.filter(resources__isnull=True).values_list("slug", flat=True)) == []
    assert list(items.filter(outcome="").values_list("slug", flat=True)) == []


CAPSTONES = {
    "capstone-production-model": ["CI", "container", "API", "drift", "retrain"],
    "capstone-llm-application": ["retrieval", "agent", "100", "cost", "latency", "injection"],
    "capstone-fine-tune-and-serve": ["LoRA", "serve", "quantis", "latency"],
}


def test_three_capstones_with_rubrics_ask_for_what_an_entry_level_ml_engineer_shows(curated):
    for slug, words in CAPSTONES.items():
        item = Item.objects.published().get(slug=slug)
        said = f"{item.description} {item.outcome}".lower()
        assert [word for word in words if word.lower() not in said] == [], slug
        rubric = Rubric.objects.get(item=item)
        assert rubric.criteria.count() >= 4
        assert rubric.min_level == 3, "a capstone passes only when every criterion meets the done-when"
        assert rubric.criteria.filter(key="live-walkthrough").exists(), "the learner shows the work is theirs"
        assert RoleRequirement.objects.get(role__slug="machine-learning-engineer", item=item).is_required
    assert any("previous field" in Item.objects.get(slug=slug).description.lower() or
               "own field" in Item.objects.get(slug=slug).description.lower() for slug in CAPSTONES)  # fmt: skip


NEW_2026_SKILLS = ["command-line", "agents-and-tool-use", "inference-serving", "gpu-training-basics", "vector-search",
                   "llm-security"]  # fmt: skip


def test_the_2026_skills_are_required_of_an_ml_engineer_with_hours_and_a_reason(curated):
    for slug in NEW_2026_SKILLS:
        requirement = RoleRequirement.objects.select_related("item").get(
            role__slug="machine-learning-engineer", item__slug=slug
        )
        assert requirement.is_required and requirement.reason and requirement.item.estimated_hours > 0, slug


@pytest.mark.parametrize(
    ("role", "items"),
    [
        ("data-scientist", ["causal-inference", "forecasting"]),
        ("ai-product-manager", ["llm-prototyping", "ai-unit-economics"]),
        ("machine-learning-consultant", ["genai-solution-patterns"]),
        ("ai-ethics-policy-analyst", ["ai-regulation", "ai-management-standards", "ai-impact-assessment"]),
        ("ai-research-scientist", ["llm-pretraining-post-training", "linear-algebra", "calculus", "probability"]),
    ],
)
def test_each_role_requires_what_it_adds_in_2026(curated, role, items):
    requirements = RoleRequirement.objects.filter(role__slug=role, is_required=True)
    required = set(requirements.values_list("item__slug", flat=True))
    assert set(items) <= required


def test_an_ml_engineer_needs_the_applied_mathematics_not_the_university_courses(curated):
    engineer = dict(RoleRequirement.objects.filter(role__slug="machine-learning-engineer").values_list(
        "item__slug", "is_required"))  # fmt: skip
    applied = ["applied-probability", "applied-linear-algebra", "applied-calculus", "optimization"]
    assert all(engineer.get(slug) for slug in applied)
    assert not any(engineer.get(slug) for slug in ("linear-algebra", "calculus", "probability"))
    hours = sum(Item.objects.filter(slug__in=applied).values_list("estimated_hours", flat=True))
    assert 60 <= hours <= 120, hours


def test_every_role_page_shows_its_total_hours(curated, client):
    for role in Role.objects.published():
        required = RoleRequirement.objects.filter(role=role, is_required=True, item__status="published")
        hours = sum(required.values_list("item__estimated_hours", flat=True))
        page = client.get(role.get_absolute_url()).content.decode()
        assert f"about {hours:,} hours" in page or f"about {hours} hours" in page, role.slug


# Items a job ad never names as a skill it asks for: the capstones and a path's projects are ours; CVs, applications,
# interviews and the first 90 days appear in ads only as the hiring process, so a term would match every ad.
NO_TERMS = {
    "capstone-production-model", "capstone-llm-application", "capstone-fine-tune-and-serve", "deep-learning-project",
    "cv-and-profile", "job-applications", "behavioural-interviews", "ml-interview-preparation", "first-90-days",
}  # fmt: skip


def test_every_item_an_ad_can_ask_for_has_the_words_ads_use_and_each_term_names_one_item(curated):
    from roadmap.models import ItemTerm

    published = set(Item.objects.published().values_list("slug", flat=True))
    with_terms = set(ItemTerm.objects.filter(item__status="published").values_list("item__slug", flat=True))
    assert published - with_terms == NO_TERMS & published
    words = Counter(ItemTerm.objects.values_list("words", flat=True))
    assert [word for word, count in words.items() if count > 1] == []
    assert ItemTerm.objects.filter(case_sensitive=True, term="R").exists(), "R matches only as a capital"
