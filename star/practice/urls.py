from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.home, name="home"),
    path("reflections/", views.reflection_list, name="reflections"),
    path("reflections/new/", views.reflection_new, name="reflection_new"),
    path("reflections/<int:pk>/", views.reflection_detail, name="reflection"),
    path("reflections/<int:pk>/edit/", views.reflection_edit, name="reflection_edit"),
    path("reflections/<int:pk>/delete/", views.reflection_delete, name="reflection_delete"),
    path("reflections/<int:pk>/share/", views.reflection_share, name="reflection_share"),
    path("reflections/<int:pk>/shares/<int:share_pk>/remove/", views.reflection_unshare, name="reflection_unshare"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/new/", views.commitment_new, name="commitment_new"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("supervision/", views.supervision_list, name="supervisions"),
    path("supervision/new/", views.supervision_new, name="supervision_new"),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision"),
    path("supervision/<int:pk>/edit/", views.supervision_edit, name="supervision_edit"),
    path("supervision/<int:pk>/acknowledge/", views.supervision_acknowledge, name="supervision_acknowledge"),
    path("supervision/<int:pk>/addendum/", views.supervision_addendum, name="supervision_addendum"),
    path("record/", views.practice_record, name="record"),
    path("record.pdf", views.practice_record_pdf, name="record_pdf"),
    path("team/", views.team_page, name="team"),
    path("team.csv", views.team_csv, name="team_csv"),
]
