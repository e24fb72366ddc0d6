from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.intervention_new, name="intervention_new"),
    path("<int:pk>/", views.intervention, name="intervention"),
    path("<int:pk>/edit/", views.intervention_edit, name="intervention_edit"),
    path("<int:pk>/measures/new/", views.measure_new, name="measure_new"),
    path("measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/remove/", views.measure_remove, name="measure_remove"),
    path("<int:pk>/reviews/<str:phase>/", views.review, name="review"),
    path("<int:pk>/reviews/<str:phase>/edit/", views.review_edit, name="review_edit"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/summary.<str:fmt>", views.summary_download, name="summary_download"),
]
