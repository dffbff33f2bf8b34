from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("items/<slug:slug>/check/", views.check_take, name="check"),
    path("items/<slug:slug>/check/attempts/<int:attempt_id>/", views.attempt_result, name="attempt"),
    path("items/<slug:slug>/self-review/", views.self_review, name="self-review"),
]
