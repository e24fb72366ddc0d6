from django.urls import path

from .views import public

app_name = "respond"

urlpatterns = [
    path("<str:token>/", public.respond, name="survey"),
]
