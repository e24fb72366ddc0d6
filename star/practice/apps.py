from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "star.practice"
    label = "practice"
    verbose_name = "Practice: reflection, supervision and commitments"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entries)

        # Narrative fields are left out of the audit trail: it records who changed what and when,
        # never the private words themselves (admins can read the trail).
        auditlog.register(models.Reflection, exclude_fields=["text"], m2m_fields={"indicators", "lenses"})
        auditlog.register(models.ReflectionShare)
        auditlog.register(models.Commitment, exclude_fields=["action", "measure", "dropped_reason"])
        auditlog.register(models.SupervisionRecord,
                          exclude_fields=["summary", "feedback", "supervisee_comment"])
        auditlog.register(models.SupervisionAddendum, exclude_fields=["text"])
