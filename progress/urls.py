from django.urls import path

from . import views

app_name = "progress"

# The paths are the ones these pages had when they lived in roadmap: bookmarks and links keep working.
urlpatterns = [
    path("tracks/<slug:slug>/reset/", views.track_reset, name="track-reset"),
    path("items/<slug:slug>/status/", views.progress_status, name="status"),
    path("items/<slug:slug>/progress/", views.progress_update, name="update"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("history/", views.progress_history, name="history"),
    path("changes/<int:number>/", views.release_changes, name="release-changes"),
    path("changes/<int:number>/dismiss/", views.release_changes_dismiss, name="release-changes-dismiss"),
    path("staff/insights/", views.insights, name="insights"),
]
