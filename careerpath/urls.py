from django.contrib import admin
from django.urls import include, path

from roadmap.views import healthz

admin.site.site_header = "careerpath editor"
admin.site.site_title = "careerpath editor"
admin.site.index_title = "Content and learners"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("roadmap.urls")),
]
