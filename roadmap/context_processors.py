from django.utils.functional import SimpleLazyObject

from .models import Track


def navigation(request):
    """Published tracks for the navbar, fetched only when a template renders them."""
    return {"nav_tracks": SimpleLazyObject(lambda: list(Track.objects.published().only("slug", "short_title")))}
