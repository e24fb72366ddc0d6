from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("outcomes.csv", views.report_csv, name="report_csv"),
    path("outcomes.xlsx", views.report_xlsx, name="report_xlsx"),
    path("returns/", views.imports, name="imports"),
    path("returns/new/", views.import_new, name="import_new"),
    path("returns/<int:pk>/", views.import_detail, name="import_detail"),
    path("returns/<int:pk>/remove/", views.import_delete, name="import_delete"),
]
