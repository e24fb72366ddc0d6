from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "star.audits"
    label = "audits"
    verbose_name = "Case audits against the anti-racist practice standards"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.StandardsVersion, models.Standard, models.AuditProgramme, models.CaseListEntry,
                      models.AuditAction):
            auditlog.register(model)
        # Findings about a child's case stay out of the audit trail, which administrators read: it
        # records who answered or changed what and when, never the words.
        auditlog.register(models.Audit, exclude_fields=["grade_rationale", "safeguarding_note",
                                                        "practitioner_response"])
        auditlog.register(models.Answer, exclude_fields=["evidence"])
        for model in (models.AuditAddendum, models.LearningPoint):
            auditlog.register(model, exclude_fields=["text"])
        auditlog.register(models.Moderation, exclude_fields=["notes"])
