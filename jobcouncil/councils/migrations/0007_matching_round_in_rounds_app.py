# Council.matching_round now names rounds.MatchingRound, which is the same table as before
# (pool_matchinground): only Django's model state changes, the database keeps its key.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0006_commitment_left_the_council"),
        ("rounds", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="council",
                    name="matching_round",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="rounds.matchinground",
                    ),
                ),
            ],
        ),
    ]
