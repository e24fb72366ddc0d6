from django.urls import path

from . import views

app_name = "audits"

urlpatterns = [
    path("", views.home, name="home"),
    path("actions/<int:pk>/", views.action_update, name="action_update"),
    path("standards/", views.standards, name="standards"),
    path("standards/install/", views.standards_install, name="standards_install"),
    path("standards/<int:number>/", views.standards_version, name="standards_version"),
    path("standards/<int:number>/new-standard/", views.standard_new, name="standard_new"),
    path("standards/<int:number>/<str:action>/", views.standards_version_action, name="standards_version_action"),
    path("standards/standard/<int:pk>/", views.standard_edit, name="standard_edit"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>/cases/", views.programme_cases, name="programme_cases"),
    path("programmes/<int:pk>/sample/", views.programme_sample, name="programme_sample"),
    path("programmes/<int:pk>/add/", views.programme_add_case, name="programme_add_case"),
    path("programmes/<int:pk>/close/", views.programme_close, name="programme_close"),
    path("programmes/<int:pk>/auditors/", views.programme_auditors, name="programme_auditors"),
    path("programmes/<int:pk>/report/", views.report_page, name="programme_report"),
    path("programmes/<int:pk>/report.<str:fmt>", views.report_download, name="programme_report_download"),
    path("report/", views.report_page, name="report"),
    path("report.<str:fmt>", views.report_download, name="report_download"),
    path("<int:pk>/", views.audit, name="audit"),
    path("<int:pk>/learning/", views.audit_learning, name="audit_learning"),
    path("<int:pk>/addendum/", views.audit_addendum, name="audit_addendum"),
    path("<int:pk>/respond/", views.audit_respond, name="audit_respond"),
    path("<int:pk>/resolve/", views.audit_resolve, name="audit_resolve"),
    path("<int:pk>/reassign/", views.audit_reassign, name="audit_reassign"),
]
