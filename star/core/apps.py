from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "star.core"
    label = "core"
    verbose_name = "STAR core"

    def ready(self):
        from . import audit, signals  # noqa: F401  (registers models and receivers)
