from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts.views import LoginView

from .api import api
from .views import favicon, healthz

admin.site.site_header = "careerpath editor"
admin.site.site_title = "careerpath editor"
admin.site.index_title = "Content and learners"
# The admin signs in through allauth's login, so its rate limits (and two-factor) protect /admin/ as well.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Ours first: allauth's login view, but answering 429 when failed sign-ins pass the rate limit.
    path("accounts/login/", LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("roadmap.urls")),
    path("", include("progress.urls")),
    path("", include("onboarding.urls")),
    path("", include("planning.urls")),
    path("", include("portfolio.urls")),
    path("", include("mentoring.urls")),
    path("", include("assessment.urls")),
    path("", include("jobs.urls")),
]
handler400 = "careerpath.views.bad_request"
handler500 = "careerpath.views.server_error"
