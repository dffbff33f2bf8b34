from django.apps import AppConfig


class MentoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mentoring"
    verbose_name = "Mentors and cohorts"

    def ready(self):
        from careerpath import personal_data
        from progress import hooks as progress_hooks
        from roadmap import hooks as roadmap_hooks

        from . import page_context
        from .collectors import MEMBERSHIP_LABELS, REVIEW_LABELS, collect_memberships, collect_reviews
        from .selectors import reviews_by_item, reviews_shown_statement
        from .services import reviews_withdraw_on_evidence_change

        progress_hooks.register_evidence_reviews(reviews_by_item)
        progress_hooks.register_shown_items(reviews_shown_statement)
        progress_hooks.register_evidence_changed(reviews_withdraw_on_evidence_change)
        roadmap_hooks.register_learner_context(roadmap_hooks.ITEM_PAGE, page_context.item_page)
        personal_data.register("memberships", collect_memberships, title="Cohorts", labels=MEMBERSHIP_LABELS)
        personal_data.register(
            "evidence_reviews", collect_reviews, title="Reviews of my evidence", labels=REVIEW_LABELS
        )
