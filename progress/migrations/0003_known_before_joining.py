"""Known before joining, part 1 of 3: the `origin` field and the choices (no row changes here).

Three migrations, because PostgreSQL refuses to alter a table in the transaction that updated its rows
("pending trigger events"): 0003 adds the field, 0004 moves the data, 0005 adds the constraint.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('progress', '0002_move_content_types'),
        ('roadmap', '0005_progress_moves_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='progress',
            name='origin',
            field=models.CharField(blank=True, choices=[('here', 'Learned here'), ('known_before', 'Known before joining')], help_text='For a done item: learned here, or known before joining. Empty for any other status.', max_length=12, verbose_name='origin'),
        ),
        migrations.AlterField(
            model_name='progress',
            name='skip_reason',
            field=models.CharField(blank=True, choices=[('not_relevant', 'Not relevant to my goal')], max_length=16, verbose_name='why skipped'),
        ),
        migrations.AlterField(
            model_name='progressevent',
            name='kind',
            field=models.CharField(choices=[('change', 'Changed by the learner'), ('reset', 'Track reset'), ('known', 'Marked as known before joining')], default='change', max_length=8, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='progressevent',
            name='skip_reason',
            field=models.CharField(blank=True, choices=[('not_relevant', 'Not relevant to my goal'), ('already_known', 'I already know it')], max_length=16, verbose_name='why skipped'),
        ),
    ]
