"""/api/v1/voice: surveys and their results, through the same anonymity protection as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from star.analytics.surveys import ALL
from star.core.periods import Quarter

from .selectors import results, surveys

router = Router(tags=["voice"])


class SurveyOut(Schema):
    id: int
    title: str
    audience: str
    status: str
    version: int | None
    anonymity_threshold: int
    responses: int


@router.get("/surveys", response=list[SurveyOut], summary="Your council's surveys")
def survey_list(request):
    if not request.user.has_perm("voice.use_voice"):
        raise HttpError(403, "Your role does not give access to feedback.")
    return [{"id": item.pk, "title": item.title, "audience": item.audience, "status": item.status,
             "version": item.current_version.number if item.current_version else None,
             "anonymity_threshold": item.anonymity_threshold, "responses": item.response_count}
            for item in surveys.surveys_for(request.user)]


def _figure(figure) -> dict | None:
    return figure.to_dict() if figure is not None else None


@router.get("/surveys/{survey_id}/results", response=dict, summary="Results for one group of respondents")
def survey_results(request, survey_id: int, link: str = Query(ALL), ethnicity: str = Query(ALL),
                   quarter: str = Query(ALL, description="e.g. 2026-Q3")):
    """Hidden groups and questions say so ('shown': false) and carry no figures."""
    try:
        item = surveys.survey_for(request.user, survey_id)
    except (Http404, PermissionDenied) as error:
        raise HttpError(404, "There is no survey with that id that you may see.") from error
    if quarter != ALL:
        try:
            Quarter.parse(quarter)
        except ValueError as error:
            raise HttpError(422, "quarter must look like 2026-Q3") from error
    found = results.survey_results(item, results.Filters(link=link, ethnicity=ethnicity, quarter=quarter))
    questions = []
    for entry in found["questions"]:
        question = {"key": entry["question"].key, "text": entry["question"].text, "kind": entry["question"].kind,
                    "shown": entry["shown"]}
        if entry["shown"]:
            question["answered"] = entry["answered"]
            question["options"] = [{"key": row["key"], "label": row["label"], "count": row["count"],
                                    "share": _figure(row["figure"])} for row in entry.get("options", [])]
            question["agree"] = _figure(entry.get("agree"))
        questions.append(question)
    return {"survey": item.pk, "threshold": found["threshold"], "shown": found["group_shown"],
            "respondents": found["count"] if found["group_shown"] else None, "questions": questions}
