"""An organisation with the STAR framework, people in each evaluation role, and builders for survey answers
and statutory return counts."""

import hashlib
from datetime import date

import pytest
from django.utils import timezone

from star.core.models import DataImport
from star.evaluation import services
from star.outcomes.models import OutcomeReturn, StageCount
from star.voice.models import Answer, Question, Response, Section, Survey, SurveyVersion


@pytest.fixture
def framework(db):
    from star.framework.services import framework_ensure_default

    return framework_ensure_default()


@pytest.fixture
def lead(make_user):
    return make_user("practice_lead", username="lead", first_name="Lena", last_name="Grant")


def intervention_for(user, **fields):
    values = {"title": "Racialised trauma support group", "kind": "support_group",
              "purpose": "A safe space for Global Majority staff.", "intended_outcomes": "Members feel safer.",
              "starts_on": date(2025, 9, 1), "ends_on": date(2026, 7, 31), "status": "running"}
    return services.intervention_create(user=user, **{**values, **fields})


def review_for(intervention, user, phase, start, end, **fields):
    values = {"expected": "Members would feel safer.", "happened": "Most did.", "perspectives": ["staff"]}
    return services.review_create(intervention=intervention, user=user, phase=phase, period_start=start,
                                  period_end=end, **{**values, **fields})


@pytest.fixture
def intervention(framework, lead):
    return intervention_for(lead)


def make_survey(organisation, *, answers=(), key="listened-to", threshold=5, status="open", title="Families"):
    """A published survey with one agree-or-disagree question; ``answers`` is [(day, choice)], one response each."""
    survey = Survey.objects.create(organisation=organisation, title=title, audience="parents_carers", status=status,
                                   anonymity_threshold=threshold)
    version = SurveyVersion.objects.create(survey=survey, number=1, published_at=timezone.now())
    section = Section.objects.create(version=version, title="Working with us", order=1)
    question = Question.objects.create(section=section, key=key, kind="likert", order=1,
                                       text="The social worker listened to me.")
    Question.objects.create(section=section, key="went-well", kind="text", text="What went well?", order=2)
    for day, choice in answers:
        response = Response.objects.create(survey=survey, version=version, submitted_on=day)
        Answer.objects.create(response=response, question=question, choice=choice)
    return survey


def make_return(organisation, *, year, source="cin", stage="cp_plan", counts):
    """A statutory return's counts at one stage: {ethnicity category key: children}."""
    data_import = DataImport.objects.create(
        organisation=organisation, kind=f"outcomes.{source}", filename=f"{source}-{year}.xml",
        content_hash=hashlib.sha256(f"{source}{year}".encode()).hexdigest(), status="succeeded")
    outcome_return = OutcomeReturn.objects.create(organisation=organisation, source=source, year=year,
                                                  area_code="E09000099", data_import=data_import,
                                                  children=sum(counts.values()))
    StageCount.objects.bulk_create(StageCount(outcome_return=outcome_return, stage=stage, ethnicity=ethnicity,
                                              age_band="10-15", sex="male", count=count)
                                   for ethnicity, count in counts.items())
    return outcome_return
