from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.ads, name="ads"),
    path("jobs/fetch/", views.ad_fetch, name="ad-fetch"),
    path("jobs/ads/<int:ad_id>/", views.ad, name="ad"),
    path("jobs/ads/<int:ad_id>/read-again/", views.ad_read_again, name="ad-read-again"),
    path("jobs/ads/<int:ad_id>/plan/", views.ad_plan, name="ad-plan"),
    path("jobs/ads/<int:ad_id>/delete/", views.ad_delete, name="ad-delete"),
    path("jobs/applications/", views.applications_page, name="applications"),
    path("jobs/applications/<int:application_id>/", views.application, name="application"),
    path("jobs/applications/<int:application_id>/delete/", views.application_delete, name="application-delete"),
    path("jobs/cohorts/<int:cohort_id>/members/<int:membership_id>/", views.member_job_search, name="member"),
]
