"""Known before joining, part 3 of 3: a done item says where it was learned, and only a done item does."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("progress", "0004_skips_already_known_become_known_before")]

    operations = [
        migrations.AddConstraint(
            model_name='progress',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('origin__in', ['here', 'known_before']), ('status', 'done')), models.Q(models.Q(('status', 'done'), _negated=True), ('origin', '')), _connector='OR'), name='progress_origin_iff_done', violation_error_message='A done item says where it was learned, and only a done item does.'),
        ),
    ]
