from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "star.framework"
    label = "framework"
    verbose_name = "STAR framework"

    def ready(self):
        from auditlog.registry import auditlog

        from star.core.navigation import NavItem, register

        from . import permissions  # noqa: F401  (registers the rules)
        from .models import FrameworkVersion, Indicator, Lens, Level, Stage

        for model in (FrameworkVersion, Lens, Stage, Level):
            auditlog.register(model)
        auditlog.register(Indicator, m2m_fields={"lenses"})
        register(NavItem("STAR framework", "framework:overview", permission="framework.view_framework", order=10))
