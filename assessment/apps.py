from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessment"
    verbose_name = "What learners have shown"

    def ready(self):
        from progress import hooks as progress_hooks
        from roadmap import hooks as roadmap_hooks

        from . import page_context, releases
        from .selectors import check_statistics, shown_counts_by_item, shown_items_statement

        roadmap_hooks.register_learner_context(roadmap_hooks.ITEM_PAGE, page_context.item_page)
        roadmap_hooks.register_check_statistics(check_statistics)
        roadmap_hooks.register_release_published(releases.release_published)
        progress_hooks.register_shown_items(shown_items_statement)
        progress_hooks.register_shown_counts(shown_counts_by_item)
