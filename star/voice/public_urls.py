from django.urls import path

from .views import public

app_name = "respond"

urlpatterns = [
    path("<str:token>/", public.respond, name="survey"),
    path("<str:token>/thank-you/", public.thank_you, name="thank_you"),
    path("<str:token>/poster/", public.poster, name="poster"),
    path("<str:token>/qr.svg", public.qr_code, name="qr_code"),
]
