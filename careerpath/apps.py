from django.apps import AppConfig


class CareerpathConfig(AppConfig):
    name = "careerpath"
    verbose_name = "careerpath"

    def ready(self):
        # Before any URLconf is imported: the apps' urls.py and the API's routes use these converters.
        from . import checks, converters  # noqa: F401 (checks registers itself)

        converters.register()
