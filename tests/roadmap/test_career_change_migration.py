"""roadmap 0010 moves the career-change track's portfolio and interview preparation into "Landing the first role"
without duplicating them or touching anyone's progress: run on a database holding the content as it was."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from progress.models import Progress
from roadmap.models import StageItem
from tests.migrations import latest_but, leaf_nodes, migrate, schema_at

TRACK = "career-change"
BEFORE = "0009_roles_beyond_stage"


@pytest.fixture
def database_before(transactional_db):
    with schema_at(latest_but("roadmap", BEFORE)) as apps:
        yield apps


def stages_of(slug):
    return sorted(
        StageItem.objects.filter(stage__track__slug=TRACK, item__slug=slug).values_list("stage__slug", flat=True)
    )


def test_old_placements_move_and_the_new_content_loads_over_them_once(database_before):
    apps = database_before
    Stage = apps.get_model("roadmap", "Stage")
    Item = apps.get_model("roadmap", "Item")
    OldStageItem = apps.get_model("roadmap", "StageItem")
    track = apps.get_model("roadmap", "Track").objects.create(
        title="Change", short_title="Change", slug=TRACK, summary="s", status="published", for_career_changers=True
    )
    area = apps.get_model("roadmap", "SkillArea").objects.create(title="Area", slug="area")
    stages = {slug: Stage.objects.create(track=track, title=slug, slug=slug, summary="s", position=position)
              for position, slug in enumerate(["hands-on-experience", "continuous-learning"], start=4)}  # fmt: skip
    items = {slug: Item.objects.create(title=slug, slug=slug, kind=kind, summary="s", estimated_hours=10,
                                       status="published", skill_area=area if kind == "skill" else None)
             for slug, kind in [("portfolio", "project"), ("ml-interview-preparation", "skill"),
                                ("hackathon", "project"), ("research-paper-reading", "skill")]}  # fmt: skip
    for slug, stage, position in [("portfolio", "hands-on-experience", 50), ("hackathon", "hands-on-experience", 30),
                                  ("ml-interview-preparation", "continuous-learning", 20),
                                  ("research-paper-reading", "continuous-learning", 10)]:  # fmt: skip
        OldStageItem.objects.create(stage=stages[stage], item=items[slug], position=position)
    learner = apps.get_model("accounts", "User").objects.create(username="ada", email="ada@example.com", password="!")
    apps.get_model("progress", "Progress").objects.create(
        learner=learner, item=items["portfolio"], status="done", completed_at=timezone.now(), origin="here"
    )

    migrate(leaf_nodes())

    assert stages_of("portfolio") == ["landing-first-role"]
    assert stages_of("ml-interview-preparation") == ["landing-first-role"]
    assert stages_of("hackathon") == ["hands-on-experience"], "the rest of the stage stays"
    assert stages_of("research-paper-reading") == ["continuous-learning"]
    assert Progress.objects.get(item__slug="portfolio").status == "done"
    call_command("import_content", verbosity=0)
    assert stages_of("portfolio") == ["landing-first-role"], "loading the content adds no second placement"
    assert stages_of("ml-interview-preparation") == ["landing-first-role"]
    assert Progress.objects.get(item__slug="portfolio").status == "done"


def test_reversing_puts_the_placements_back(database_before):
    test_old_placements_move_and_the_new_content_loads_over_them_once(database_before)
    migrate(latest_but("roadmap", BEFORE))
    assert stages_of("portfolio") == ["hands-on-experience"]
    assert stages_of("ml-interview-preparation") == ["continuous-learning"]
    assert Progress.objects.filter(item__slug="portfolio").count() == 1


def test_where_the_new_stage_already_holds_the_item_the_old_placement_goes(database_before):
    """A database that had the new stage's rows written beside the old ones (migrated back, content loaded, then
    forward again) ends with one placement per item, not an integrity error."""
    test_reversing_puts_the_placements_back(database_before)
    apps = migrate(latest_but("roadmap", BEFORE))
    Stage = apps.get_model("roadmap", "Stage")
    landing = Stage.objects.get(track__slug=TRACK, slug="landing-first-role")
    portfolio = apps.get_model("roadmap", "Item").objects.get(slug="portfolio")
    apps.get_model("roadmap", "StageItem").objects.create(stage=landing, item=portfolio, position=10)
    migrate(leaf_nodes())
    assert stages_of("portfolio") == ["landing-first-role"]
    assert stages_of("ml-interview-preparation") == ["landing-first-role"]
    assert Progress.objects.filter(item__slug="portfolio").count() == 1
