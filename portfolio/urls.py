from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portfolio/", views.settings_page, name="settings"),
    path("portfolio/items/<slug:slug>/", views.entry_set, name="entry"),
    path("portfolio/preview/", views.preview, name="preview"),
    path("u/<handle:handle>/", views.public, name="public"),
]
