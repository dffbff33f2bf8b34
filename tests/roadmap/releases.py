"""Building a release as an editor does: export the live content, change the export, keep it as a draft."""

import copy
import json

from roadmap.models import ItemLineage, Release
from roadmap.services import content_export, release_draft_save
from tests.factories import (
    ItemFactory,
    RoleFactory,
    RoleRequirementFactory,
    SkillAreaFactory,
    StageFactory,
    StageItemFactory,
    TrackFactory,
)


def small_path():
    """A track of two stages: basics (python, statistics, sql) and models (regression, trees); one role needs all."""
    area = SkillAreaFactory(slug="core")
    track = TrackFactory(slug="ml", title="ML")
    stages = {"basics": StageFactory(track=track, slug="basics"), "models": StageFactory(track=track, slug="models")}
    role = RoleFactory(slug="ml-engineer", is_primary=True)
    items = {}
    for position, (stage, slug) in enumerate(
        [("basics", "python"), ("basics", "statistics"), ("basics", "sql"), ("models", "regression"),
         ("models", "trees")]
    ):  # fmt: skip
        item = ItemFactory(slug=slug, title=slug.title(), skill_area=area, estimated_hours=10)
        StageItemFactory(stage=stages[stage], item=item, position=position)
        RoleRequirementFactory(role=role, item=item, weight=2)
        items[slug] = item
    return items


def exported() -> list[dict]:
    return json.loads(content_export())


def item_object(objects, slug):
    return next(obj for obj in objects if obj["model"] == "roadmap.item" and obj["fields"]["slug"] == slug)


def without_item(objects, slug):
    """The export without the item, its places and the requirements on it."""
    return [
        obj
        for obj in objects
        if not (obj["model"] == "roadmap.item" and obj["fields"]["slug"] == slug)
        and obj["fields"].get("item") != [slug]
    ]


def with_new_item(objects, slug, *, like, stage=None, title=None):
    """The export with a new item copied from `like` (its fields, places and requirements, not its job-ad terms: a
    term names one item), under `slug`."""
    objects = list(objects)
    item = copy.deepcopy(item_object(objects, like))
    item["fields"].update(slug=slug, title=title or slug.replace("-", " ").title())
    objects.append(item)
    for obj in [obj for obj in objects if obj["fields"].get("item") == [like] and obj["model"] != "roadmap.itemterm"]:
        twin = copy.deepcopy(obj)
        twin["fields"]["item"] = [slug]
        if stage and obj["model"] == "roadmap.stageitem":
            twin["fields"]["stage"] = [twin["fields"]["stage"][0], stage]
        objects.append(twin)
    return objects


def draft(objects, *, name="2026.2", lineage=()) -> Release:
    release = release_draft_save(name=name, data=json.dumps(objects))
    for from_slug, kind, to_slugs in lineage:
        ItemLineage.objects.create(release=release, from_slug=from_slug, kind=kind, to_slugs=list(to_slugs))
    return release
