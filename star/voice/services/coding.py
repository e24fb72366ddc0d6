"""Writes for reading feedback: themes, coding comments with themes, and 'you said, we did'."""

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from star.voice.models import Action, Answer, Theme


@transaction.atomic
def theme_save(*, organisation, user, name: str, description: str = "", theme: Theme | None = None) -> Theme:
    name = name.strip()
    clash = Theme.objects.filter(organisation=organisation, name__iexact=name)
    if theme is not None:
        clash = clash.exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"name": "There is already a theme with this name."})
    theme = theme or Theme(organisation=organisation)
    theme.name, theme.description = name, description.strip()
    with set_actor(user):
        theme.full_clean()
        theme.save()
    return theme


@transaction.atomic
def comment_code(*, answer: Answer, user, themes) -> Answer:
    """Replace a comment's themes with ``themes`` (all of the comment's organisation)."""
    organisation_id = answer.response.survey.organisation_id
    themes = list(themes)
    if any(theme.organisation_id != organisation_id for theme in themes):
        raise ValidationError("Themes must belong to the same council as the comment.")
    with set_actor(user):
        answer.themes.set(themes)
        answer.coded_by = user
        answer.coded_at = timezone.now()
        answer.save(update_fields=["coded_by", "coded_at"])
    return answer


@transaction.atomic
def action_save(*, organisation, user, action: Action | None = None, **fields) -> Action:
    """Record or update a 'you said, we did' entry. ``fields``: survey, theme, you_said, we_did, status,
    is_public, owner."""
    action = action or Action(organisation=organisation)
    for name, value in fields.items():
        setattr(action, name, value)
    for related in ("survey", "theme"):
        value = getattr(action, related)
        if value is not None and value.organisation_id != organisation.pk:
            raise ValidationError({related: "Choose one of your council's own."})
    with set_actor(user):
        action.full_clean()
        action.save()
    return action
