"""The career-change track ends in a new stage, "Landing the first role", which takes the portfolio project from
"Hands-on experience" and interview preparation from "Continuous learning" (issue "Content for 2026").

As in 0009: `import_content` adds and updates but never deletes, and matches placements by (track, stage, item),
so without this migration a database holding the old placements would show both items twice on the track. This
moves the existing rows; on a database without the content it does nothing. Progress belongs to items, not
placements, so no learner's record is touched.
"""

from django.db import migrations

TRACK = "career-change"
LANDING = {
    "title": "Landing the first role",
    "summary": "Show your work, find the openings, pass the interviews and start well.",
    "body": (
        "Being able to do the job and getting it are different skills. This stage turns your projects into a "
        "portfolio and a CV, your network into conversations, and your preparation into offers; it ends with your "
        "first months in the job. The items are shared with the ML engineer path, so you tick each once."
    ),
    "position": 6,
}
# item: (old stage, its old position, position in the new stage)
MOVED = {"portfolio": ("hands-on-experience", 50, 10), "ml-interview-preparation": ("continuous-learning", 20, 50)}


def relocate(StageItem, slug, from_stage, to_stage, position):
    """Move the item's placement on this track; where the target already holds it (the content was loaded in
    between), the old placement is the duplicate and goes."""
    old = StageItem.objects.filter(stage__track__slug=TRACK, stage__slug=from_stage, item__slug=slug)
    if StageItem.objects.filter(stage=to_stage, item__slug=slug).exists():
        old.delete()
    else:
        old.update(stage=to_stage, position=position)


def move(apps, schema_editor):
    Track = apps.get_model("roadmap", "Track")
    Stage = apps.get_model("roadmap", "Stage")
    StageItem = apps.get_model("roadmap", "StageItem")
    track = Track.objects.filter(slug=TRACK).first()
    if track is None:
        return  # no content yet: import_content brings it in its new shape
    landing, _created = Stage.objects.get_or_create(track=track, slug="landing-first-role", defaults=LANDING)
    for slug, (old_stage, _old_position, position) in MOVED.items():
        relocate(StageItem, slug, old_stage, landing, position)


def move_back(apps, schema_editor):
    Stage = apps.get_model("roadmap", "Stage")
    StageItem = apps.get_model("roadmap", "StageItem")
    for slug, (old_stage, old_position, _position) in MOVED.items():
        stage = Stage.objects.filter(track__slug=TRACK, slug=old_stage).first()
        if stage is not None:
            relocate(StageItem, slug, "landing-first-role", stage, old_position)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0009_roles_beyond_stage")]

    operations = [migrations.RunPython(move, move_back)]
