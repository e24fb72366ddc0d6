"""Pages, permissions, downloads and the API: who reads and who changes, input kept on error, the PDF."""

import html
import re
from datetime import date

import pytest

from star.core import pdf
from star.core.services import api_token_create
from star.core.tests.factories import OrganisationFactory, UserFactory
from star.evaluation import services
from star.evaluation.models import Intervention, Measure, Review

from .conftest import intervention_for, make_survey, review_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(intervention, lead):
    """The support group with a count measure and its before and after reviews."""
    measure = services.measure_add(intervention=intervention, user=lead, kind="count",
                                   label="Members who feel safer to speak up")
    review_for(intervention, lead, "before", date(2025, 9, 1), date(2025, 9, 30), counts={measure.pk: (9, 17)},
               perspectives=["global_majority_staff"], perspectives_missing="We did not hear from agency staff.",
               changes="Invite agency staff.")
    review_for(intervention, lead, "after", date(2026, 7, 1), date(2026, 7, 31), counts={measure.pk: (14, 18)})
    return intervention


def test_the_list_shows_interventions_their_reviews_and_filters_by_status(client, reviewed, lead):
    intervention_for(lead, title="Schools and adultification", status="planned")
    client.force_login(lead)
    page = client.get("/evaluation/").content.decode()
    assert "Record an intervention" in page and "Racialised trauma support group" in page
    assert "Schools and adultification" in page and "Lena Grant" in page
    assert re.search(r">Before</strong><strong[^>]*>After</strong>", page)
    running = client.get("/evaluation/?status=running").content.decode()
    assert "Racialised trauma support group" in running and "Schools and adultification" not in running


def test_a_manager_reads_but_cannot_change(client, reviewed, make_user):
    client.force_login(make_user("manager"))
    assert "Record an intervention" not in client.get("/evaluation/").content.decode()
    page = client.get(f"/evaluation/{reviewed.pk}/").content.decode()
    assert "Racialised trauma support group" in page and "Change the intervention" not in page
    assert client.get(f"/evaluation/{reviewed.pk}/reviews/before/").status_code == 200
    assert client.get(f"/evaluation/{reviewed.pk}/summary/").status_code == 200
    measure = reviewed.measures.get()
    for url in ("/evaluation/new/", f"/evaluation/{reviewed.pk}/edit/", f"/evaluation/{reviewed.pk}/measures/new/",
                f"/evaluation/measures/{measure.pk}/", f"/evaluation/{reviewed.pk}/reviews/during/edit/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/evaluation/measures/{measure.pk}/remove/").status_code == 403
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_another_organisations_practice_lead_finds_nothing(client, reviewed):
    other = UserFactory(roles=["practice_lead"], organisation=OrganisationFactory(name="Eastmoor Council"))
    client.force_login(other)
    assert "Racialised trauma support group" not in client.get("/evaluation/").content.decode()
    for url in (f"/evaluation/{reviewed.pk}/", f"/evaluation/{reviewed.pk}/summary/",
                f"/evaluation/{reviewed.pk}/summary.pdf", f"/evaluation/{reviewed.pk}/reviews/before/edit/",
                f"/evaluation/measures/{reviewed.measures.get().pk}/"):
        assert client.get(url).status_code == 404, url


def test_a_practitioner_has_no_access(client, reviewed, make_user):
    client.force_login(make_user("practitioner"))
    assert client.get("/evaluation/").status_code == 403
    assert client.get(f"/evaluation/{reviewed.pk}/").status_code == 403


