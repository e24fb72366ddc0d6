"""Pages: bad input gets a clear message and keeps what the person typed; content stays with its people."""

from datetime import timedelta

import pytest
from django.utils import timezone

from star.practice import selectors, services
from star.practice.models import Commitment, Reflection

from .test_permissions import reflect, supervise

pytestmark = pytest.mark.django_db
STAR_SETTINGS = {"CASE_REFERENCE_PATTERN": r"^NB-[0-9]{6}$", "CASE_REFERENCE_EXAMPLE": "NB-204518"}


@pytest.fixture
def alice_client(client, small_team):
    client.force_login(small_team.alice)
    return client


def test_an_empty_reflection_is_refused_and_nothing_typed_is_lost(alice_client):
    response = alice_client.post("/practice/reflections/new/", {
        "text": "", "indicators": ["think-yourself-1"], "case_reference": "NB-204518",
        "learning_activity": "Anti-racism workshop"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Write your reflection" in page
    assert 'value="NB-204518"' in page and 'value="Anti-racism workshop"' in page
    assert 'value="think-yourself-1" checked' in page
    assert not Reflection.objects.exists()


def test_an_oversized_reflection_is_refused_with_the_limit(alice_client):
    text = "Too long. " * 1_001
    response = alice_client.post("/practice/reflections/new/", {"text": text, "indicators": ["think-yourself-1"]})
    page = response.content.decode()
    assert "Your reflection must be 10,000 characters or fewer" in page
    assert text.strip()[:200] in page
    assert not Reflection.objects.exists()


def test_a_case_reference_in_the_wrong_format_is_explained(alice_client, settings):
    settings.STAR = {**settings.STAR, **STAR_SETTINGS}
    response = alice_client.post("/practice/reflections/new/", {
        "text": "Reflection on the visit.", "indicators": ["think-yourself-1"], "case_reference": "Jane's file"})
    page = response.content.decode()
    assert "like NB-204518" in page and "JANE&#x27;S FILE" in page
    assert "Reflection on the visit." in page
    response = alice_client.post("/practice/reflections/new/", {
        "text": "Reflection on the visit.", "indicators": ["think-yourself-1"], "case_reference": "nb-204518"})
    assert response.status_code == 302
    assert Reflection.objects.get().case_reference == "NB-204518"


def test_a_commitment_due_in_the_past_is_refused_and_kept(alice_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    response = alice_client.post("/practice/commitments/new/", {
        "action": "I will ask the family who matters to them.", "due_on": yesterday.isoformat(),
        "measure": "The network meeting list has more than parents on it.", "indicators": ["act-yourself-1"]})
    page = response.content.decode()
    assert "The ‘by when’ date must be today or in the future" in page
    assert "I will ask the family who matters to them." in page and yesterday.isoformat() in page
    assert not Commitment.objects.exists()


def test_html_in_a_reflection_is_shown_as_text_everywhere(alice_client, small_team):
    reflection = reflect(small_team.alice, text="<script>alert('x')</script> & notes")
    for url in (f"/practice/reflections/{reflection.pk}/", "/practice/record/", "/practice/"):
        page = alice_client.get(url).content.decode()
        assert "<script>alert" not in page, url
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; notes" in alice_client.get(
        f"/practice/reflections/{reflection.pk}/").content.decode()


def test_a_practitioner_cannot_read_a_colleagues_reflection_by_changing_the_id(client, small_team):
    reflection = reflect(small_team.alice)
    client.force_login(small_team.bob)
    assert client.get(f"/practice/reflections/{reflection.pk}/").status_code == 403
    assert client.get(f"/practice/reflections/{reflection.pk}/edit/").status_code == 403
    assert client.post(f"/practice/reflections/{reflection.pk}/delete/").status_code == 403
    assert Reflection.objects.filter(pk=reflection.pk).exists()


def test_sharing_by_email_and_taking_it_back(alice_client, client, small_team):
    reflection = reflect(small_team.alice)
    response = alice_client.post(f"/practice/reflections/{reflection.pk}/share/",
                                 {"with": "colleague", "email": "nobody@example.test"})
    assert response.status_code == 400
    assert "No one else in" in response.content.decode()
    response = alice_client.post(f"/practice/reflections/{reflection.pk}/share/",
                                 {"with": "colleague", "email": "BOB@example.test"})
    assert response.status_code == 302
    share = reflection.shares.get()
    assert share.shared_with == small_team.bob
    alice_client.post(f"/practice/reflections/{reflection.pk}/shares/{share.pk}/remove/")
    assert not reflection.shares.exists()


def test_share_with_supervisor_button(alice_client, small_team):
    reflection = reflect(small_team.alice)
    page = alice_client.get(f"/practice/reflections/{reflection.pk}/").content.decode()
    assert "Share with your supervisor, Ayo Patel" in page
    alice_client.post(f"/practice/reflections/{reflection.pk}/share/", {"with": "supervisor"})
    assert [item.kind for item in reflection.shares.all()] == ["supervisor"]


def test_manager_records_supervision_with_an_agreed_action_and_errors_keep_input(client, small_team):
    client.force_login(small_team.manager)
    today = timezone.localdate()
    form = {"supervisee": small_team.alice.pk, "held_on": today.isoformat(), "case_references": "NB-204518, 1234567",
            "race_identity_discussed": "yes", "trauma_considered": "no", "wider_system_considered": "yes",
            "lenses": ["anti_racist"], "indicators": ["act-yourself-1"], "summary": "We discussed adultification.",
            "feedback": "", "action_1": "Revisit the assessment wording.", "due_1": "",
            "measure_1": "Shared with me first."}
    page = client.post("/practice/supervision/new/", form).content.decode()
    assert "Write your reflective feedback to the supervisee" in page
    assert "Agreed action 1: enter the date by which it will be done" in page
    assert "We discussed adultification." in page and "Revisit the assessment wording." in page
    form.update(feedback="You named the pattern clearly.", due_1=(today + timedelta(days=14)).isoformat())
    response = client.post("/practice/supervision/new/", form)
    assert response.status_code == 302
    record = selectors.supervisions_given(small_team.manager).get()
    assert record.case_references == ["NB-204518", "1234567"]
    assert record.race_identity_discussed and not record.trauma_considered
    assert record.agreed_actions.get().owner == small_team.alice


def test_supervisee_acknowledges_in_the_browser_flow(client, small_team):
    record = supervise(small_team, small_team.alice)
    client.force_login(small_team.alice)
    assert "Read and acknowledge your supervision" in client.get("/practice/").content.decode()
    client.post(f"/practice/supervision/{record.pk}/acknowledge/", {"comment": "Agreed."})
    record.refresh_from_db()
    assert record.acknowledged_at is not None and record.supervisee_comment == "Agreed."
    assert client.get(f"/practice/supervision/{record.pk}/edit/").status_code == 403


def test_the_record_downloads_as_a_pdf_of_ones_own_records(alice_client, small_team):
    reflect(small_team.alice)
    response = alice_client.get("/practice/record.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_team_page_and_csv_for_a_manager(client, small_team):
    for person in (small_team.alice, small_team.bob, small_team.cara):
        for _ in range(2):
            supervise(small_team, person)
    client.force_login(small_team.manager)
    page = client.get("/practice/team/").content.decode()
    assert "Team practice" in page and "Assessment Team 1" in page
    csv = client.get("/practice/team.csv").content.decode()
    assert "Race, culture and identity discussed" in csv
    assert "We discussed" not in page + csv


def test_notifications_page_marks_read(client, small_team):
    services.commitment_create(owner=small_team.alice, action="x", due_on=timezone.localdate(), measure="y",
                               indicator_keys=["act-yourself-1"])
    services.commitment_reminders_send()
    client.force_login(small_team.alice)
    assert "A STAR commitment was due on" in client.get("/account/notifications/").content.decode()
    client.post("/account/notifications/")
    assert small_team.alice.notifications.filter(read_at__isnull=True).count() == 0


def test_the_supervisor_reviews_the_supervisees_commitments_when_recording_supervision(client, small_team):
    services.commitment_create(owner=small_team.alice, action="Ask who matters to the family.",
                               due_on=timezone.localdate(), measure="y", indicator_keys=["act-yourself-1"])
    services.commitment_create(owner=small_team.bob, action="Bob's own commitment.",
                               due_on=timezone.localdate(), measure="y", indicator_keys=["act-yourself-1"])
    client.force_login(small_team.manager)
    assert "Record supervision for Alice Mensah" in client.get("/practice/supervision/").content.decode()
    page = client.get(f"/practice/supervision/new/?supervisee={small_team.alice.pk}").content.decode()
    assert "Commitments to review" in page and "Ask who matters to the family." in page
    assert "Bob&#x27;s own commitment." not in page
    client.force_login(small_team.bob)
    assert selectors.commitments_for_review(small_team.bob, small_team.alice.pk) == []


def test_opening_the_page_a_notification_points_at_marks_it_read(client, small_team):
    record = supervise(small_team, small_team.alice)
    client.force_login(small_team.alice)
    unread = small_team.alice.notifications.filter(read_at__isnull=True)
    assert unread.count() == 1
    client.get("/practice/")
    assert unread.count() == 1
    client.get(f"/practice/supervision/{record.pk}/")
    assert unread.count() == 0


def test_an_old_reflection_reads_as_written_after_a_new_framework_version(alice_client, small_team):
    from star.framework.services import framework_version_load, framework_version_publish

    from .test_services import _version_two_yaml

    reflection = reflect(small_team.alice)
    framework_version_publish(version=framework_version_load(text=_version_two_yaml()))
    page = alice_client.get(f"/practice/reflections/{reflection.pk}/").content.decode()
    assert "Made under version 1 of the STAR framework" in page
    assert "Reflect on your own biases, values and beliefs" in page
    assert "and privilege" not in page
    edit = alice_client.get(f"/practice/reflections/{reflection.pk}/edit/").content.decode()
    assert "Reflect on your own biases, values and beliefs" in edit and "and privilege" not in edit
