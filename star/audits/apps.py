from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "star.audits"
    label = "audits"
    verbose_name = "Case audits against the anti-racist practice standards"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.StandardsVersion, models.Standard, models.AuditProgramme, models.CaseListEntry,
                      models.Audit, models.Answer, models.AuditAddendum, models.LearningPoint, models.AuditAction,
                      models.Moderation):
            auditlog.register(model)
