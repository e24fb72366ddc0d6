from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "star.learning"
    label = "learning"
    verbose_name = "Learning: records, action learning sets, communities of practice and events"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.Activity, models.Session, models.Attendance, models.SetMembership,
                      models.SetAttendance, models.Community, models.CommunityMembership, models.CommunityMeeting,
                      models.Resource, models.Event, models.EventSession, models.CommittedAction):
            auditlog.register(model)
        # Private words stay out of the audit trail, which administrators read: it records who changed
        # what and when. A set's content (ground rules, notes, commitments) is for its members only.
        auditlog.register(models.LearningRecord, exclude_fields=["reflection"])
        auditlog.register(models.LearningSet, exclude_fields=["ground_rules"])
        auditlog.register(models.SetMeeting, exclude_fields=["notes"])
        auditlog.register(models.SetCommitment, exclude_fields=["action", "review", "review_reflection"])
