"""The respondent's pages (no sign-in, no session) and the staff's printable QR poster for a link.

A POST is checked in this order: rate limit per address, size, honeypot, one-time key, answers. Whatever
goes wrong, the form comes back with everything the respondent typed.
"""

from functools import wraps

import segno
from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe
from django_ratelimit.core import is_ratelimited

from star.core.decorators import permission_required
from star.voice.forms_public import (
    ResponseForm,
    error_summary,
    in_language,
    issue_form_key,
    read_form_key,
    text_limit,
    translated,
)
from star.voice.models import TEXT_ANSWER_LIMIT
from star.voice.selectors import public as selectors
from star.voice.services.responses import response_submit

RATE_GROUP = "voice-respond"


def _language(code: str | None) -> str:
    """A language the public pages offer, else English."""
    code = (code or "").lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _in_requested_language(view):
    """Run the view in the language asked for (?lang=, or the form's hidden field) and say so in the header."""

    @wraps(view)
    def wrapped(request, token):
        language = _language(request.POST.get("lang") or request.GET.get("lang"))
        with translation.override(language):
            response = view(request, token, language)
        response["Content-Language"] = language
        return response

    return wrapped


def _page(request, template: str, context: dict, *, language: str, status: int = 200):
    languages = [{"code": code, "name": name, "url": f"{request.path}?{urlencode({'lang': code})}",
                  "current": code == language} for code, name in settings.LANGUAGES]
    return render(request, template, {**context, "language": language, "languages": languages}, status=status)


def _thank_you(link, language: str):
    return redirect(f"{reverse('respond:thank_you', args=[link.token])}?{urlencode({'lang': language})}")


def _form_page(request, link, form, *, language: str, form_key: str, problem: str = "", status: int = 200):
    survey = link.survey
    sections = form.display()
    return _page(request, "voice/public/respond.html", {
        "title": translated(survey.title), "heading": in_language(survey.title),
        "purpose": [in_language(part.strip()) for part in survey.purpose.split("\n\n") if part.strip()],
        "sections": sections, "errors": error_summary(sections), "problem": problem, "form_key": form_key,
        "text_limit": text_limit(), "text_limit_number": TEXT_ANSWER_LIMIT,
    }, language=language, status=status)


def _closed(request, link, language: str):
    return _page(request, "voice/public/closed.html", {
        "title": translated(link.survey.title), "heading": in_language(link.survey.title),
        "actions": selectors.public_actions(link.survey),
    }, language=language)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@_in_requested_language
def respond(request, token, language):
    link = selectors.active_link(token)
    version = selectors.open_version(link.survey)
    if version is None:
        return _closed(request, link, language)
    sections = selectors.sections_of(version)
    easy_read = selectors.is_easy_read(link.survey)
    if request.method != "POST":
        form = ResponseForm(sections, easy_read=easy_read)
        return _form_page(request, link, form, language=language, form_key=issue_form_key(link.token))

    form = ResponseForm(sections, easy_read=easy_read, data=request.POST)
    posted_key = request.POST.get("form_key", "")
    rate = f"{settings.STAR['SURVEY_SUBMISSIONS_PER_HOUR']}/h"
    if is_ratelimited(request, group=RATE_GROUP, key="ip", rate=rate, method="POST", increment=True):
        limited = _form_page(request, link, form, language=language, form_key=posted_key, status=429, problem=gettext(
            "Too many answers have been sent from your connection in the last hour. Please try again later."))
        limited["Retry-After"] = "3600"
        return limited
    if sum(len(values) for _, values in request.POST.lists()) > form.max_values():
        return HttpResponseBadRequest(gettext("The form sent more answers than it has questions."),
                                      content_type="text/plain; charset=utf-8")
    if request.POST.get("website"):
        return _thank_you(link, language)
    nonce = read_form_key(posted_key, link.token)
    if nonce is None:
        return _form_page(request, link, form, language=language, form_key=issue_form_key(link.token),
                          problem=gettext("This form has expired. Your answers are below: please check them "
                                          "and send them again."))
    if selectors.submission_key_used(nonce):
        return _thank_you(link, language)
    if not form.is_valid():
        return _form_page(request, link, form, language=language, form_key=posted_key,
                          problem=" ".join(form.non_field_errors()))
    response_submit(link, form.answers(), language=language, key_nonce=nonce)
    return _thank_you(link, language)


@require_safe
@_in_requested_language
def thank_you(request, token, language):
    link = selectors.active_link(token)
    return _page(request, "voice/public/thank_you.html", {"actions": selectors.public_actions(link.survey)},
                 language=language)


def _survey_address(link) -> str:
    return settings.STAR["SITE_URL"].rstrip("/") + reverse("respond:survey", args=[link.token])


def _qr(link):
    return segno.make(_survey_address(link), error="m")


@require_GET
@permission_required("voice.change_survey", selectors.poster_survey)
def poster(request, token):
    link = selectors.active_link(token)
    title = f"QR code for {link.survey.title}"
    svg = _qr(link).svg_inline(scale=8, title=title, svgclass="star-qr", lineclass=None, omitsize=True)
    return render(request, "voice/public/poster.html", {
        "link": link, "survey": link.survey, "address": _survey_address(link),
        "qr_svg": svg.replace("<svg ", '<svg role="img" ', 1),
    })


@require_GET
@permission_required("voice.change_survey", selectors.poster_survey)
def qr_code(request, token):
    link = selectors.active_link(token)
    response = HttpResponse(content_type="image/svg+xml")
    _qr(link).save(response, kind="svg", scale=10, border=4, title=f"QR code for {link.survey.title}")
    response["Content-Disposition"] = f'attachment; filename="survey-{link.token}-qr.svg"'
    return response
