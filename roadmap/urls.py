from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tracks/<slug:slug>/", views.TrackDetailView.as_view(), name="track-detail"),
    path("tracks/<slug:slug>/reset/", views.track_reset, name="track-reset"),
    path("items/<slug:slug>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("items/<slug:slug>/status/", views.progress_status, name="progress-status"),
    path("items/<slug:slug>/progress/", views.progress_update, name="progress-update"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("history/", views.progress_history, name="history"),
    path("staff/insights/", views.insights, name="insights"),
    path("roles/", views.RoleListView.as_view(), name="role-list"),
    path("roles/<slug:slug>/", views.RoleDetailView.as_view(), name="role-detail"),
]
