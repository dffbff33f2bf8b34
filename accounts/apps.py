from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from careerpath import personal_data

        from .collectors import collect_account, collect_email_addresses, collect_profile

        personal_data.register("account", collect_account)
        personal_data.register("email_addresses", collect_email_addresses)
        personal_data.register("profile", collect_profile)
