"""Sessions signed in before allauth.usersessions was installed get their UserSession row.

allauth records a session when its user signs in. A learner who signed in before we installed it (and is still
signed in) had no row, so "end my other sessions" (a new password, a deleted account) could not find that session:
it became invalid (the password hash no longer matched) but its row stayed. This walks the unexpired sessions once,
decodes each, and records the signed-in ones. It reads the session table, so it does nothing for cookie-only session
engines (they have no rows to delete either). Address and browser were never recorded: "0.0.0.0" and empty.
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations
from django.utils import timezone

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a value shown in the session list, not an address we bind to


def record_signed_in_sessions(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    UserSession = apps.get_model("usersessions", "UserSession")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    recorded = set(UserSession.objects.values_list("session_key", flat=True))
    decoder = import_module(settings.SESSION_ENGINE).SessionStore()  # its class name salts the signature
    found = {}
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
        if session.session_key in recorded:
            continue
        user_id = decoder.decode(session.session_data).get("_auth_user_id")  # {} when it does not decode
        if user_id:
            found[session.session_key] = str(user_id)
    existing = {str(pk) for pk in User.objects.filter(pk__in=set(found.values())).values_list("pk", flat=True)}
    UserSession.objects.bulk_create(
        UserSession(session_key=key, user_id=user_id, ip=UNKNOWN_ADDRESS, user_agent="")
        for key, user_id in found.items()
        if user_id in existing
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_text_without_control_characters"),
        ("sessions", "0001_initial"),
        ("usersessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(record_signed_in_sessions, migrations.RunPython.noop, elidable=True)]
