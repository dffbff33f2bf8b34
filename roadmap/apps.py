from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roadmap"
    verbose_name = "Roadmap content"

    def ready(self):
        from accounts import personal_data

        from .cache import connect_content_signals
        from .collectors import collect_progress, collect_progress_history
        from .services import CONTENT_MODELS

        personal_data.register("progress", collect_progress)
        personal_data.register("progress_history", collect_progress_history)
        connect_content_signals(CONTENT_MODELS)
