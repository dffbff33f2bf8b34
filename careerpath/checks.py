"""System checks of careerpath's own settings, run by `manage.py check --deploy` before a release goes live."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 (a name to refuse, not an address to bind)


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """SITE_URL starts every link that no request carries: the digest's links and its List-Unsubscribe (which RFC
    8058 requires over https) and the ids inside signed credentials, which outlive any fix. Missing, http or a local
    host silently sends people to the wrong place, so `check --deploy` fails on each."""
    url = getattr(settings, "SITE_URL", "")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    hint = "Set SITE_URL to the public https address people reach the site at, e.g. https://careerpath.example.com."
    if not url:
        return [checks.Error("SITE_URL is not set.", hint=hint, id="careerpath.E001")]
    if parts.scheme != "https":
        return [checks.Error(f"SITE_URL is not an https address: {url}", hint=hint, id="careerpath.E002")]
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            checks.Error(f"SITE_URL names this machine, not the public site: {url}", hint=hint, id="careerpath.E003")
        ]
    return []
