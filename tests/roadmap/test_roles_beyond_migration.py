"""roadmap 0009 moves existing placements (other roles' items, deployment) without duplicating them or touching
anyone's progress: run on a database that holds the content as it was, with a learner's progress on a moved item."""

import pytest
from django.core.management import call_command

from progress.models import Progress
from roadmap.models import StageItem
from tests.migrations import latest_but, leaf_nodes, migrate, schema_at

TRACK = "machine-learning-engineer"


@pytest.fixture
def database_before(transactional_db):
    with schema_at(latest_but("roadmap", "0008_resource_kind_certification")) as apps:
        yield apps


def test_old_placements_move_and_the_new_content_loads_over_them_once(database_before):
    apps = database_before
    Track = apps.get_model("roadmap", "Track")
    Stage = apps.get_model("roadmap", "Stage")
    Item = apps.get_model("roadmap", "Item")
    OldStageItem = apps.get_model("roadmap", "StageItem")
    OldProgress = apps.get_model("progress", "Progress")
    area = apps.get_model("roadmap", "SkillArea").objects.create(title="Area", slug="area")
    User = apps.get_model("accounts", "User")
    track = Track.objects.create(title="ML", short_title="ML", slug=TRACK, summary="s", status="published")
    stages = {slug: Stage.objects.create(track=track, title=slug, slug=slug, summary="s", position=position)
              for position, slug in enumerate(["skills-development", "hands-on-experience", "entry-level-positions",
                                               "career-advancement"], start=2)}  # fmt: skip
    items = {slug: Item.objects.create(title=slug, slug=slug, kind="project" if slug == "deployed-model" else "skill",
                                       summary="s", estimated_hours=10, status="published", skill_area=area)
             for slug in ["research-methods", "product-strategy", "model-deployment", "deployed-model",
                          "computer-vision"]}  # fmt: skip
    for slug in ("research-methods", "product-strategy", "computer-vision"):
        OldStageItem.objects.create(stage=stages["career-advancement"], item=items[slug], position=60)
    OldStageItem.objects.create(stage=stages["entry-level-positions"], item=items["model-deployment"], position=20)
    OldStageItem.objects.create(stage=stages["hands-on-experience"], item=items["deployed-model"], position=30)
    learner = User.objects.create(username="ada", email="ada@example.com", password="!")
    OldProgress.objects.create(learner=learner, item=items["research-methods"], status="in_progress")

    migrate(leaf_nodes())

    def stages_of(slug):
        return sorted(
            StageItem.objects.filter(stage__track__slug=TRACK, item__slug=slug).values_list("stage__slug", flat=True)
        )

    assert stages_of("research-methods") == ["roles-beyond"] and stages_of("product-strategy") == ["roles-beyond"]
    assert stages_of("computer-vision") == ["career-advancement"], "an ML engineer specialisation stays"
    assert stages_of("model-deployment") == ["skills-development"]
    assert Progress.objects.get(item__slug="research-methods").status == "in_progress"
    call_command("import_content", verbosity=0)
    assert stages_of("research-methods") == ["roles-beyond"], "loading the content adds no second placement"
    assert stages_of("model-deployment") == ["skills-development"]


def test_reversing_puts_the_placements_back(database_before):
    test_old_placements_move_and_the_new_content_loads_over_them_once(database_before)
    migrate(latest_but("roadmap", "0008_resource_kind_certification"))
    moved = StageItem.objects.filter(stage__track__slug=TRACK, item__slug__in=["research-methods", "model-deployment"])
    back = dict(moved.values_list("item__slug", "stage__slug"))
    assert back == {"research-methods": "career-advancement", "model-deployment": "entry-level-positions"}
    assert Progress.objects.filter(item__slug="research-methods").count() == 1