def test_the_intervention_form_keeps_what_was_typed(client, framework, lead):
    client.force_login(lead)
    response = client.post("/evaluation/new/", {
        "title": "Reverse mentoring for senior leaders", "kind": "reverse_mentoring", "purpose": "Leaders learn.",
        "intended_outcomes": "", "indicator_keys": ["evaluate-2"], "starts_on": "2026-03-01",
        "ends_on": "2026-02-01", "status": "planned"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say what outcomes the intervention intends" in page and "The end must be on or after the start" in page
    assert 'value="Reverse mentoring for senior leaders"' in page and "Leaders learn." in page
    assert 'value="evaluate-2" checked' in page and 'value="reverse_mentoring" checked' in page
    assert "How you evaluate" in page  # indicators are grouped by stage


def test_an_intervention_is_recorded_and_measured_through_the_pages(client, framework, lead):
    survey = make_survey(lead.organisation)
    client.force_login(lead)
    response = client.post("/evaluation/new/", {
        "title": "Anti-racist supervision pilot", "kind": "practice_pilot", "purpose": "Better supervision.",
        "intended_outcomes": "Families feel respected.", "indicator_keys": ["evaluate-1"], "partners": "Family Hub",
        "starts_on": "2025-12-01", "ends_on": "", "status": "running"})
    intervention = created(response)
    assert intervention.indicator_keys == ["evaluate-1"] and intervention.owner == lead
    response = client.post(f"/evaluation/{intervention.pk}/measures/new/", {
        "kind": "survey", "label": "Families who felt listened to", "survey_question": "", "direction": "higher"})
    assert response.status_code == 400 and "Choose the survey question" in response.content.decode()
    assert "Families who felt listened to" in response.content.decode()
    client.post(f"/evaluation/{intervention.pk}/measures/new/", {
        "kind": "survey", "label": "Families who felt listened to", "survey_question": f"{survey.pk}:listened-to",
        "direction": "higher"})
    measure = intervention.measures.get()
    assert (measure.survey, measure.question_key) == (survey, "listened-to")
    edit = client.get(f"/evaluation/measures/{measure.pk}/").content.decode()
    assert f'value="{survey.pk}:listened-to" selected' in edit
    edit = client.get(f"/evaluation/{intervention.pk}/edit/").content.decode()
    assert 'value="Anti-racist supervision pilot"' in edit and 'value="evaluate-1" checked' in edit
    page = client.get(f"/evaluation/{intervention.pk}/").content.decode()
    assert "Families who felt listened to" in page and "A survey question (share agreeing)" in page


def created(response) -> Intervention:
    assert response.status_code == 302
    return Intervention.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_the_review_form_keeps_what_was_typed_and_shows_the_count_error(client, intervention, lead):
    measure = services.measure_add(intervention=intervention, user=lead, kind="count", label="Members who feel safer")
    client.force_login(lead)
    response = client.post(f"/evaluation/{intervention.pk}/reviews/after/edit/", {
        "period_start": "2026-07-01", "period_end": "2026-07-31", "expected": "Most would feel safer.",
        "happened": "Fourteen said so.", "perspectives": ["staff", "leaders"],
        "perspectives_missing": "Agency staff.", f"count_{measure.pk}_x": "19", f"count_{measure.pk}_n": "18"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Members who feel safer: the number cannot be more than the total (18)" in page
    assert "Fourteen said so." in page and 'value="leaders" checked' in page and 'value="19"' in page
    assert not Review.objects.exists()
    response = client.post(f"/evaluation/{intervention.pk}/reviews/after/edit/", {
        "period_start": "2026-07-01", "period_end": "2026-07-31", "expected": "Most would feel safer.",
        "happened": "Fourteen said so.", f"count_{measure.pk}_x": "14", f"count_{measure.pk}_n": "18"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "After review" in page and "14 of 18 counted (77.8%)" in page


def test_a_service_refusal_shows_on_the_review_form(client, reviewed, lead):
    client.force_login(lead)
    response = client.post(f"/evaluation/{reviewed.pk}/reviews/during/edit/", {
        "period_start": "2026-07-15", "period_end": "2026-08-31", "expected": "Halfway.", "happened": "Overlap."})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "must end before the after review's period starts (1 July 2026)" in page and "Overlap." in page


def test_the_summary_page_csv_and_pdf(client, reviewed, lead, monkeypatch):
    client.force_login(lead)
    page = client.get(f"/evaluation/{reviewed.pk}/summary/").content.decode()
    assert "Before and after" in page and "+24.8 points" in page and "<svg" in page
    assert "We did not hear from agency staff." in page and "Invite agency staff." in page
    assert "Never gathered at any phase" in page and "Community groups" in page
    csv = client.get(f"/evaluation/{reviewed.pk}/summary.csv").content.decode()
    assert "Members who feel safer to speak up,A count we record (x of n),Before,9,17,52.9" in csv
    assert "Change after vs before" in csv

    fetched = []
    refuse = pdf._no_network

    def record(url, *args, **kwargs):
        fetched.append(url)
        return refuse(url)

    monkeypatch.setattr(pdf, "_no_network", record)
    response = client.get(f"/evaluation/{reviewed.pk}/summary.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert fetched == []
    assert client.get(f"/evaluation/{reviewed.pk}/summary.xlsx").status_code == 404


def test_the_api_lists_interventions_and_gives_the_summary_figures(client, reviewed, lead, make_user):
    assert client.get("/api/v1/evaluation/interventions").status_code == 401
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/evaluation/interventions", "/api/v1/evaluation/interventions/{intervention_id}/summary"} <= set(
        paths)
    _, secret = api_token_create(user=lead, name="Evaluation report")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    listed = client.get("/api/v1/evaluation/interventions", **auth).json()
    assert listed[0]["title"] == "Racialised trauma support group" and listed[0]["reviews"] == ["before", "after"]
    body = client.get(f"/api/v1/evaluation/interventions/{reviewed.pk}/summary", **auth).json()
    measure = body["measures"][0]
    assert measure["phases"]["before"]["figure"]["numerator"] == 9
    assert measure["phases"]["during"]["figure"] is None
    assert measure["change"]["figure"]["method"] == "newcombe_hybrid_score"
    assert body["perspectives"]["missing"] == {"Before": "We did not hear from agency staff."}
    other = UserFactory(roles=["practice_lead"], organisation=OrganisationFactory(name="Eastmoor Council"))
    client.force_login(other)
    assert client.get(f"/api/v1/evaluation/interventions/{reviewed.pk}/summary").status_code == 404
    client.force_login(make_user("practitioner"))
    assert client.get("/api/v1/evaluation/interventions").status_code == 403
