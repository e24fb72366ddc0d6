from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "star.voice"
    label = "voice"
    verbose_name = "Voice: surveys and feedback"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models, navigation, permissions  # noqa: F401  (registers rules and the menu entry)

        for model in (models.Survey, models.SurveyVersion, models.SurveyLink, models.Theme):
            auditlog.register(model)
        # Who coded or changed what, never respondents' words.
        auditlog.register(models.Answer, include_fields=["coded_by", "coded_at"], m2m_fields={"themes"})
        auditlog.register(models.Action)
