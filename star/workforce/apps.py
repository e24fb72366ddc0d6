from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "star.workforce"
    label = "workforce"
    verbose_name = "Workforce race equality"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.StaffSnapshot, models.Application, models.FormalProcess,
                      models.DevelopmentActivity, models.Promotion):
            auditlog.register(model)
