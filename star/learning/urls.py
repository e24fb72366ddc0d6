from django.urls import path

from .views import catalogue, communities, sets

app_name = "learning"

# Each area adds its own patterns: catalogue.urlpatterns, sets.urlpatterns, communities.urlpatterns.
urlpatterns = [
    path("", catalogue.home, name="home"),
    *catalogue.urlpatterns,
    *sets.urlpatterns,
    *communities.urlpatterns,
]
