from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("start/", views.start_goals, name="start"),
    path("start/known/", views.start_known, name="known"),
    path("start/where-you-stand/", views.start_result, name="result"),
]
