from django.contrib.auth import views as auth_views
from django.urls import path

from .views import health, imports, mappings, pages, users

app_name = "core"

urlpatterns = [
    path("", pages.home, name="home"),
    path("overview/", pages.organisation_overview, name="overview"),
    path("people/", pages.people, name="people"),
    path("people/<int:pk>/", pages.staff_profile, name="staff_profile"),
    path("audit/", pages.audit_log, name="audit_log"),
    path("accounts/", users.user_list, name="users"),
    path("accounts/new/", users.user_invite, name="user_invite"),
    path("accounts/<int:pk>/", users.user_edit, name="user_edit"),
    path("account/notifications/", pages.notifications, name="notifications"),
    path("account/tokens/", pages.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", pages.api_token_revoke, name="api_token_revoke"),
    path("about/<str:kind>/", pages.site_page, name="site_page"),
    path("about/<str:kind>/edit/", pages.site_page_edit, name="site_page_edit"),
    path("imports/", imports.import_list, name="imports"),
    path("imports/new/", imports.import_new, name="import_new"),
    path("imports/mappings/", mappings.mapping_list, name="import_mappings"),
    path("imports/mappings/<str:kind>/", mappings.mapping_edit, name="import_mapping_edit"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/errors.csv", imports.import_errors_csv, name="import_errors_csv"),
    path("imports/<int:pk>/ethnicity/", imports.import_ethnicity, name="import_ethnicity"),
    path("imports/<int:pk>/delete/", imports.import_delete, name="import_delete"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# Sign-in and passwords use Django's views (names without a namespace, as Django expects).
auth_urlpatterns = [
    path("account/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("account/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("account/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("account/password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("account/password/reset/complete/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
