"""Who can read what: content belongs to its people, not to managers or administrators."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from star.core.tests.factories import OrganisationFactory, UserFactory
from star.practice import selectors, services

pytestmark = pytest.mark.django_db


def reflect(author, text="I noticed I read Mum's directness as hostility."):
    return services.reflection_create(author=author, text=text, indicator_keys=["think-yourself-1"],
                                      lens_keys=["anti_racist"])


def test_a_reflection_is_private_to_its_author(small_team, make_user):
    reflection = reflect(small_team.alice)
    admin = make_user("admin")
    assert small_team.alice.has_perm("practice.view_reflection", reflection)
    for someone in (small_team.manager, small_team.bob, admin):
        assert not someone.has_perm("practice.view_reflection", reflection), someone
        with pytest.raises(PermissionDenied):
            selectors.reflection_for(someone, reflection.pk)


def test_manager_cannot_read_an_unshared_reflection_but_can_once_it_is_shared(small_team):
    reflection = reflect(small_team.alice)
    assert not small_team.manager.has_perm("practice.view_reflection", reflection)
    services.reflection_share(reflection=reflection, user=small_team.alice, shared_with=small_team.manager,
                              kind="supervisor")
    assert small_team.manager.has_perm("practice.view_reflection", reflection)
    assert not small_team.manager.has_perm("practice.change_reflection", reflection)


def test_a_colleague_loses_access_after_unsharing(small_team):
    reflection = reflect(small_team.alice)
    share = services.reflection_share(reflection=reflection, user=small_team.alice, shared_with=small_team.bob,
                                      kind="colleague")
    assert selectors.reflection_for(small_team.bob, reflection.pk) == reflection
    services.reflection_unshare(reflection=reflection, user=small_team.alice, share_id=share.pk)
    with pytest.raises(PermissionDenied):
        selectors.reflection_for(small_team.bob, reflection.pk)
    assert list(selectors.reflections_shared_with(small_team.bob)) == []


def test_only_the_author_can_share_or_unshare(small_team):
    reflection = reflect(small_team.alice)
    with pytest.raises(PermissionDenied):
        services.reflection_share(reflection=reflection, user=small_team.bob, shared_with=small_team.bob,
                                  kind="colleague")


def test_nobody_in_another_organisation_can_be_given_a_reflection(small_team):
    outsider = UserFactory(organisation=OrganisationFactory(), roles=["practitioner"])
    reflection = reflect(small_team.alice)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.reflection_share(reflection=reflection, user=small_team.alice, shared_with=outsider,
                                  kind="colleague")


def test_reads_by_anyone_but_the_author_are_in_the_audit_trail(small_team):
    reflection = reflect(small_team.alice)
    services.reflection_share(reflection=reflection, user=small_team.alice, shared_with=small_team.manager,
                              kind="supervisor")
    accesses = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(reflection.pk))
    selectors.reflection_for(small_team.alice, reflection.pk)
    assert accesses.count() == 0
    selectors.reflection_for(small_team.manager, reflection.pk)
    assert list(accesses.values_list("actor__username", flat=True)) == ["manager1"]


def test_the_audit_trail_never_holds_the_words_of_a_reflection(small_team):
    secret = "words only the author should ever see"
    reflection = reflect(small_team.alice, text=secret)
    services.reflection_update(reflection=reflection, user=small_team.alice, text=secret + " (edited)",
                               indicator_keys=["think-yourself-1"])
    entries = LogEntry.objects.filter(object_pk=str(reflection.pk))
    assert entries.count() >= 2
    assert not any(secret in str(entry.changes) for entry in entries)


def supervise(team, supervisee, **changes):
    from django.utils import timezone

    values = {"held_on": timezone.localdate(), "case_references": ["NB-204518"], "race_identity_discussed": True,
              "trauma_considered": False, "wider_system_considered": True,
              "summary": "We discussed the family's faith and the interpreter.",
              "feedback": "You noticed the language you used in the referral; keep doing that.",
              "lens_keys": ["anti_racist"], "indicator_keys": ["act-yourself-1"]}
    values.update(changes)
    return services.supervision_record(supervisor=team.manager, supervisee=supervisee, **values)


def test_a_supervision_record_is_for_its_supervisor_and_supervisee_only(small_team, make_user):
    record = supervise(small_team, small_team.alice)
    assert small_team.manager.has_perm("practice.view_supervision", record)
    assert small_team.alice.has_perm("practice.view_supervision", record)
    for someone in (small_team.bob, make_user("admin"), make_user("senior_leader"), make_user("practice_lead")):
        assert not someone.has_perm("practice.view_supervision", record), someone


def test_the_supervisees_read_of_a_supervision_record_is_audit_trailed(small_team):
    record = supervise(small_team, small_team.alice)
    selectors.supervision_for(small_team.manager, record.pk)
    selectors.supervision_for(small_team.alice, record.pk)
    readers = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(record.pk))
    assert list(readers.values_list("actor__username", flat=True)) == ["alice"]


def test_a_manager_can_record_supervision_only_for_their_direct_reports(small_team, make_user):
    from django.core.exceptions import ValidationError

    stranger = make_user("practitioner")
    with pytest.raises(ValidationError, match="report to you"):
        supervise(small_team, stranger)
    with pytest.raises(PermissionDenied):
        services.supervision_record(supervisor=small_team.bob, supervisee=small_team.alice, held_on=None,
                                    case_references=[], race_identity_discussed=True, trauma_considered=True,
                                    wider_system_considered=True, summary="x", feedback="y")


def test_team_figures_are_for_managers_and_leaders_not_practitioners(small_team, make_user):
    assert small_team.manager.has_perm("practice.view_team")
    for role in ("practice_lead", "senior_leader", "admin"):
        assert make_user(role).has_perm("practice.view_team"), role
    assert not small_team.alice.has_perm("practice.view_team")
