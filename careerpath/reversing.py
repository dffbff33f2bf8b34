"""URLs reversed once per process: a URL depends only on the URL configuration, the script prefix and the arguments,
none of which change while the process runs, and Django's `reverse` takes 20-50 µs. A track page shows two per row
(the item, its status form), 150 on the ML path: 5 ms of a 27 ms page."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=16384)
def _reversed(prefix: str, urlconf, name: str, args: tuple) -> str:
    return reverse(name, args=args)


def reverse_once(name: str, *args) -> str:
    """`reverse(name, args=args)`, remembered per URL configuration and script prefix (like `{% url %}` with
    positional arguments)."""
    return _reversed(get_script_prefix(), get_urlconf(), name, tuple(str(arg) for arg in args))
