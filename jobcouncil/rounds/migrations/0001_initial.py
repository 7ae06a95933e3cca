# Matching rounds moved from the pool app into their own. The tables stay where they were
# (pool_matchinground, pool_matchingschedule): this migration only tells Django's model state
# that rounds owns them, and hands over their content types so admin history and staff
# permissions follow. Nothing is copied, nothing is created in the database.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def hand_over_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("matchinground", "matchingschedule"):
        if not ContentType.objects.filter(app_label="rounds", model=model).exists():
            ContentType.objects.filter(app_label="pool", model=model).update(app_label="rounds")


def hand_back_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("matchinground", "matchingschedule"):
        if not ContentType.objects.filter(app_label="pool", model=model).exists():
            ContentType.objects.filter(app_label="rounds", model=model).update(app_label="pool")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("pool", "0004_one_round_in_flight"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="MatchingSchedule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("enabled", models.BooleanField(default=False)),
                        ("seeker_types", models.JSONField(default=list)),
                        ("hour_utc", models.PositiveSmallIntegerField(default=2)),
                        (
                            "auto_confirm",
                            models.BooleanField(
                                default=False,
                                help_text="Confirm without a staff review when no rule is broken.",
                            ),
                        ),
                        ("last_run_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "verbose_name": "matching schedule",
                        "db_table": "pool_matchingschedule",
                    },
                ),
                migrations.CreateModel(
                    name="MatchingRound",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("seeker_types", models.JSONField(default=list)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Running"),
                                    ("preview", "Ready for review"),
                                    ("confirmed", "Confirmed"),
                                    ("discarded", "Discarded"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=10,
                            ),
                        ),
                        ("progress", models.FloatField(default=0.0)),
                        ("scheduled", models.BooleanField(default=False)),
                        ("result", models.JSONField(blank=True, null=True)),
                        ("stats", models.JSONField(blank=True, default=dict)),
                        ("error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "started_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "pool_matchinground",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["status", "confirmed_at"],
                                name="pool_matchi_status_caff0b_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                models.Value(1),
                                condition=models.Q(("status__in", ["queued", "running"])),
                                name="one_round_in_flight",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(hand_over_content_types, hand_back_content_types),
    ]
