# A council keeps the id of the round that formed it instead of a foreign key into the rounds
# app, which sits above councils. The column (matching_round_id) and its values stay; only the
# database's foreign-key constraint goes (rounds clear the id themselves if a round is deleted).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0008_meeting_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="council",
                    name="matching_round",
                    field=models.BigIntegerField(
                        blank=True, db_column="matching_round_id", db_index=True, null=True
                    ),
                ),
            ],
            state_operations=[
                migrations.RemoveField(model_name="council", name="matching_round"),
                migrations.AddField(
                    model_name="council",
                    name="matching_round_id",
                    field=models.BigIntegerField(
                        blank=True, db_index=True, editable=False, null=True
                    ),
                ),
            ],
        ),
    ]
