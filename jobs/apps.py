from django.apps import AppConfig


class JobsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobs"
    verbose_name = "Job ads"

    def ready(self):
        from careerpath import personal_data
        from planning.hooks import register_calendar_events

        from .applications import interviews_for_calendar
        from .collectors import AD_LABELS, APPLICATION_LABELS, collect_ads, collect_applications

        personal_data.register(
            "job_ads", collect_ads, title="Job ads", labels=AD_LABELS,
            spreadsheet_columns=["title", "company", "created_at", "required", "nice_to_have", "not_covered"],
        )  # fmt: skip
        personal_data.register(
            "applications", collect_applications, title="Applications", labels=APPLICATION_LABELS,
            spreadsheet_columns=["role", "company", "applied_on", "stage", "stage_on", "ad"],
        )  # fmt: skip
        register_calendar_events(interviews_for_calendar)
