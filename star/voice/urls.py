from django.urls import path

from .views import staff

app_name = "voice"

urlpatterns = [
    path("", staff.home, name="home"),
]
