from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portfolio"
    verbose_name = "Public portfolios"

    def ready(self):
        from careerpath import personal_data

        from .collectors import ENTRY_LABELS, PORTFOLIO_LABELS, collect_entries, collect_portfolio

        personal_data.register("portfolio", collect_portfolio, title="Portfolio", labels=PORTFOLIO_LABELS)
        personal_data.register(
            "portfolio_items", collect_entries, title="Portfolio items, one row per item", labels=ENTRY_LABELS
        )
