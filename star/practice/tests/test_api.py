"""/api/v1/practice: your own records, and team aggregates for those allowed."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from .test_permissions import reflect

pytestmark = pytest.mark.django_db


def test_practitioner_lists_and_creates_their_own_reflections(client, small_team):
    reflect(small_team.bob)
    client.force_login(small_team.alice)
    response = client.post("/api/v1/practice/reflections", json.dumps({
        "text": "Noticed the interpreter was a family friend.", "indicators": ["think-those-you-work-with-2"],
        "lenses": ["trauma_informed"], "case_reference": "NB-204518"}), content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["indicators"] == ["think-those-you-work-with-2"] and created["framework_version"] == 1
    listed = client.get("/api/v1/practice/reflections").json()
    assert [item["id"] for item in listed] == [created["id"]]


def test_another_persons_reflection_is_not_found(client, small_team):
    theirs = reflect(small_team.bob)
    client.force_login(small_team.alice)
    assert client.get(f"/api/v1/practice/reflections/{theirs.pk}").status_code == 404


def test_bad_reflections_and_commitments_are_refused_with_reasons(client, small_team):
    client.force_login(small_team.alice)
    response = client.post("/api/v1/practice/reflections", json.dumps({
        "text": "x", "indicators": ["not-an-indicator"]}), content_type="application/json")
    assert response.status_code == 422 and "current STAR framework" in response.json()["detail"]
    response = client.post("/api/v1/practice/commitments", json.dumps({
        "action": "I will", "measure": "I know", "indicators": ["act-yourself-1"],
        "due_on": (timezone.localdate() - timedelta(days=2)).isoformat()}), content_type="application/json")
    assert response.status_code == 422 and "today or in the future" in response.json()["detail"]


def test_commitments_by_status(client, small_team):
    client.force_login(small_team.alice)
    client.post("/api/v1/practice/commitments", json.dumps({
        "action": "I will ask who matters to the family.", "measure": "Network meeting held",
        "indicators": ["act-yourself-1"], "due_on": timezone.localdate().isoformat()}),
        content_type="application/json")
    assert len(client.get("/api/v1/practice/commitments?status=open").json()) == 1
    assert client.get("/api/v1/practice/commitments?status=done").json() == []


def test_team_figures_need_a_team_role(client, small_team):
    client.force_login(small_team.alice)
    assert client.get("/api/v1/practice/team").status_code == 403
    client.force_login(small_team.manager)
    body = client.get("/api/v1/practice/team").json()
    assert body["suppression_threshold"] == 5 and body["rows"]
    assert client.get("/api/v1/practice/team?quarter=2026-Q9").status_code == 422
