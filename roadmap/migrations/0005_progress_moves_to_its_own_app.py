"""Progress and ProgressEvent now belong to the `progress` app: removed from roadmap's state, tables untouched."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("roadmap", "0004_cache_table"),
        ("progress", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ProgressEvent"),
                migrations.DeleteModel(name="Progress"),
            ],
            database_operations=[],
        )
    ]
