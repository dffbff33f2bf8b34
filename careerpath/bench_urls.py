"""The site's URLs plus the benchmark floor: the cheapest view through the same middleware, no database."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/floor/", floor), path("", include("careerpath.urls"))]
