"""Pages and permissions: who sees which audit, bad input, lost updates, reports and downloads."""

import io
import json

import pytest
from django.core.management import call_command

from star.audits import services
from star.audits.models import Audit, CaseListEntry

from .conftest import CASE_LIST, start_programme
from .test_services import all_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def sampled_programme(world):
    programme = start_programme(world)
    services.programme_sample(programme=programme, user=world.lead, quota=2, stratify=False, seed=7)
    return programme


def test_an_auditor_sees_only_assigned_audits(client, world, sampled_programme):
    mine = sampled_programme.audits.filter(auditor=world.auditor).first()
    theirs = sampled_programme.audits.filter(auditor=world.moderator).first()
    client.force_login(world.auditor)
    assert client.get(f"/audits/{mine.pk}/").status_code == 200
    assert client.get(f"/audits/{theirs.pk}/").status_code == 403
    assert "Your audits to do" in client.get("/audits/").content.decode()


@pytest.mark.parametrize("role", ["senior_leader", "admin"])
def test_leaders_and_administrators_see_aggregates_but_no_audit(client, world, sampled_programme, make_user, role):
    client.force_login(make_user(role))
    assert client.get("/audits/report/").status_code == 200
    assert client.get(f"/audits/{sampled_programme.audits.first().pk}/").status_code == 403
    assert client.get(f"/audits/programmes/{sampled_programme.pk}/").status_code == 403


def test_a_practitioner_sees_only_submitted_audits_of_their_cases(client, world, sampled_programme):
    audit = sampled_programme.audits.first()
    CaseListEntry.objects.filter(pk=audit.case_id).update(worker=world.worker)
    client.force_login(world.worker)
    assert client.get(f"/audits/{audit.pk}/").status_code == 403
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                        grade_rationale="Good", submit=True)
    page = client.get(f"/audits/{audit.pk}/").content.decode()
    assert "Respond to the findings" in page
    other = sampled_programme.audits.exclude(pk=audit.pk).first()
    assert client.get(f"/audits/{other.pk}/").status_code == 403
    assert client.get("/audits/report/").status_code == 403


