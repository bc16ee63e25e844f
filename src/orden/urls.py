from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from orden.core.views import OrganizationExportView, health
from orden.organizations.views import LoginView, front_page, organization_settings, profile, switch_organization
from orden.portfolio.views import home

urlpatterns = [
    # The organisation's overview; without a current organisation, where to go from here.
    path("", front_page(home), name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("health/", health, name="health"),
    path("language/", set_language, name="set_language"),
    path("profile/", profile, name="profile"),
    path("settings/", organization_settings, name="organization_settings"),
    path("switch-organisation/", switch_organization, name="switch_organization"),
    path("export/", OrganizationExportView.as_view(), name="organization_export"),
    path("", include("orden.organizations.urls")),
    path("catalogue/", include("orden.catalog.urls")),
    path("", include("orden.portfolio.urls")),
    path("", include("orden.reports.urls")),
    path("", include("orden.datasets.urls")),
    path("api/", include("orden.api.urls")),
]

# JSON under /api/, the HTML error pages elsewhere (core/errors.py).
handler400 = "orden.core.errors.bad_request"
handler403 = "orden.core.errors.permission_denied"
handler404 = "orden.core.errors.page_not_found"
handler500 = "orden.core.errors.server_error"
