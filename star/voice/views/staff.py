"""Thin views for the staff side of surveys: builder, links, results, comments, themes, actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from star.analytics.surveys import ALL
from star.core.audit import record_access
from star.core.decorators import permission_required
from star.core.forms import add_service_errors
from star.core.models import Team

from ..forms import (
    BLANK,
    ActionForm,
    CodingForm,
    LinkForm,
    PublishForm,
    QuestionForm,
    ResultsFilterForm,
    SectionForm,
    SurveyNewForm,
    SurveySettingsForm,
    ThemeForm,
)
from ..models import Answer, Question, Survey
from ..selectors import results, surveys
from ..services import coding
from ..services import surveys as builder


@permission_required("voice.use_voice")
def home(request):
    user = request.user
    return render(request, "voice/home.html", {
        "surveys": surveys.surveys_for(user), "can_manage": user.has_perm("voice.manage_surveys"),
        "actions": surveys.actions_for(user)[:5]})


@permission_required("voice.manage_surveys")
def survey_new(request):
    form = SurveyNewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        template = "" if data["template"] == BLANK else data["template"]
        try:
            survey = builder.survey_create(organisation=request.user.organisation, user=request.user,
                                           title=data["title"], audience=data["audience"], template_key=template)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Survey created. Check the questions, then publish it.")
            return redirect("voice:version", pk=survey.pk, number=1)
    return render(request, "voice/survey_new.html", {"form": form})


@permission_required("voice.use_voice")
def survey(request, pk):
    user = request.user
    item = surveys.survey_for(user, pk)
    can_change = user.has_perm("voice.change_survey", item)
    teams = Team.objects.for_user(user).order_by("name")
    link_form = LinkForm(request.POST or None, teams=teams) if can_change else None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if link_form.is_valid():
            team = teams.filter(pk=link_form.cleaned_data["team"]).first() if link_form.cleaned_data["team"] else None
            try:
                builder.link_add(survey=item, user=user, label=link_form.cleaned_data["label"], team=team)
            except ValidationError as error:
                add_service_errors(link_form, error)
            else:
                messages.success(request, "Link added.")
                return redirect("voice:survey", pk=item.pk)
    return render(request, "voice/survey.html", {
        "survey": item, "can_change": can_change, "versions": item.versions.all(),
        "links": surveys.links_of(item), "link_form": link_form,
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "actions": surveys.actions_for(user, item)})


@require_POST
@permission_required("voice.manage_surveys")
def survey_status(request, pk):
    item = surveys.survey_for(request.user, pk, "voice.change_survey")
    try:
        builder.survey_status_set(survey=item, user=request.user, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The survey is {item.get_status_display().lower()}.")
    return redirect("voice:survey", pk=item.pk)


@require_POST
@permission_required("voice.manage_surveys")
def link_active(request, pk):
    link = surveys.link_for(request.user, pk)
    if not request.user.has_perm("voice.change_survey", link.survey):
        raise PermissionDenied
    builder.link_active_set(link=link, user=request.user, active=request.POST.get("active") == "1")
    messages.success(request, f"The link '{link.label}' is {'on' if link.is_active else 'off'}.")
    return redirect("voice:survey", pk=link.survey_id)


@permission_required("voice.manage_surveys")
def survey_settings(request, pk):
    item = surveys.survey_for(request.user, pk, "voice.change_survey")
    form = SurveySettingsForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            builder.survey_settings_save(survey=item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Settings saved.")
            return redirect("voice:survey", pk=item.pk)
    return render(request, "voice/survey_settings.html", {"survey": item, "form": form})


def _question_form(version, data=None, initial=None, before=None, survey=None):
    earlier = [question for question in Question.objects.filter(section__version=version).order_by(
        "section__order", "order") if question.kind in builder.CONDITION_KINDS]
    if before is not None:
        earlier = [q for q in earlier if (q.section.order, q.order) < (before.section.order, before.order)]
    return QuestionForm(data, initial=initial, earlier=earlier, likert=results.likert_options(survey))


@permission_required("voice.use_voice")
def version(request, pk, number):
    user = request.user
    item = surveys.survey_for(user, pk)
    shown = surveys.version_for(item, number)
    can_change = user.has_perm("voice.change_survey", item) and not shown.is_published
    return render(request, "voice/version.html", {
        "survey": item, "version": shown, "sections": surveys.sections_of(shown), "can_change": can_change,
        "can_draft": user.has_perm("voice.change_survey", item) and shown.is_published
        and item.draft_version is None, "problems": builder.version_problems(shown) if can_change else [],
        "question_form": _question_form(shown, survey=item) if can_change else None,
        "section_form": SectionForm() if can_change else None, "publish_form": PublishForm(),
        "likert": results.likert_options(item)})


def _draft_of(request, pk, number):
    item = surveys.survey_for(request.user, pk, "voice.change_survey")
    return item, surveys.version_for(item, number)


def _condition(value: str) -> dict:
    question, _, answer = (value or "").partition("=")
    return {"shown_if_question": question, "shown_if_answer": answer}


def _question_fields(data) -> dict:
    return {"kind": data["kind"], "text": data["text"], "hint": data["hint"], "required": data["required"],
            "options": builder.parse_options(data["options"]), **_condition(data["condition"])}


@permission_required("voice.manage_surveys")
def question_add(request, pk, number, section):
    item, draft = _draft_of(request, pk, number)
    target = draft.sections.filter(pk=section).first()
    form = _question_form(draft, request.POST or None, survey=item)
    if request.method == "POST" and target is not None and form.is_valid():
        try:
            builder.question_save(section=target, user=request.user, **_question_fields(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question added.")
            return redirect("voice:version", pk=item.pk, number=draft.number)
    return render(request, "voice/question_form.html", {"survey": item, "version": draft, "form": form,
                                                        "section": target})


@permission_required("voice.manage_surveys")
def question_edit(request, pk):
    question = surveys.question_for(request.user, pk)
    draft = question.section.version
    item = draft.survey
    if not request.user.has_perm("voice.change_survey", item):
        raise PermissionDenied
    action = request.POST.get("action")
    if request.method == "POST" and action in {"delete", "up", "down"}:
        try:
            if action == "delete":
                builder.question_delete(question=question, user=request.user)
            else:
                builder.question_move(question=question, user=request.user, direction=-1 if action == "up" else 1)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("voice:version", pk=item.pk, number=draft.number)
    initial = {"kind": question.kind, "text": question.text, "hint": question.hint, "required": question.required,
               "options": "\n".join(option["label"] for option in question.options),
               "condition": f"{question.shown_if_question}={question.shown_if_answer}"
               if question.shown_if_question else ""}
    form = _question_form(draft, request.POST or None, initial=initial, before=question, survey=item)
    if request.method == "POST" and form.is_valid():
        try:
            builder.question_save(section=question.section, user=request.user, question=question,
                                  **_question_fields(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question saved.")
            return redirect("voice:version", pk=item.pk, number=draft.number)
    return render(request, "voice/question_form.html", {"survey": item, "version": draft, "form": form,
                                                        "question": question, "section": question.section})


@require_POST
@permission_required("voice.manage_surveys")
def section_add(request, pk, number):
    item, draft = _draft_of(request, pk, number)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            builder.section_save(version=draft, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Section added.")
    else:
        messages.error(request, "Enter a heading for the section.")
    return redirect("voice:version", pk=item.pk, number=draft.number)


@require_POST
@permission_required("voice.manage_surveys")
def version_publish(request, pk, number):
    item, draft = _draft_of(request, pk, number)
    form = PublishForm(request.POST)
    form.is_valid()
    try:
        builder.version_publish(version=draft, user=request.user, change_note=form.cleaned_data.get("change_note", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("voice:version", pk=item.pk, number=draft.number)
    messages.success(request, f"Version {draft.number} published: respondents now see it.")
    return redirect("voice:survey", pk=item.pk)


@require_POST
@permission_required("voice.manage_surveys")
def version_new_draft(request, pk):
    item = surveys.survey_for(request.user, pk, "voice.change_survey")
    if item.current_version is None:
        raise PermissionDenied
    draft = builder.version_draft(survey=item, user=request.user)
    return redirect("voice:version", pk=item.pk, number=draft.number)


def _filters(form) -> results.Filters:
    if not form.is_valid():
        return results.Filters()
    data = form.cleaned_data
    return results.Filters(link=data.get("link") or ALL, ethnicity=data.get("ethnicity") or ALL,
                           quarter=data.get("quarter") or ALL)


@permission_required("voice.use_voice")
def survey_results(request, pk):
    item = surveys.survey_for(request.user, pk)
    form = ResultsFilterForm(request.GET or None, choices=results.filter_choices(item))
    filters = _filters(form)
    return render(request, "voice/results.html", {
        "survey": item, "form": form, "filters": filters, "results": results.survey_results(item, filters),
        "voices": results.voices(item, filters.quarter),
        "can_read_comments": request.user.has_perm("voice.read_comments", item)})


@permission_required("voice.use_voice")
def survey_comments(request, pk):
    user = request.user
    item = surveys.survey_for(user, pk, "voice.read_comments")
    themes = list(surveys.themes_for(user))
    quarter = request.GET.get("quarter") or ALL
    theme = next((t for t in themes if str(t.pk) == request.GET.get("theme")), None)
    answers, released = results.comments(item, quarter=quarter, theme=theme, uncoded=request.GET.get("uncoded") == "1")
    page = Paginator(answers, 25).get_page(request.GET.get("page"))
    record_access(user=user, obj=item)
    return render(request, "voice/comments.html", {
        "survey": item, "page": page, "themes": themes, "theme": theme, "quarter": quarter,
        "quarters": sorted(released, reverse=True), "held_back": results.held_back_comments(item, released),
        "threshold": item.anonymity_threshold})


@require_POST
@permission_required("voice.use_voice")
def comment_code(request, pk):
    user = request.user
    answer = Answer.objects.for_user(user).select_related("response__survey").filter(pk=pk).first()
    if answer is None or not user.has_perm("voice.read_comments", answer.response.survey):
        raise PermissionDenied
    themes = list(surveys.themes_for(user))
    form = CodingForm(request.POST, themes=themes, prefix=f"a{answer.pk}")
    if form.is_valid():
        chosen = [theme for theme in themes if str(theme.pk) in form.cleaned_data["themes"]]
        coding.comment_code(answer=answer, user=user, themes=chosen)
        messages.success(request, "Themes saved.")
    return redirect(request.POST.get("next") or "voice:home")


@permission_required("voice.manage_actions")
def themes(request):
    user = request.user
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coding.theme_save(organisation=user.organisation, user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Theme added.")
            return redirect("voice:themes")
    listed = surveys.themes_for(user)
    return render(request, "voice/themes.html", {"form": form, "themes": listed,
                                                 "trend": results.theme_trend(None, listed, user.organisation)})


@permission_required("voice.use_voice")
def actions(request):
    user = request.user
    return render(request, "voice/actions.html", {"actions": surveys.actions_for(user),
                                                  "can_manage": user.has_perm("voice.manage_actions")})


@permission_required("voice.manage_actions")
def action_edit(request, pk=None):
    user = request.user
    action = surveys.action_for(user, pk) if pk else None
    form = ActionForm(request.POST or None, instance=action, surveys=Survey.objects.for_user(user),
                      themes=surveys.themes_for(user))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            coding.action_save(organisation=user.organisation, user=user, action=action, owner=user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("voice:actions")
    return render(request, "voice/action_form.html", {"form": form, "action": action})
