# MatchingRound and MatchingSchedule now belong to the rounds app (see
# rounds/migrations/0001_initial.py). Their tables stay: only the model state forgets them.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pool", "0004_one_round_in_flight"),
        ("rounds", "0001_initial"),
        ("councils", "0007_matching_round_in_rounds_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="MatchingRound"),
                migrations.DeleteModel(name="MatchingSchedule"),
            ],
        ),
    ]
