from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "star.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes for children"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        auditlog.register(models.OutcomeReturn)
