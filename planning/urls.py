from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/add/", views.entry_add, name="entry-add"),
    path("plan/entries/<int:entry_id>/drop/", views.entry_drop, name="entry-drop"),
    path("plan/entries/<int:entry_id>/pin/", views.entry_pin, name="entry-pin"),
    path("plan/reviews/<slug:slug>/", views.review, name="review"),
    path("plan/calendar/replace/", views.calendar_replace, name="calendar-replace"),
    path("plan/calendar/<secret:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("plan/digest/stop/<signed:token>/", views.digest_unsubscribe, name="digest-unsubscribe"),
]
