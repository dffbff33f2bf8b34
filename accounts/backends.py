"""Authentication backends that load the learner's profile with the user: one statement on every signed-in request.

Every signed-in page reads `user.profile` (the navigation bar's name, the time zone middleware, the dashboard's
cache key), so the session's user is fetched with its profile joined. The statement is written out once per
process from the models' own fields (a new field joins it by itself) instead of being compiled by the ORM on each
request: that compilation cost more than the query (about 0.3 ms of a cached page's 1.5 ms, measured in bench).
Values pass through the same converters the ORM applies, and the instances are the ones `select_related` builds.
"""

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connections, router

from .models import Profile


@cache
def _user_with_profile_statement(alias: str):
    """The SQL, the converters and the compiler that applies them, and the two models' field names in the row's
    order, for `alias`'s database (built once)."""
    User = get_user_model()
    connection = connections[alias]
    name = connection.ops.quote_name
    user_fields, profile_fields = User._meta.concrete_fields, Profile._meta.concrete_fields
    link = Profile._meta.get_field("user")
    columns = [f"u.{name(field.column)}" for field in user_fields] + [
        f"p.{name(field.column)}" for field in profile_fields
    ]
    # Names come from the models' metadata, quoted; the id is a parameter.
    sql = (
        f"SELECT {', '.join(columns)} FROM {name(User._meta.db_table)} u "  # noqa: S608
        f"LEFT JOIN {name(Profile._meta.db_table)} p ON p.{name(link.column)} = u.{name(User._meta.pk.column)} "
        f"WHERE u.{name(User._meta.pk.column)} = %s"
    )
    compiler = User._default_manager.none().query.get_compiler(alias)
    converters = compiler.get_converters(
        [field.get_col(field.model._meta.db_table) for field in (*user_fields, *profile_fields)]
    )
    user_names = [field.attname for field in user_fields]
    profile_names = [field.attname for field in profile_fields]
    return sql, converters, compiler, user_names, profile_names


def user_with_profile(user_id):
    """The user with `user.profile` loaded (None cached when they have none, as `select_related` does), or None."""
    User = get_user_model()
    alias = router.db_for_read(User)
    sql, converters, compiler, user_names, profile_names = _user_with_profile_statement(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [user_id])
        rows = list(compiler.apply_converters(cursor.fetchall(), converters))
    if not rows:
        return None
    row = rows[0]
    user = User.from_db(alias, user_names, row[: len(user_names)])
    profile_row = row[len(user_names) :]
    link = Profile._meta.get_field("user")
    profile = None
    if profile_row[profile_names.index(Profile._meta.pk.attname)] is not None:  # the LEFT JOIN found a profile
        profile = Profile.from_db(alias, profile_names, profile_row)
        link.set_cached_value(profile, user)
    link.remote_field.set_cached_value(user, profile)
    return user


class UserWithProfileMixin:
    def get_user(self, user_id):
        user = user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(UserWithProfileMixin, DjangoModelBackend):
    """Django's username/password backend (the admin and `force_login`)."""


class AuthenticationBackend(UserWithProfileMixin, AllauthBackend):
    """allauth's email login."""
