from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("goals/", views.goals, name="goals"),
    path("goals/target-role/", views.set_target_role, name="target-role"),
    path("my-data/", views.my_data, name="my-data"),
    path("my-data/careerpath.json", views.my_data_download, {"file_format": "json"}, name="my-data-json"),
    path("my-data/careerpath.csv", views.my_data_download, {"file_format": "csv"}, name="my-data-csv"),
    path("my-data/<slug:section>.csv", views.my_data_section_csv, name="my-data-section-csv"),
    path("tokens/", views.api_tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.api_token_revoke, name="token-revoke"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.account_deleted, name="deleted"),
]
