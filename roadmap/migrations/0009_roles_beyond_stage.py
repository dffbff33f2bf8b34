"""The ML engineer path: other roles' content moves from "Career advancement" to a stage of its own, and deployment
moves before the hands-on project that deploys (issue "Content for 2026").

Content is loaded by `import_content`, which adds and updates but never deletes. Placements are matched by (track,
stage, item), so without this migration a database that holds the old placements would show the moved items in
both stages. This moves the existing placements (their rows, so nothing else changes); on a database without the
content (a fresh install) it does nothing, and `import_content` creates everything. Progress belongs to items, not
placements, so no learner's record is touched.
"""

from django.db import migrations

TRACK = "machine-learning-engineer"
MOVED_TO_ROLES_BEYOND = {"research-paper-reading": 10, "research-methods": 20, "product-strategy": 30,
                         "ml-consulting": 40, "ai-regulation": 50}  # fmt: skip
ROLES_BEYOND = {
    "title": "Roles beyond ML engineer",
    "summary": "What the other roles ask for on top of an ML engineer's skills: research, product, consulting, policy.",
    "body": (
        "None of this is needed to work as an ML engineer. Each item here belongs to a role beyond it (AI research "
        "scientist, AI product manager, ML consultant, AI ethics and policy analyst): open a role's page to see what "
        "it requires and how close you are."
    ),
    "position": 6,
}


def move(apps, schema_editor):
    Stage = apps.get_model("roadmap", "Stage")
    StageItem = apps.get_model("roadmap", "StageItem")
    advancement = Stage.objects.filter(track__slug=TRACK, slug="career-advancement").first()
    if advancement is None:
        return  # no content yet: import_content brings it in its new shape
    beyond, _created = Stage.objects.get_or_create(track=advancement.track, slug="roles-beyond", defaults=ROLES_BEYOND)
    for slug, position in MOVED_TO_ROLES_BEYOND.items():
        StageItem.objects.filter(stage=advancement, item__slug=slug).update(stage=beyond, position=position)
    skills = Stage.objects.filter(track__slug=TRACK, slug="skills-development").first()
    if skills is not None:
        StageItem.objects.filter(stage__track__slug=TRACK, stage__slug="entry-level-positions",
                                 item__slug="model-deployment").update(stage=skills, position=235)  # fmt: skip


def move_back(apps, schema_editor):
    Stage = apps.get_model("roadmap", "Stage")
    StageItem = apps.get_model("roadmap", "StageItem")
    advancement = Stage.objects.filter(track__slug=TRACK, slug="career-advancement").first()
    beyond = Stage.objects.filter(track__slug=TRACK, slug="roles-beyond").first()
    if advancement is not None and beyond is not None:
        for position, slug in enumerate(MOVED_TO_ROLES_BEYOND, start=1):
            StageItem.objects.filter(stage=beyond, item__slug=slug).update(stage=advancement, position=40 + 10 * position)
    entry = Stage.objects.filter(track__slug=TRACK, slug="entry-level-positions").first()
    if entry is not None:
        StageItem.objects.filter(stage__track__slug=TRACK, stage__slug="skills-development",
                                 item__slug="model-deployment").update(stage=entry, position=20)  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0008_resource_kind_certification")]

    operations = [migrations.RunPython(move, move_back)]
