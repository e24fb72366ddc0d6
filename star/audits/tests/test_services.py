"""Programmes, case lists, sampling, the audit form, safeguarding, moderation and lost updates."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from star.audits import services
from star.audits.models import Audit, CaseListEntry, Question, StandardsVersion
from star.core.imports import import_file
from star.core.models import Notification

from .conftest import CASE_LIST, start_programme

pytestmark = pytest.mark.django_db


def all_answers(audit, value="met"):
    return {pk: (value, "Seen in the assessment.") for pk in
            Question.objects.filter(standard__version=audit.programme.standards_version).values_list("pk", flat=True)}


def test_the_starter_set_is_published_with_questions_and_links_to_star(world):
    version = StandardsVersion.objects.get(organisation=world.organisation)
    assert version.status == "published" and version.is_starter
    assert version.standards.count() == 9
    assert all(standard.questions.exists() and standard.indicator_keys for standard in version.standards.all())


def test_a_draft_copy_can_be_edited_and_published_and_the_old_version_retires(world):
    old = StandardsVersion.objects.get(organisation=world.organisation)
    draft = services.standards_version_copy(version=old, user=world.lead)
    standard = draft.standards.first()
    services.standard_update(standard=standard, user=world.lead, title="Identity recorded", description="",
                             guidance="", indicator_keys=["think-yourself-1"], questions=["Is it recorded?"])
    with pytest.raises(ValidationError):
        services.standard_update(standard=old.standards.first(), user=world.lead, title="x", description="",
                                 guidance="", indicator_keys=[], questions=["q"])
    services.standards_version_publish(version=draft, user=world.lead)
    old.refresh_from_db()
    assert (old.status, draft.status) == ("retired", "published")


def test_a_malformed_case_list_imports_nothing_and_names_each_row(world):
    programme = start_programme(world)
    bad = ("case_reference,team,worker,ethnicity,stage\n"
           "NB-200001,Team A,,BCRB,Child in need\n"
           "not a ref!,Team A,,WBRI,Child in need\n"
           "NB-200001,Team B,,XXXX,Sometimes\n")
    failed = import_file(organisation=world.organisation, kind="audits.cases", data=bad.encode(), filename="bad.csv",
                         params={"programme": programme.pk})
    assert failed.status == "failed"
    messages = {(error["row"], error["field"]) for error in failed.errors}
    assert {(3, "case_reference"), (4, "case_reference"), (4, "stage")} <= messages
    assert CaseListEntry.objects.filter(programme=programme).count() == 7  # the earlier list is untouched


def test_the_case_list_matches_teams_and_workers(world):
    programme = start_programme(world)
    entry = programme.cases.get(case_reference="NB-100001")
    assert (entry.team, entry.worker, entry.ethnicity) == (world.team_a, world.worker, "black_caribbean")
    assert programme.cases.get(case_reference="NB-100007").worker is None


def test_sampling_records_its_seed_and_reproduces(world, organisation, make_user):
    programme = start_programme(world)
    audits = services.programme_sample(programme=programme, user=world.lead, quota=2, stratify=True, seed=99)
    programme.refresh_from_db()
    assert (programme.sample_seed, len(audits)) == (99, 4)
    chosen = sorted(audit.case.case_reference for audit in audits)
    again = start_programme(world)
    repeat = services.programme_sample(programme=again, user=world.lead, quota=2, stratify=True, seed=99)
    assert sorted(audit.case.case_reference for audit in repeat) == chosen
    with pytest.raises(ValidationError, match="already has its sample"):
        services.programme_sample(programme=programme, user=world.lead, quota=2, stratify=True)


def test_nobody_audits_a_case_allocated_to_them(world):
    programme = start_programme(world)
    programme.auditors.add(world.worker)
    for audit in services.programme_sample(programme=programme, user=world.lead, quota=5, stratify=False, seed=3):
        assert audit.auditor_id != audit.case.worker_id


def test_manual_additions_need_a_reason(world):
    programme = start_programme(world)
    services.programme_sample(programme=programme, user=world.lead, quota=1, stratify=False, seed=5)
    missing = programme.cases.exclude(audits__isnull=False).first()
    with pytest.raises(ValidationError, match="why"):
        services.audit_add_manual(programme=programme, user=world.lead, case_reference=missing.case_reference,
                                  reason=" ")
    audit = services.audit_add_manual(programme=programme, user=world.lead, case_reference=missing.case_reference,
                                      reason="Raised at the practice forum")
    assert audit.manual_reason == "Raised at the practice forum"


def sampled(world, **kwargs) -> Audit:
    programme = start_programme(world, **kwargs)
    services.programme_sample(programme=programme, user=world.lead, quota=1, stratify=False, seed=11)
    return programme.audits.filter(auditor=world.auditor).first() or programme.audits.first()


def test_an_audit_cannot_be_submitted_with_unanswered_questions(world):
    audit = sampled(world)
    answers = all_answers(audit)
    answers.pop(next(iter(answers)))
    with pytest.raises(ValidationError, match="1 not answered"):
        services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=answers, grade="good",
                            grade_rationale="Solid", submit=True)
    audit.refresh_from_db()
    assert audit.status == "not_started" and audit.revision == 0


def test_two_auditors_editing_at_once_lose_nothing_silently(world):
    audit = sampled(world)
    first_view = second_view = audit.revision
    services.audit_save(audit=audit, user=audit.auditor, revision=first_view, answers=all_answers(audit, "met"))
    with pytest.raises(services.EditConflict, match="after you opened it"):
        services.audit_save(audit=Audit.objects.get(pk=audit.pk), user=audit.auditor, revision=second_view,
                            answers=all_answers(audit, "not_met"))
    assert set(audit.answers.values_list("value", flat=True)) == {"met"}


def test_a_submitted_audit_is_locked_and_takes_addenda(world):
    audit = sampled(world)
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                        grade_rationale="Identity is analysed throughout.", submit=True)
    with pytest.raises(PermissionDenied):
        services.audit_save(audit=audit, user=audit.auditor, revision=audit.revision, answers=all_answers(audit))
    addendum = services.audit_addendum_add(audit=audit, user=audit.auditor, text="The plan was updated since.")
    assert addendum.audit == audit
    answer = audit.answers.first()
    assert answer.answered_by == audit.auditor and answer.answered_at is not None


def test_a_safeguarding_concern_alerts_the_team_manager_and_practice_lead_at_once(world):
    audit = sampled(world)
    audit.case.team = world.team_a
    audit.case.save()
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers={}, safeguarding_concern=True,
                        safeguarding_note="Unassessed risk from a new partner.")
    alerted = set(Notification.objects.values_list("user__username", flat=True))
    assert alerted == {"teammanager", "lead"}
    assert "Unassessed" not in " ".join(Notification.objects.values_list("message", flat=True))
    assert world.manager.has_perm("audits.view_audit", audit)


def test_a_moderated_audit_gets_an_independent_second_auditor_and_a_resolution(world):
    audit = sampled(world, moderation_share=100)
    assert audit.needs_moderation
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                        grade_rationale="Good", submit=True)
    moderation = audit.moderation
    assert moderation.auditor not in (audit.auditor, None)
    assert not moderation.auditor.has_perm("audits.view_audit", audit)
    with pytest.raises(ValidationError):
        services.moderation_resolve(audit=audit, user=world.lead, agreed_grade="good", notes="x")
    services.audit_save(audit=moderation, user=moderation.auditor, revision=0,
                        answers=all_answers(moderation, "partly"), grade="requires_improvement",
                        grade_rationale="Mostly listed", submit=True)
    resolution = services.moderation_resolve(audit=audit, user=world.lead, agreed_grade="requires_improvement",
                                             notes="Agreed at panel: analysis thin.")
    assert resolution.agreed_grade == "requires_improvement"


def test_the_practitioner_responds_only_to_submitted_audits_of_their_cases(world):
    audit = sampled(world)
    owner = world.worker
    CaseListEntry.objects.filter(pk=audit.case_id).update(worker=owner)
    audit = Audit.objects.get(pk=audit.pk)
    assert not owner.has_perm("audits.view_audit", audit)
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                        grade_rationale="Good", submit=True)
    assert owner.has_perm("audits.view_audit", audit)
    services.audit_respond(audit=audit, user=owner, response="I agree, and I have updated the plan.")
    with pytest.raises(PermissionDenied):
        services.audit_respond(audit=audit, user=world.other_worker, response="Not mine")


def test_the_same_case_list_for_a_second_programme_is_imported_not_skipped(world):
    start_programme(world)
    second = start_programme(world)
    assert second.cases.count() == len(CASE_LIST.strip().splitlines()) - 1


def test_the_audit_trail_records_who_answered_but_never_the_findings(world):
    from auditlog.models import LogEntry

    audit = sampled(world)
    answers = {pk: ("not_met", "SECRET-EVIDENCE about the family") for pk in all_answers(audit)}
    services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=answers, grade="inadequate",
                        grade_rationale="SECRET-RATIONALE", safeguarding_concern=True,
                        safeguarding_note="SECRET-CONCERN", submit=True)
    entries = LogEntry.objects.filter(actor=audit.auditor)
    assert entries.filter(content_type__model="answer").count() == len(answers)
    assert not any("SECRET" in str(entry.changes) for entry in entries)


def test_closing_a_programme_keeps_only_the_audited_cases(world):
    programme = start_programme(world)
    audits = services.programme_sample(programme=programme, user=world.lead, quota=1, stratify=False, seed=2)
    with pytest.raises(ValidationError, match="every audit"):
        services.programme_close(programme=programme, user=world.lead)
    for audit in audits:
        services.audit_save(audit=audit, user=audit.auditor, revision=0, answers=all_answers(audit), grade="good",
                            grade_rationale="Good", submit=True)
    assert services.programme_close(programme=programme, user=world.lead) == 7 - len(audits)
    assert set(programme.cases.values_list("pk", flat=True)) == {audit.case_id for audit in audits}
    with pytest.raises(ValidationError, match="closed"):
        services.audit_add_manual(programme=programme, user=world.lead, case_reference="NB-100001", reason="x")
    with pytest.raises(PermissionDenied):
        services.programme_close(programme=programme, user=world.auditor)


def test_auditors_can_change_but_nobody_is_removed_with_work_outstanding(world, make_user):
    programme = start_programme(world)
    services.programme_sample(programme=programme, user=world.lead, quota=1, stratify=False, seed=2)
    with pytest.raises(ValidationError, match="still has audits to submit"):
        services.programme_auditors_set(programme=programme, user=world.lead, auditors=[world.lead])
    newcomer = make_user("manager", first_name="Nia", last_name="Scott")
    services.programme_auditors_set(programme=programme, user=world.lead,
                                    auditors=[world.auditor, world.moderator, newcomer])
    audit = programme.audits.first()
    services.audit_reassign(audit=audit, user=world.lead, auditor=newcomer)
    assert Audit.objects.get(pk=audit.pk).auditor == newcomer
    assert Notification.objects.filter(user=newcomer, url=f"/audits/{audit.pk}/").exists()
    with pytest.raises(ValidationError, match="programme's auditors"):
        services.audit_reassign(audit=audit, user=world.lead, auditor=world.worker)
