"""The database cache's table, so `migrate` is all a deployment needs (see settings.CACHES)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_profile_awaiting_approval_index")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
