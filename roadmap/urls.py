from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tracks/<slug:slug>/", views.TrackDetailView.as_view(), name="track-detail"),
    path("items/<slug:slug>/", views.ItemDetailView.as_view(), name="item-detail"),
    path("items/<slug:slug>/went/", views.item_moved, name="item-moved"),
    path("roles/", views.RoleListView.as_view(), name="role-list"),
    path("roles/<slug:slug>/", views.RoleDetailView.as_view(), name="role-detail"),
]
