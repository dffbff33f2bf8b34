from django.apps import AppConfig


class PlanningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "planning"
    verbose_name = "Plans and reviews"

    def ready(self):
        from accounts.hooks import register_secrets_replaced
        from careerpath import personal_data
        from progress import hooks

        from . import page_context
        from .collectors import PLAN_LABELS, REVIEW_LABELS, collect_plans, collect_reviews
        from .services import calendar_feed_replace_if_any

        hooks.register_dashboard_panel(page_context.dashboard_panel)
        register_secrets_replaced(calendar_feed_replace_if_any)
        personal_data.register("week_plans", collect_plans, title="Week plans, one row per item", labels=PLAN_LABELS)
        personal_data.register("reviews", collect_reviews, title="Review schedule", labels=REVIEW_LABELS)
