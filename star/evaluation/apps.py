from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "star.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation: interventions and their review cycle"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.Intervention, models.Measure, models.CountEntry, models.Review):
            auditlog.register(model)
