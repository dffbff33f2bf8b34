from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Users and goals"  # not "Accounts": allauth's app has that name in the admin

    def ready(self):
        from allauth.account.signals import email_changed, password_changed, password_reset, password_set

        from .receivers import address_changed, end_other_sessions

        for name, signal in (("changed", password_changed), ("set", password_set), ("reset", password_reset)):
            signal.connect(end_other_sessions, dispatch_uid=f"careerpath-end-sessions-on-password-{name}")
        email_changed.connect(address_changed, dispatch_uid="careerpath-secrets-on-address-change")

        from careerpath import personal_data

        from .collectors import (
            ACCOUNT_LABELS,
            EMAIL_LABELS,
            PROFILE_LABELS,
            TOKEN_LABELS,
            collect_account,
            collect_api_tokens,
            collect_email_addresses,
            collect_profile,
        )

        personal_data.register("account", collect_account, title="Account", labels=ACCOUNT_LABELS)
        personal_data.register("email_addresses", collect_email_addresses, title="Email addresses", labels=EMAIL_LABELS)
        personal_data.register("profile", collect_profile, title="Goals", labels=PROFILE_LABELS)
        personal_data.register("api_tokens", collect_api_tokens, title="API tokens", labels=TOKEN_LABELS)
