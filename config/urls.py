from django.contrib import admin
from django.urls import include, path

from star.api.urls import api
from star.core.urls import auth_urlpatterns

handler403 = "star.core.views.errors.permission_denied"
handler404 = "star.core.views.errors.page_not_found"
handler500 = "star.core.views.errors.server_error"

urlpatterns = [
    path("", include("star.core.urls")),
    *auth_urlpatterns,
    path("framework/", include("star.framework.urls")),
    path("workforce/", include("star.workforce.urls")),
    path("outcomes/", include("star.outcomes.urls")),
    path("practice/", include("star.practice.urls")),
    path("audits/", include("star.audits.urls")),
    path("learning/", include("star.learning.urls")),
    path("feedback/", include("star.voice.urls")),
    path("evaluation/", include("star.evaluation.urls")),
    # Public survey links (no sign-in): short, so they fit on a printed QR code poster.
    path("s/", include("star.voice.public_urls")),
    path("api/v1/", api.urls),
    path("django-admin/", admin.site.urls),
]
