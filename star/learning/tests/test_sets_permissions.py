"""What is said in a set stays in the set: not for learning leads, administrators or other sets; other
organisations get nothing at all; every read of the content is in the audit trail, and the words never are."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.learning.models import LearningSet, SetCommitment, SetMeeting
from star.learning.selectors import sets as selectors
from star.learning.services import sets as services

from .test_sets_support import build_set, record

pytestmark = pytest.mark.django_db

RULES = "We keep what is said in the room. We speak from our own experience."
NOTES = "Bola brought the strategy meeting where the school described a Black boy as aggressive."
ACTION = "Challenge adultifying language in the next strategy meeting"
REFLECTION = "I named it and the chair changed the minutes"
SECRETS = (RULES, NOTES, ACTION, REFLECTION)


@pytest.fixture
def a_set(make_user):
    a_set = build_set(make_user)
    alice, bola = a_set.members[:2]
    services.ground_rules_save(learning_set=a_set.learning_set, user=a_set.facilitator, text=RULES)
    record(a_set, weeks=20, presenters=[bola], notes=NOTES, commitments={alice: ACTION})
    record(a_set, weeks=14, presenters=[alice], notes="Second meeting notes",
           reviews={SetCommitment.objects.get(member=alice): ("in_progress", REFLECTION)})
    return a_set


def _pages(learning_set):
    pk = learning_set.pk
    return {
        "meeting": reverse("learning:set_meeting", args=[pk, 1]),
        "record": reverse("learning:set_meeting_new", args=[pk]),
        "rules": reverse("learning:set_ground_rules", args=[pk]),
        "calendar": reverse("learning:set_calendar", args=[pk]),
    }


def _assert_no_content(html: str):
    for secret in (*SECRETS, "Second meeting notes"):
        assert secret not in html


@pytest.mark.parametrize("role", ["learning_lead", "admin"])
def test_learning_leads_and_admins_see_metadata_only(client, a_set, make_user, role):
    someone = make_user(role, username=f"another-{role}")
    assert someone.has_perm("learning.view_set", a_set.learning_set)
    assert not someone.has_perm("learning.view_set_content", a_set.learning_set)
    client.force_login(someone)
    response = client.get(reverse("learning:set", args=[a_set.learning_set.pk]))
    assert response.status_code == 200
    assert response.templates[0].name == "learning/sets/overview.html"
    html = response.content.decode()
    assert "confidential to its members and facilitator" in html
    assert "Alice Member" in html and "Meetings and attendance" in html
    assert "4 of 4" in html  # attendance counts are metadata
    _assert_no_content(html)
    assert "Presented" not in html and "Ground rules" not in html
    for name, url in _pages(a_set.learning_set).items():
        assert client.get(url).status_code == 403, name
    commitment = SetCommitment.objects.get()
    assert client.get(reverse("learning:set_commitment_edit", args=[commitment.pk])).status_code == 403


def test_the_lead_who_set_it_up_sees_metadata_too(client, a_set):
    client.force_login(a_set.lead)
    html = client.get(reverse("learning:set", args=[a_set.learning_set.pk])).content.decode()
    _assert_no_content(html)
    html = client.get(reverse("learning:sets")).content.decode()
    assert a_set.learning_set.name in html
    _assert_no_content(html)


def test_members_and_the_facilitator_read_the_content(client, a_set):
    for insider in (a_set.members[0], a_set.members[3], a_set.facilitator):
        client.force_login(insider)
        response = client.get(reverse("learning:set", args=[a_set.learning_set.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert RULES in html and ACTION in html, insider
        assert NOTES in client.get(reverse("learning:set_meeting", args=[a_set.learning_set.pk, 1])).content.decode()
        meeting_2 = client.get(reverse("learning:set_meeting", args=[a_set.learning_set.pk, 2])).content.decode()
        assert REFLECTION in meeting_2


def test_a_member_of_another_set_and_other_colleagues_cannot_see_it(client, a_set, make_user):
    other = build_set(make_user, prefix="other-", name="Managers set")
    for someone in (other.members[0], other.facilitator, make_user("practitioner", username="colleague"),
                    make_user("senior_leader"), make_user("practice_lead", username="another-practice-lead")):
        assert not someone.has_perm("learning.view_set", a_set.learning_set)
        client.force_login(someone)
        assert client.get(reverse("learning:set", args=[a_set.learning_set.pk])).status_code == 403
        for url in _pages(a_set.learning_set).values():
            assert client.get(url).status_code == 403
        assert a_set.learning_set not in selectors.sets_of(someone)


@pytest.mark.parametrize("role", ["learning_lead", "admin", "practitioner"])
def test_another_organisations_people_get_404(client, a_set, role):
    outsider = UserFactory(organisation=OrganisationFactory(), roles=[role])
    client.force_login(outsider)
    pk = a_set.learning_set.pk
    assert client.get(reverse("learning:set", args=[pk])).status_code == 404
    for url in [*_pages(a_set.learning_set).values(), reverse("learning:set_members", args=[pk])]:
        assert client.get(url).status_code in (403, 404)
    if role == "learning_lead":
        assert client.get(reverse("learning:set_members", args=[pk])).status_code == 404
    commitment = SetCommitment.objects.get()
    assert client.get(reverse("learning:set_commitment_edit", args=[commitment.pk])).status_code == 404
    assert a_set.learning_set.name not in client.get(reverse("learning:sets")).content.decode()


def test_only_the_facilitator_writes_the_content(client, a_set):
    alice = a_set.members[0]
    client.force_login(alice)
    pages = _pages(a_set.learning_set)
    assert client.get(pages["record"]).status_code == 403
    assert client.get(pages["rules"]).status_code == 403
    assert client.get(pages["calendar"]).status_code == 200
    client.force_login(a_set.facilitator)
    assert client.get(pages["record"]).status_code == 200
    assert client.get(pages["rules"]).status_code == 200


# --- audit trail ----------------------------------------------------------------------------------

def _accesses(obj):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type=ContentType.objects.get_for_model(obj),
                                   object_pk=str(obj.pk))


def test_every_read_of_the_content_is_audit_trailed_and_metadata_reads_are_not(client, a_set):
    learning_set = a_set.learning_set
    client.force_login(a_set.lead)
    client.get(reverse("learning:set", args=[learning_set.pk]))
    assert not _accesses(learning_set).exists()
    alice = a_set.members[0]
    for reader in (alice, a_set.facilitator):
        client.force_login(reader)
        client.get(reverse("learning:set", args=[learning_set.pk]))
    assert list(_accesses(learning_set).order_by("pk").values_list("actor__username", flat=True)) == [
        alice.username, a_set.facilitator.username]
    client.force_login(alice)
    client.get(reverse("learning:set_meeting", args=[learning_set.pk, 1]))
    meeting = SetMeeting.objects.get(learning_set=learning_set, number=1)
    assert list(_accesses(meeting).values_list("actor__username", flat=True)) == [alice.username]


def test_the_audit_trail_records_changes_without_the_words(a_set):
    learning_set = a_set.learning_set
    services.ground_rules_save(learning_set=learning_set, user=a_set.facilitator, text=RULES + " Changed.")
    commitment = SetCommitment.objects.get()
    entries = LogEntry.objects.all()
    assert entries.filter(content_type=ContentType.objects.get_for_model(SetMeeting)).count() >= 2
    assert entries.filter(content_type=ContentType.objects.get_for_model(SetCommitment),
                          object_pk=str(commitment.pk)).count() >= 2
    rules_changed = entries.filter(content_type=ContentType.objects.get_for_model(LearningSet),
                                   object_pk=str(learning_set.pk), actor=a_set.facilitator)
    assert rules_changed.count() == 2  # recorded, then changed: who and when, not the words
    assert all(entry.changes_dict == {"ground_rules": [services.WORDS_NOT_KEPT, "changed"]}
               for entry in rules_changed)
    services.commitment_update(commitment=SetCommitment.objects.create(
        meeting=SetMeeting.objects.get(number=2), member=a_set.members[1], action="Bola's first words"),
        user=a_set.members[1], action=ACTION + " again")
    assert entries.filter(actor=a_set.members[1], changes__icontains="action").exists()
    for entry in entries:
        text = f"{entry.changes}"
        for secret in (*SECRETS, "Second meeting notes"):
            assert secret not in text, entry


def test_the_audit_trail_never_names_a_commitment_by_its_words(a_set):
    assert not any(ACTION in entry.object_repr for entry in LogEntry.objects.all())
