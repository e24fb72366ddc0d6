from django.urls import path

from . import views

app_name = "framework"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("versions/", views.version_list, name="versions"),
    path("versions/<int:number>/", views.version_page, name="version"),
    path("versions/<int:number>/publish/", views.publish, name="publish"),
    path("versions/<int:number>/retire/", views.retire, name="retire"),
    path("versions/<int:number>/indicators/<slug:key>/", views.indicator_page, name="indicator"),
    path("diff/", views.diff_page, name="diff"),
]
