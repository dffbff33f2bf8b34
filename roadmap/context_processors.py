from django.utils.functional import SimpleLazyObject

from .selectors import track_list_for_navigation


def navigation(request):
    """Published tracks for the navbar, read when a template renders them (kept per content version)."""
    return {"nav_tracks": SimpleLazyObject(track_list_for_navigation)}
