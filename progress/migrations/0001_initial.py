"""Progress and ProgressEvent move from `roadmap` to this app: in Django's state only.

The tables were created by roadmap's 0002 and keep their names, constraints and indexes (each model's
Meta.db_table says so), so this migration touches no row and no schema: on a database made before the move every
learner's progress and history stays where it is. roadmap's 0005 removes the models from roadmap's state.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUS_CHOICES = [("not_started", "Not started"), ("in_progress", "In progress"), ("done", "Done"), ("skipped", "Skipped")]
SKIP_CHOICES = [("already_known", "I already know it"), ("not_relevant", "Not relevant to my goal")]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("roadmap", "0004_cache_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Progress",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("status", models.CharField(choices=STATUS_CHOICES, default="not_started", max_length=12, verbose_name="status")),
                ("skip_reason", models.CharField(blank=True, choices=SKIP_CHOICES, max_length=16, verbose_name="why skipped")),
                ("note", models.TextField(blank=True, help_text="Markdown, shown only to the learner.", max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name="private note")),
                ("evidence_url", models.URLField(blank=True, help_text="A repository, certificate or write-up; http or https only.", max_length=500, validators=[django.core.validators.URLValidator(schemes=["http", "https"])], verbose_name="evidence link")),
                ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="started")),
                ("completed_at", models.DateTimeField(blank=True, null=True, verbose_name="done on")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("item", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="progress", to="roadmap.item", verbose_name="item")),
                ("learner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="progress", to=settings.AUTH_USER_MODEL, verbose_name="learner")),
            ],
            options={
                "verbose_name": "progress",
                "verbose_name_plural": "progress",
                "db_table": "roadmap_progress",
                "ordering": ["learner", "item__title"],
                "indexes": [models.Index(fields=["item", "status"], name="roadmap_progress_item_status")],
                "constraints": [
                    models.UniqueConstraint(fields=("learner", "item"), name="roadmap_progress_once_per_learner_item"),
                    models.CheckConstraint(condition=models.Q(models.Q(("status", "skipped"), models.Q(("skip_reason", ""), _negated=True)), models.Q(models.Q(("status", "skipped"), _negated=True), ("skip_reason", "")), _connector="OR"), name="roadmap_progress_skip_reason_iff_skipped", violation_error_message="A skipped item needs a reason, and only a skipped item has one."),
                    models.CheckConstraint(condition=models.Q(models.Q(("completed_at__isnull", False), ("status", "done")), models.Q(models.Q(("status", "done"), _negated=True), ("completed_at__isnull", True)), _connector="OR"), name="roadmap_progress_completed_iff_done"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProgressEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("from_status", models.CharField(choices=STATUS_CHOICES, max_length=12, verbose_name="from")),
                ("to_status", models.CharField(choices=STATUS_CHOICES, max_length=12, verbose_name="to")),
                ("skip_reason", models.CharField(blank=True, choices=SKIP_CHOICES, max_length=16, verbose_name="why skipped")),
                ("kind", models.CharField(choices=[("change", "Changed by the learner"), ("reset", "Track reset")], default="change", max_length=8, verbose_name="kind")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="when")),
                ("item", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="progress_events", to="roadmap.item", verbose_name="item")),
                ("learner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="progress_events", to=settings.AUTH_USER_MODEL, verbose_name="learner")),
            ],
            options={
                "verbose_name": "progress event",
                "verbose_name_plural": "progress events",
                "db_table": "roadmap_progressevent",
                "ordering": ["-created_at", "-id"],
                "indexes": [models.Index(fields=["learner", "-created_at"], name="roadmap_event_learner_when")],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations, database_operations=[])]
