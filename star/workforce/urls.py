from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("report.csv", views.report_csv, name="report_csv"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/<int:pk>/", views.snapshot_records, name="snapshot_records"),
]
