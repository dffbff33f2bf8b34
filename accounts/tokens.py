"""Personal access tokens: made, checked and revoked here; the API's authentication calls `token_user`."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, TokenScope, User

TOKEN_PREFIX = "cp_"  # noqa: S105 - the visible start of every token, not a secret
EXPIRY_DAYS = (30, 90, 365)
MAX_LIVE_TOKENS = 10  # enough for every tool a person runs; a stolen session cannot mint a drawerful
LAST_USED_EVERY = timedelta(minutes=1)  # "last used" is written at most once a minute per token, not per request


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """Make a token; returns it and its secret, which is never stored and cannot be shown again."""
    if scope not in TokenScope.values:
        raise ValidationError(f"Unknown scope {scope!r}: read or write.")
    if days not in EXPIRY_DAYS:
        raise ValidationError("A token expires after 30, 90 or 365 days.")
    name = (name or "").strip()
    if not name:
        raise ValidationError("Name the token, to tell it apart later.")
    # The user's row locked: two tokens made at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=user.pk).first()
    live = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()).count()
    if live >= MAX_LIVE_TOKENS:
        raise ValidationError(
            f"You have {live} live tokens, the most one account may hold: revoke one you no longer use first.",
            code="too_many_tokens",
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, scope=scope, prefix=secret[:10], token_hash=_hash(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )  # fmt: skip
    token.full_clean()
    token.save()
    return token, secret


def token_user(secret: str) -> ApiToken | None:
    """The active token a secret belongs to (with its user), or None: unknown, revoked, expired, or its user gone."""
    if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=_hash(secret)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens at once; another user's token is as unknown as a missing one."""
    token = ApiToken.objects.get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_revoke_all(*, user: User) -> int:
    """Revoke every live token of the user at once (their password or address changed); returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def token_list(*, user: User):
    return ApiToken.objects.filter(user=user)