def test_submitting_with_blanks_keeps_what_was_typed_and_names_each_question(client, world, sampled_programme):
    audit = sampled_programme.audits.filter(auditor=world.auditor).first()
    question = next(iter(all_answers(audit)))
    client.force_login(world.auditor)
    response = client.post(f"/audits/{audit.pk}/", {
        "revision": 0, "action": "submit", f"q_{question}": "partly", f"e_{question}": "Listed, not analysed",
        "grade": "good", "grade_rationale": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Answer this question: met, partly met, not met or not applicable" in page
    assert "Say why you chose this grade" in page
    assert "Listed, not analysed" in page and 'value="partly" checked' in page
    assert not audit.answers.exists()


def test_a_lost_update_is_detected_and_explained(client, world, sampled_programme):
    audit = sampled_programme.audits.filter(auditor=world.auditor).first()
    question = next(iter(all_answers(audit)))
    client.force_login(world.auditor)
    client.post(f"/audits/{audit.pk}/", {"revision": 0, "action": "save", f"q_{question}": "met"})
    response = client.post(f"/audits/{audit.pk}/", {"revision": 0, "action": "save", f"q_{question}": "not_met",
                                                     f"e_{question}": "Typed in the other tab"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "after you opened it" in page and "Typed in the other tab" in page
    assert audit.answers.get(question_id=question).value == "met"


def test_editing_a_submitted_audit_is_refused(client, world, sampled_programme):
    audit = sampled_programme.audits.filter(auditor=world.auditor).first()
    services.audit_save(audit=audit, user=world.auditor, revision=0, answers=all_answers(audit), grade="good",
                        grade_rationale="Good", submit=True)
    client.force_login(world.auditor)
    assert client.post(f"/audits/{audit.pk}/", {"revision": 1, "action": "save"}).status_code == 403
    client.post(f"/audits/{audit.pk}/addendum/", {"text": "Plan updated after the audit."})
    assert audit.addenda.get().text == "Plan updated after the audit."


def test_case_list_upload_with_errors_shows_the_rows(client, world):
    programme = start_programme(world)
    second = services.programme_create(user=world.lead, name="Second", kind="thematic", theme="t",
                                       period_start=programme.period_start, period_end=programme.period_end,
                                       auditors=[world.auditor])
    client.force_login(world.lead)
    upload = io.BytesIO(b"case_reference,team,worker,ethnicity,stage\nNB-1,Team A,,BCRB,Never\n")
    upload.name = "cases.csv"
    response = client.post(f"/audits/programmes/{second.pk}/cases/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Not imported" in page and "Never" in page
    assert not second.cases.exists()


def test_reports_download_as_csv_xlsx_and_pdf(client, world, sampled_programme):
    for audit in sampled_programme.audits.all():
        services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                            grade_rationale="Good", submit=True)
    client.force_login(world.lead)
    page = client.get(f"/audits/programmes/{sampled_programme.pk}/report/").content.decode()
    assert "Are the standards met equally for every child?" in page
    csv = client.get("/audits/report.csv").content.decode()
    assert "Standards met" in csv and "By the child" in csv
    assert client.get("/audits/report.xlsx")["Content-Type"].startswith("application/vnd.openxml")
    assert client.get(f"/audits/programmes/{sampled_programme.pk}/report.pdf").content.startswith(b"%PDF")


def test_api_programmes_audits_and_report(client, world, sampled_programme, make_user):
    client.force_login(world.lead)
    programmes = client.get("/api/v1/audits/programmes").json()
    assert programmes[0]["sample_seed"] == 7
    audit = sampled_programme.audits.first()
    body = client.get(f"/api/v1/audits/audits/{audit.pk}").json()
    assert len(body["answers"]) == 17 and body["case_reference"] == audit.case.case_reference
    client.force_login(world.worker)
    assert client.get(f"/api/v1/audits/audits/{audit.pk}").status_code == 404
    assert client.get("/api/v1/audits/report").status_code == 403
    client.force_login(make_user("senior_leader"))
    assert "rows" in json.loads(client.get("/api/v1/audits/report").content)


def test_star_audits_import_cases_command(world, tmp_path):
    programme = start_programme(world)
    second = services.programme_create(user=world.lead, name="Second", kind="routine", theme="",
                                       period_start=programme.period_start, period_end=programme.period_end,
                                       auditors=[world.auditor])
    path = tmp_path / "cases.csv"
    path.write_text(CASE_LIST)
    out = io.StringIO()
    call_command("audits", "import-cases", str(path), "--programme", str(second.pk), stdout=out)
    assert second.cases.count() == 7
    assert Audit.objects.count() == 0


def test_an_action_owner_is_told_and_marks_it_done(client, world, sampled_programme):
    from datetime import date

    from star.audits.models import AuditAction
    from star.core.models import Notification

    audit = sampled_programme.audits.filter(auditor=world.auditor).first()
    services.learning_point_add(audit=audit, user=world.auditor, text="Interpreters not booked.",
                                tags=["Interpreters"], action="Share the booking route", action_owner=world.manager,
                                action_due=date(2027, 1, 31))
    notice = Notification.objects.get(user=world.manager)
    assert notice.message == "You have an action from a case audit, due 31 January 2027"
    action = AuditAction.objects.get()
    assert action.learning_point.tags == ["interpreters"]
    client.force_login(world.moderator)
    assert client.post(f"/audits/actions/{action.pk}/", {"status": "done"}).status_code == 403
    client.force_login(world.manager)
    assert "Share the booking route" in client.get("/audits/").content.decode()
    client.post(f"/audits/actions/{action.pk}/", {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"


def test_a_draft_takes_new_standards_and_loses_others(client, world):
    from star.audits.models import StandardsVersion

    draft = services.standards_version_copy(version=StandardsVersion.objects.get(organisation=world.organisation),
                                            user=world.lead)
    client.force_login(world.lead)
    response = client.post(f"/audits/standards/{draft.number}/new-standard/", {"title": "Faith is respected",
                                                                                "questions": ""})
    assert "Enter at least one audit question" in response.content.decode()
    client.post(f"/audits/standards/{draft.number}/new-standard/", {
        "title": "Faith is respected", "questions": "Faith needs are met\nDiet is respected"})
    added = draft.standards.get(key="faith-is-respected")
    assert list(added.questions.values_list("text", flat=True)) == ["Faith needs are met", "Diet is respected"]
    client.post(f"/audits/standards/standard/{added.pk}/", {"action": "remove"})
    assert not draft.standards.filter(key="faith-is-respected").exists()
    published = StandardsVersion.objects.get(organisation=world.organisation, status="published")
    assert client.get(f"/audits/standards/{published.number}/new-standard/").status_code == 403


def test_star_audits_remind_reminds_action_owners_once(world, sampled_programme):
    from datetime import date

    from star.core.models import Notification

    audit = sampled_programme.audits.first()
    services.learning_point_add(audit=audit, user=audit.auditor, text="Interpreters.", tags=[],
                                action="Share the booking route", action_owner=world.manager,
                                action_due=date(2026, 1, 1))
    out = io.StringIO()
    call_command("audits", "remind", stdout=out)
    call_command("audits", "remind", stdout=out)
    assert out.getvalue().splitlines() == ["Sent 1 reminder.", "Sent 0 reminders."]
    assert Notification.objects.filter(user=world.manager, message__startswith="An action from a case audit was due")\
        .count() == 1


def test_the_openapi_document_lists_the_practice_and_audits_operations(client, world):
    client.force_login(world.lead)
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/practice/reflections", "/api/v1/practice/commitments", "/api/v1/practice/team",
                 "/api/v1/audits/programmes", "/api/v1/audits/audits/{audit_id}", "/api/v1/audits/report"):
        assert path in paths, path
