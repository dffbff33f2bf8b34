"""One current review per mentor and item, part 1 of 2: the data. Before 0003 adds the unique constraint, every
mentor's older current reviews of the same learner's item are withdrawn, as a new review does from now on
(services.evidence_review): the newest stays current, the others keep their row, marked replaced, so the history
keeps them. Backwards it changes nothing: a withdrawn review cannot tell whether this migration withdrew it.
"""

from django.db import migrations
from django.utils import timezone

REPLACED = "Replaced by a later review from the same mentor."


def withdraw_older_duplicates(apps, schema_editor):
    EvidenceReview = apps.get_model("mentoring", "EvidenceReview")
    current = (
        EvidenceReview.objects.filter(withdrawn_at__isnull=True, mentor__isnull=False)
        .order_by("mentor_id", "learner_id", "item_id", "-created_at", "-id")
        .values_list("pk", "mentor_id", "learner_id", "item_id")
    )
    seen, older = set(), []
    for pk, *key in current.iterator():
        if tuple(key) in seen:
            older.append(pk)
        seen.add(tuple(key))
    now = timezone.now()
    for start in range(0, len(older), 1000):
        EvidenceReview.objects.filter(pk__in=older[start : start + 1000]).update(
            withdrawn_at=now, withdrawn_reason=REPLACED
        )


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]

    operations = [migrations.RunPython(withdraw_older_duplicates, migrations.RunPython.noop)]
