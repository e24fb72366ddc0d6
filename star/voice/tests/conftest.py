"""A published family survey with two links, and a helper that adds anonymous responses."""

from dataclasses import dataclass
from datetime import date

import pytest

from star.voice.models import Answer, Question, Response, Survey, SurveyLink
from star.voice.services import surveys as builder


@dataclass
class SurveyWorld:
    lead: object
    survey: Survey
    link_a: SurveyLink
    link_b: SurveyLink

    def respond(self, count: int, *, link=None, ethnicity="white_british", day=date(2026, 8, 12), listened="4",
                comment=""):
        """``count`` responses through ``link`` (default link A) answering 'listened-to' and, optionally, a comment."""
        version = self.survey.current_version
        listened_to = Question.objects.get(section__version=version, key="listened-to")
        do_better = Question.objects.get(section__version=version, key="do-better")
        responses = Response.objects.bulk_create(
            Response(survey=self.survey, version=version, link=link or self.link_a, submitted_on=day,
                     ethnicity=ethnicity) for _ in range(count))
        answers = [Answer(response=response, question=listened_to, choice=listened) for response in responses]
        if comment:
            answers += [Answer(response=response, question=do_better, text=comment) for response in responses]
        Answer.objects.bulk_create(answers)
        return responses


def build_survey_world(lead) -> SurveyWorld:
    survey = builder.survey_create(organisation=lead.organisation, user=lead, title="", audience="",
                                   template_key="family-parents")
    builder.version_publish(version=survey.draft_version, user=lead)
    link_a = survey.links.get()
    link_a.label = "Team A"
    link_a.save()
    link_b = builder.link_add(survey=survey, user=lead, label="Team B")
    return SurveyWorld(lead, survey, link_a, link_b)


@pytest.fixture
def world(make_user):
    return build_survey_world(make_user("practice_lead"))
