"""Path converters that match only what a slug, a secret or a signed value can hold, so anything else in a URL
(a NUL byte, a space, a quote) is a 404 at the resolver and never reaches a database lookup: PostgreSQL refuses NUL
in text with an error, which was a 500. Registered once, in careerpath.apps.CareerpathConfig.ready.
"""

from django.urls import register_converter


class _TextConverter:
    """A converter whose value is the matched text itself; subclasses name the alphabet."""

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class SecretConverter(_TextConverter):
    """secrets.token_urlsafe: base64url without padding (calendar feed tokens, cohort invite tokens)."""

    regex = "[A-Za-z0-9_-]+"


class SignedConverter(_TextConverter):
    """The whole output alphabet of django.core.signing.dumps: base64url, ":" between the value, the timestamp and
    the signature, and the "." that starts a compressed value (dumps(..., compress=True))."""

    regex = "[A-Za-z0-9_:.-]+"


class HandleConverter(_TextConverter):
    """A portfolio handle (portfolio.models.HANDLE_PATTERN: lowercase letters, digits, hyphens); capitals too,
    because the lookup is case-insensitive and /u/Lea/ is the same page as /u/lea/."""

    regex = "[A-Za-z0-9-]+"


class CredentialFormatConverter(_TextConverter):
    """The file formats an endorsement credential comes in: readable JSON or the signed JWT."""

    regex = "json|jwt"


CONVERTERS = {
    "secret": SecretConverter,
    "signed": SignedConverter,
    "handle": HandleConverter,
    "credential_format": CredentialFormatConverter,
}


def register() -> None:
    for name, converter in CONVERTERS.items():
        register_converter(converter, name)
