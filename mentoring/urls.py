from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("cohorts/", views.cohorts, name="cohorts"),
    path("cohorts/<int:cohort_id>/", views.cohort, name="cohort"),
    path("cohorts/<int:cohort_id>/invite/", views.invite_replace, name="invite-replace"),
    path("cohorts/<int:cohort_id>/leave/", views.leave, name="leave"),
    path("cohorts/<int:cohort_id>/job-search/", views.job_search_consent, name="job-search-consent"),
    path("cohorts/<int:cohort_id>/members/<int:membership_id>/", views.member, name="member"),
    path("cohorts/<int:cohort_id>/members/<int:membership_id>/items/<slug:slug>/review/", views.review, name="review"),
    path("join/<secret:token>/", views.join, name="join"),
    path(
        "endorsements/<int:review_id>/credential.<credential_format:file_format>", views.credential, name="credential"
    ),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/status/revocation", views.status_list, name="status-list"),
]
