"""Writes: what each service stores, and the rules that hold however a record arrives."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from star.core.models import Notification
from star.framework.services import framework_version_load, framework_version_publish
from star.practice import selectors, services
from star.practice.models import Commitment

from .test_permissions import reflect, supervise

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def commit(owner, **changes):
    values = {"action": "I will book an interpreter who speaks Sylheti for every visit.",
              "due_on": TODAY() + timedelta(days=14), "measure": "Every visit note names the interpreter.",
              "indicator_keys": ["act-those-you-work-with-1"]}
    values.update(changes)
    return services.commitment_create(owner=owner, **values)


def test_a_reflection_keeps_its_tags_team_and_framework_version(small_team, framework):
    reflection = services.reflection_create(
        author=small_team.alice, text="Thinking about eye contact.", indicator_keys=["think-those-you-work-with-2"],
        lens_keys=["trauma_informed", "anti_racist"], case_reference="NB-204518", learning_activity="Show and Tell")
    assert reflection.framework_version == framework
    assert reflection.team == small_team.team
    assert sorted(lens.key for lens in reflection.lenses.all()) == ["anti_racist", "trauma_informed"]
    assert [item.key for item in reflection.indicators.all()] == ["think-those-you-work-with-2"]


def test_a_reflection_needs_an_indicator_of_the_current_framework(small_team):
    with pytest.raises(ValidationError, match="at least one"):
        services.reflection_create(author=small_team.alice, text="x", indicator_keys=[])
    with pytest.raises(ValidationError, match="current STAR framework"):
        services.reflection_create(author=small_team.alice, text="x", indicator_keys=["no-such-indicator"])


def test_old_records_keep_their_version_after_a_new_one_is_published(small_team, framework):
    reflection = reflect(small_team.alice)
    version_two = framework_version_load(text=_version_two_yaml())
    framework_version_publish(version=version_two)
    reflection.refresh_from_db()
    assert reflection.framework_version.number == 1
    assert reflection.indicators.get().text == "Reflect on your own biases, values and beliefs"
    newer = reflect(small_team.alice)
    assert newer.framework_version.number == 2
    assert newer.indicators.get().text == "Reflect on your own biases, values, beliefs and privilege"
    # "Not touched for a while" matches indicators by key, across versions.
    card = next(card for section in selectors.my_star(small_team.alice).sections for _, cards in section.levels
                for card in cards if card.indicator.key == "think-yourself-1")
    assert card.recent == 2


def _version_two_yaml() -> str:
    from pathlib import Path

    import star.framework

    source = (Path(star.framework.__file__).parent / "versions" / "star-v1.yaml").read_text()
    return (source.replace("version: 1\n", "version: 2\n", 1)
            .replace("text: Reflect on your own biases, values and beliefs\n",
                     "text: Reflect on your own biases, values, beliefs and privilege\n", 1))


def test_a_commitment_cannot_be_due_in_the_past(small_team):
    with pytest.raises(ValidationError, match="today or in the future"):
        commit(small_team.alice, due_on=TODAY() - timedelta(days=1))
    assert commit(small_team.alice, due_on=TODAY()).status == Commitment.Status.OPEN


def test_dropping_a_commitment_needs_a_reason_and_reopening_clears_it(small_team):
    commitment = commit(small_team.alice)
    with pytest.raises(ValidationError, match="why"):
        services.commitment_close(commitment=commitment, user=small_team.alice, status="dropped", reason=" ")
    services.commitment_close(commitment=commitment, user=small_team.alice, status="dropped",
                              reason="The case transferred to another team.")
    assert (commitment.status, commitment.closed_on) == ("dropped", TODAY())
    services.commitment_close(commitment=commitment, user=small_team.alice, status="open")
    assert (commitment.status, commitment.closed_on, commitment.dropped_reason) == ("open", None, "")
    with pytest.raises(PermissionDenied):
        services.commitment_close(commitment=commitment, user=small_team.manager, status="done")


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_reminders_go_once_on_the_due_date_and_say_nothing_of_the_commitment(
        small_team, django_capture_on_commit_callbacks):
    due_today = commit(small_team.alice, due_on=TODAY())
    commit(small_team.alice, due_on=TODAY() + timedelta(days=1))
    done = commit(small_team.bob, due_on=TODAY())
    services.commitment_close(commitment=done, user=small_team.bob, status="done")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.commitment_reminders_send() == 1
        assert services.commitment_reminders_send() == 0
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["alice"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.test"]
    assert "Sylheti" not in mail.outbox[0].body and "Sylheti" not in mail.outbox[0].subject
    assert f"/practice/commitments/{due_today.pk}/" in mail.outbox[0].body
    assert services.commitment_reminders_send(today=TODAY() + timedelta(days=1)) == 1


def test_agreed_actions_become_the_supervisees_commitments(small_team):
    record = supervise(small_team, small_team.alice, actions=[
        {"action": "Revisit the assessment wording.", "due_on": TODAY() + timedelta(days=21),
         "measure": "Shared with me before next supervision.", "indicator_keys": ["act-yourself-1"]}])
    commitment = selectors.commitments_of(small_team.alice).get()
    assert commitment.supervision == record
    assert commitment.owner == small_team.alice
    assert Notification.objects.filter(user=small_team.alice, url=f"/practice/supervision/{record.pk}/").exists()


def test_a_supervision_record_locks_after_the_edit_window(small_team):
    record = supervise(small_team, small_team.alice)
    assert small_team.manager.has_perm("practice.change_supervision", record)
    assert not small_team.alice.has_perm("practice.change_supervision", record)
    record.created_at = timezone.now() - timedelta(hours=73)
    record.save()
    assert record.is_locked
    with pytest.raises(PermissionDenied):
        services.supervision_update(record=record, user=small_team.manager, held_on=record.held_on,
                                    case_references=[], race_identity_discussed=False, trauma_considered=False,
                                    wider_system_considered=False, summary="changed", feedback="changed")
    addendum = services.supervision_addendum_add(record=record, user=small_team.manager,
                                                 text="Correction: the conference is on the 14th.")
    services.supervision_addendum_add(record=record, user=small_team.alice, text="Thank you, noted.")
    assert [item.author for item in record.addenda.all()] == [small_team.manager, small_team.alice]
    assert addendum.record == record


def test_addenda_wait_until_the_record_is_locked(small_team):
    record = supervise(small_team, small_team.alice)
    with pytest.raises(PermissionDenied):
        services.supervision_addendum_add(record=record, user=small_team.manager, text="Too early")


def test_the_supervisee_acknowledges_once_with_a_comment(small_team):
    record = supervise(small_team, small_team.alice)
    with pytest.raises(PermissionDenied):
        services.supervision_acknowledge(record=record, user=small_team.manager)
    services.supervision_acknowledge(record=record, user=small_team.alice, comment="  I see the housing differently. ")
    assert record.supervisee_comment == "I see the housing differently."
    with pytest.raises(PermissionDenied):
        services.supervision_acknowledge(record=record, user=small_team.alice, comment="again")


def test_a_supervision_cannot_be_dated_in_the_future(small_team):
    with pytest.raises(ValidationError, match="today or in the past"):
        supervise(small_team, small_team.alice, held_on=TODAY() + timedelta(days=1))


def test_my_star_shows_what_is_waiting_and_what_is_quiet(small_team):
    reflect(small_team.alice)
    supervise(small_team, small_team.alice)
    commit(small_team.alice)
    my = selectors.my_star(small_team.alice)
    assert len(my.to_acknowledge) == 1 and len(my.open_commitments) == 1 and len(my.recent) == 1
    quiet_keys = {card.indicator.key for card in my.quiet}
    assert "think-yourself-1" not in quiet_keys
    assert "learn-wider-system-2" in quiet_keys
    assert sum(len(cards) for section in my.sections for _, cards in section.levels) == 21
    assert all(card.prompts for card in my.quiet)
