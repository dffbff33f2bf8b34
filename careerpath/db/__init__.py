"""The one door to Django's non-public API: every use of it lives in this package (docs/development.md, "Upgrading
Django").

- `rows`: values and model instances from rows a written-out statement fetched (the compiler's converters,
  `Model.from_db`, a related object's cache, `_state`);
- `prefetch`: a reverse relation's rows set on an instance as `prefetch_related` leaves them;
- `sessions`: the database session engine's read hook (`SessionStore._get_session_from_db`);
- `statements`: running written-out statements, several in one round trip where the database takes them, prepared
  on the server once per connection on PostgreSQL (public API only, here as the door every statement goes through);
- `postgresql`: the database backend (the health check, the time loader).

Each use has a test in tests/db/ that fails when a Django upgrade changes what it relies on; docs/development.md
("Upgrading Django") lists them. Neutral: imports no app, so every app may use it (tests/test_architecture.py).
"""
