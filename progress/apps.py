from django.apps import AppConfig


class ProgressConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "progress"
    verbose_name = "Learner progress"

    def ready(self):
        from careerpath import personal_data
        from roadmap import hooks

        from . import page_context
        from .collectors import (
            HISTORY_LABELS,
            PROGRESS_LABELS,
            PROGRESS_SPREADSHEET,
            collect_progress,
            collect_progress_history,
        )
        from .releases import release_preview, release_published
        from .selectors import item_learner_counts

        personal_data.register(
            "progress",
            collect_progress,
            title="Progress, one row per item",
            labels=PROGRESS_LABELS,
            spreadsheet_columns=PROGRESS_SPREADSHEET,
        )
        personal_data.register(
            "progress_history", collect_progress_history, title="History of status changes", labels=HISTORY_LABELS
        )
        hooks.register_learner_context(hooks.HOME_PAGE, page_context.home_page)
        hooks.register_learner_context(hooks.TRACK_PAGE, page_context.track_page)
        hooks.register_learner_context(hooks.ITEM_PAGE, page_context.item_page)
        hooks.register_learner_context(hooks.ROLE_PAGE, page_context.role_page)
        hooks.register_item_learner_counts(item_learner_counts)
        hooks.register_release_published(release_published)
        hooks.register_release_preview(release_preview)
