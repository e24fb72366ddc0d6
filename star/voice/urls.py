from django.urls import path

from .views import staff

app_name = "voice"

urlpatterns = [
    path("", staff.home, name="home"),
    path("new/", staff.survey_new, name="survey_new"),
    path("themes/", staff.themes, name="themes"),
    path("you-said-we-did/", staff.actions, name="actions"),
    path("you-said-we-did/new/", staff.action_edit, name="action_new"),
    path("you-said-we-did/<int:pk>/", staff.action_edit, name="action_edit"),
    path("comments/<int:pk>/code/", staff.comment_code, name="comment_code"),
    path("links/<int:pk>/active/", staff.link_active, name="link_active"),
    path("questions/<int:pk>/", staff.question_edit, name="question_edit"),
    path("<int:pk>/", staff.survey, name="survey"),
    path("<int:pk>/status/", staff.survey_status, name="survey_status"),
    path("<int:pk>/settings/", staff.survey_settings, name="survey_settings"),
    path("<int:pk>/results/", staff.survey_results, name="results"),
    path("<int:pk>/comments/", staff.survey_comments, name="comments"),
    path("<int:pk>/new-draft/", staff.version_new_draft, name="version_new_draft"),
    path("<int:pk>/versions/<int:number>/", staff.version, name="version"),
    path("<int:pk>/versions/<int:number>/publish/", staff.version_publish, name="version_publish"),
    path("<int:pk>/versions/<int:number>/sections/", staff.section_add, name="section_add"),
    path("<int:pk>/versions/<int:number>/sections/<int:section>/questions/", staff.question_add,
         name="question_add"),
]
