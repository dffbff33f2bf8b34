"""Carry the moved models' content types over from `roadmap` to `progress`.

Permissions point at content types, so renaming the content type (rather than letting Django create a new one)
keeps every permission, and every user and group holding it: an editor who could view progress still can.
Admin log entries keep pointing at the same rows too. On a new database there is nothing to rename yet; Django
creates the content types after migrating, under `progress`.
"""

from django.db import migrations

MODELS = ["progress", "progressevent"]


def _move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue  # already there (a database that ran this before); never two content types for one model
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def forwards(apps, schema_editor):
    _move(apps, "roadmap", "progress")


def backwards(apps, schema_editor):
    _move(apps, "progress", "roadmap")


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
