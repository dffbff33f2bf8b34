"""Create the database cache's table with the schema, so no command can reach the cache before it exists.

Content writes replace a cache token (roadmap.cache); with the database cache (the default outside tests) an import
right after `migrate` would otherwise fail on a missing table. With Redis or LocMem this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0003_requirement_help_text")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
