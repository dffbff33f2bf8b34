"""Authentication backends that load the learner's profile with the user: one statement on every signed-in request.

Every signed-in page reads `user.profile` (the navigation bar's name, the time zone middleware, the dashboard's
cache key), so the session's user is fetched with its profile joined. The statement is written out once per
process from the models' own fields (a new field joins it by itself) instead of being compiled by the ORM on each
request: that compilation cost more than the query (about 0.3 ms of a cached page's 1.5 ms, measured in bench).
On PostgreSQL the statement usually travels with the session's (careerpath.sessions, `offer_user`).
Values pass through the same converters the ORM applies, and the instances are the ones `select_related` builds
(careerpath.db.rows).
"""

from contextvars import ContextVar
from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.account.utils import filter_users_by_email
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connections, router

from careerpath.db import rows as db_rows
from careerpath.db import statements

from .models import Profile
from .selectors import users_identified_by


@cache
def user_with_profile_sql(alias: str) -> str:
    """The statement `user_with_profile` runs (one parameter, the user's id), to send along with another: the
    user's columns, then the profile's, in the models' order (built once per database)."""
    User = get_user_model()
    connection = connections[alias]
    name = connection.ops.quote_name
    user_fields, profile_fields = User._meta.concrete_fields, Profile._meta.concrete_fields
    link = Profile._meta.get_field("user")
    columns = [f"u.{name(field.column)}" for field in user_fields] + [
        f"p.{name(field.column)}" for field in profile_fields
    ]
    # Names come from the models' metadata, quoted; the id is a parameter.
    return (
        f"SELECT {', '.join(columns)} FROM {name(User._meta.db_table)} u "  # noqa: S608
        f"LEFT JOIN {name(Profile._meta.db_table)} p ON p.{name(link.column)} = u.{name(User._meta.pk.column)} "
        f"WHERE u.{name(User._meta.pk.column)} = %s"
    )


def user_with_profile(user_id):
    """The user with `user.profile` loaded (None cached when they have none, as `select_related` does), or None."""
    alias = router.db_for_read(get_user_model())
    return user_from_rows(alias, statements.rows(alias, user_with_profile_sql(alias), [user_id]))


def user_from_rows(alias: str, fetched: list[tuple]):
    """The user built from the rows `user_with_profile_sql` fetched (None when there are none)."""
    if not fetched:
        return None
    User = get_user_model()
    split = len(User._meta.concrete_fields)
    row = fetched[0]
    user = next(db_rows.instances(alias, User, [row[:split]]))
    profile_row = row[split:]
    link = Profile._meta.get_field("user")
    profile = None
    if profile_row[Profile._meta.concrete_fields.index(Profile._meta.pk)] is not None:  # the LEFT JOIN found one
        profile = next(db_rows.instances(alias, Profile, [profile_row]))
        db_rows.set_related(profile, link.name, user)
    db_rows.set_related(user, link.remote_field.name, profile)
    return user


# The user read in the same round trip as this request's session (careerpath.sessions), offered to `get_user`.
# Set (or cleared) by every session load, taken by the first `get_user`: a request never sees another's row.
_offered: ContextVar[tuple[str, object] | None] = ContextVar("careerpath_user_read_with_session", default=None)


def offer_user(user_id, user) -> None:
    """The session load read this user's row in its own round trip; `get_user(user_id)` takes it instead of
    reading again. Only a row for the very id the session holds is ever taken (Django checks the session's
    password hash against it as against any other)."""
    _offered.set(None if user is None else (str(user_id), user))


def _taken(user_id):
    offered = _offered.get()
    _offered.set(None)
    return offered[1] if offered is not None and offered[0] == str(user_id) else None


class UserWithProfileMixin:
    def get_user(self, user_id):
        user = _taken(user_id) or user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(UserWithProfileMixin, DjangoModelBackend):
    """Django's username/password backend (the admin and `force_login`)."""


class AuthenticationBackend(UserWithProfileMixin, AllauthBackend):
    """allauth's email login, where an address identifies only the accounts it is verified on, or the account it
    signed up (still unconfirmed: allauth then mails a new code to type in this browser); never an account that
    merely claimed it (accounts.selectors.users_identified_by)."""

    def _authenticate_by_email(self, email, password):
        if not email:
            return None
        candidates = filter_users_by_email(email, prefer_verified=True)
        for user in users_identified_by(email, candidates, sign_up_address_counts=True):
            if self._check_password(user, password):
                return user
        return None
