from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roadmap"
    verbose_name = "Roadmap content"

    def ready(self):
        from .cache import connect_content_signals
        from .services import CONTENT_MODELS

        connect_content_signals(CONTENT_MODELS)
