"""/api/v1/learning/sets: metadata for those who may see a set, content for its members and facilitator only."""

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from ninja.errors import HttpError

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning import api
from star.learning.models import SetCommitment

from .test_sets_support import build_set, record

pytestmark = pytest.mark.django_db

NOTES = "What was said in the room"
ACTION = "Ask the family how they describe themselves"


@pytest.fixture
def a_set(make_user):
    a_set = build_set(make_user)
    alice = a_set.members[0]
    record(a_set, weeks=20, presenters=[alice], notes=NOTES, commitments={alice: ACTION})
    record(a_set, weeks=14, reviews={SetCommitment.objects.get(): ("in_progress", "Started")})
    return a_set


def _call(view, user, *args):
    request = RequestFactory().get("/api/v1/learning/sets")
    request.user = user
    return view(request, *args)


def test_a_member_gets_the_content_and_the_read_is_audit_trailed(a_set):
    alice = a_set.members[0]
    data = _call(api.learning_set, alice, a_set.learning_set.pk)
    assert data["insider"] and data["meetings_held"] == 2 and data["members"] == 4
    assert [row["attended"] for row in data["meetings"]] == [4, 4]
    content = data["content"]
    assert content["meetings"][0]["notes"] == NOTES and content["meetings"][0]["presenters"] == ["Alice Member"]
    (commitment,) = content["to_review"]
    assert commitment["action"] == ACTION and commitment["review"] == "in_progress"
    assert commitment["made_at_meeting"] == 1 and commitment["reviewed_at_meeting"] == 2
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=alice,
                                   object_pk=str(a_set.learning_set.pk)).count() == 1


@pytest.mark.parametrize("role", ["learning_lead", "admin"])
def test_leads_and_admins_get_metadata_only(a_set, make_user, role):
    someone = make_user(role, username=f"api-{role}")
    data = _call(api.learning_set, someone, a_set.learning_set.pk)
    assert data["content"] is None and not data["insider"]
    assert [row["name"] for row in data["membership"]] == [person.get_full_name() for person in a_set.members]
    assert NOTES not in str(data) and ACTION not in str(data)
    assert [item["id"] for item in _call(api.learning_sets, someone)] == [a_set.learning_set.pk]
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


def test_anyone_else_gets_404(a_set, make_user):
    other = build_set(make_user, prefix="other-", name="Another set")
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["learning_lead"])
    for someone in (other.members[0], make_user("practitioner", username="colleague"), outsider):
        with pytest.raises(HttpError) as error:
            _call(api.learning_set, someone, a_set.learning_set.pk)
        assert error.value.status_code == 404
        assert a_set.learning_set.pk not in [item["id"] for item in _call(api.learning_sets, someone)]


def _mounted() -> bool:
    try:
        reverse("api-1:learning_sets")
    except NoReverseMatch:
        return False
    return True


def test_the_endpoints_answer_with_their_schemas(client, a_set):
    """Over HTTP once the learning router is mounted under /api/v1/; until then through ninja's test client."""
    pk = a_set.learning_set.pk
    if _mounted():
        def get(user, path):
            client.force_login(user)
            response = client.get(f"/api/v1/learning{path}")
            return response.status_code, response.json()
    else:
        from ninja.testing import TestClient

        ninja_client = TestClient(api.router)

        def get(user, path):
            response = ninja_client.get(path, user=user)
            return response.status_code, response.json()

    status, listed = get(a_set.lead, "/sets")
    assert status == 200 and listed[0]["name"] == a_set.learning_set.name and listed[0]["insider"] is False
    status, detail = get(a_set.lead, f"/sets/{pk}")
    assert status == 200 and detail["content"] is None and len(detail["membership"]) == 4
    status, detail = get(a_set.members[0], f"/sets/{pk}")
    assert status == 200 and detail["content"]["meetings"][0]["notes"] == NOTES
    assert detail["content"]["to_review"][0]["review_reflection"] == "Meeting 2 (In progress): Started"
    status, _ = get(UserFactory(organisation=OrganisationFactory(), roles=["admin"]), f"/sets/{pk}")
    assert status == 404
