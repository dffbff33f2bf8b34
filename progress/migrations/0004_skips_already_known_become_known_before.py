"""Known before joining, part 2 of 3: the data. Known before joining becomes a fact of its own.

Every "skipped: I already know it" becomes done, known before joining (the day it was said is its done date), with
a "known" event in the history; every other done item was learned here. Reversible: backwards, known-before items
become "skipped: I already know it" again, the events this migration wrote go, and later "known" events become
plain changes (the kinds the schema before knew).
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def forwards(apps, schema_editor):
    Progress = apps.get_model("progress", "Progress")
    ProgressEvent = apps.get_model("progress", "ProgressEvent")
    Progress.objects.filter(status="done").update(origin="here")
    known = list(Progress.objects.filter(status="skipped", skip_reason="already_known").values("pk", "learner_id", "item_id"))
    now = timezone.now()
    ProgressEvent.objects.bulk_create(
        ProgressEvent(learner_id=row["learner_id"], item_id=row["item_id"], from_status="skipped", to_status="done",
                      skip_reason="", kind="known", created_at=now)
        for row in known
    )
    Progress.objects.filter(pk__in=[row["pk"] for row in known]).update(
        status="done", skip_reason="", origin="known_before", completed_at=F("updated_at")
    )


def backwards(apps, schema_editor):
    Progress = apps.get_model("progress", "Progress")
    ProgressEvent = apps.get_model("progress", "ProgressEvent")
    ProgressEvent.objects.filter(kind="known", from_status="skipped", to_status="done").delete()
    ProgressEvent.objects.filter(kind="known").update(kind="change")
    Progress.objects.filter(status="done", origin="known_before").update(
        status="skipped", skip_reason="already_known", completed_at=None
    )
    Progress.objects.update(origin="")


class Migration(migrations.Migration):
    dependencies = [("progress", "0003_known_before_joining")]

    operations = [migrations.RunPython(forwards, backwards)]
