"""Settings of accounts, imported by base.py: sign-in by email with verified addresses (django-allauth), no account
enumeration, rate limits, reauthentication, two-factor for staff, and the proxies whose client address to trust."""

import environ

env = environ.Env()

# Accounts (django-allauth): sign in by email, verified addresses, no account enumeration, rate limits.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "progress:dashboard"
# A newcomer's first sign-in (after confirming the address) opens Get started; later ones the dashboard
# (accounts.adapter.AccountAdapter).
ACCOUNT_SIGNUP_REDIRECT_URL = "onboarding:start"
FIRST_LOGIN_REDIRECT_URL = "onboarding:start"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Messages name the learner as the navigation bar does, never by the generated username.
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# An address is confirmed by a code typed into the browser that asked for it (sign-up or a new address), not by a link
# that works in any browser: otherwise a stranger who claims someone's address has them confirm it, from their own
# mailbox, onto the stranger's account (issue "Nobody takes over an account"). A claim nobody can finish is harmless.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
# A one-time code by email: how the owner gets in when someone else's wrong passwords have paused their account.
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# A reset asked for an unknown address sends nothing (and shows the same page as a known one).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
# Only a verified address identifies an account, and an address merely pending on one account never blocks another
# person's sign-up with it (accounts.forms.SignupForm, ResetPasswordForm, RequestLoginCodeForm, and the sign-in
# backend accounts.backends.AuthenticationBackend): otherwise a stranger could park someone's address on their own
# account and have that person reset, and then use, an account whose tokens the stranger holds.
ACCOUNT_FORMS = {
    "signup": "accounts.forms.SignupForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "request_login_code": "accounts.forms.RequestLoginCodeForm",
}
# Changing the address or the password, managing two-factor and making an API token ask for the password again
# (allauth's reauthentication: valid 5 minutes after the last time it was typed), so a stolen session alone cannot
# make itself permanent.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Mail the account's address when its password or address changes (the old address for an address change), so a
# takeover does not go unseen.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[careerpath] "
# allauth's defaults, written out so that a reviewer sees them: failed logins per IP and per account, sign-ups
# and password resets per IP, reset mails per address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    # Ours: wrong passwords when deleting an account (accounts.views.delete_account), limited like sign-ins.
    "delete_account": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # Confirmation codes mailed to one address: a second within minutes still goes (its owner signing up right after
    # a stranger claimed it), a flood does not.
    "confirm_email": "3/10m/key",
}
# Behind a reverse proxy every request comes from the proxy's address, and per-IP limits would become site-wide.
# Name how many proxies of ours append to X-Forwarded-For (0: trust none, the default), or the one header a proxy
# sets to the client's address. Never set them without such a proxy: a client could then choose its address.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default=None)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "careerpath"
# Staff must set up TOTP before the admin opens; production turns this on, development leaves it to the editor.
STAFF_REQUIRE_TWO_FACTOR = env.bool("STAFF_REQUIRE_TWO_FACTOR", default=False)
