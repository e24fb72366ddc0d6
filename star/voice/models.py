"""Surveys and feedback: versioned questionnaires, public links, anonymous responses, themes.

Respondents never sign in and nothing that identifies them is stored: a response keeps its survey
version, the link it came through, the language, the day it arrived and the answers. The address a
response came from is used only for rate limiting, in the cache, and never written to the database.
Results are shown only through ``star.analytics`` (anonymity threshold, differencing protection).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from star.analytics.disclosure import MIN_THRESHOLD
from star.core.scoping import OrganisationOwned, OrganisationScopedManager

TEXT_ANSWER_LIMIT = 3_000
PREFER_NOT_TO_SAY = "prefer_not_to_say"


def new_token() -> str:
    """An unguessable public identifier for a link (URL-safe, 12 characters)."""
    return secrets.token_urlsafe(9)


class Audience(models.TextChoices):
    YOUNG_PEOPLE = "young_people", "Children and young people"
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    PARTNERS = "partners", "Partner agencies"
    FOSTER_CARERS = "foster_carers", "Foster carers"
    STAFF = "staff", "Staff"
    OTHER = "other", "Other"


class Survey(OrganisationOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    purpose = models.TextField(blank=True, help_text="Why we are asking, shown to respondents.")
    template_key = models.CharField(max_length=60, blank=True, help_text="The shipped template it started from.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    anonymity_threshold = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(50)],
        help_text="Results for any group smaller than this are hidden. Never below 3.")
    class Release(models.TextChoices):
        QUARTERLY = "quarterly", "A quarter at a time, when each quarter ends (safest)"
        LIVE = "live", "As answers arrive (for one-off events: someone watching could learn one person's answers)"

    results_release = models.CharField(max_length=10, choices=Release.choices, default=Release.QUARTERLY,
                                       help_text="When answers count in the results.")
    population_stage = models.CharField(
        max_length=20, blank=True,
        help_text="Outcomes stage whose children's ethnicity the respondents are compared with.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=Q(anonymity_threshold__gte=MIN_THRESHOLD),
                                              name="voice_threshold_at_least_three")]

    def __str__(self):
        return self.title

    @property
    def current_version(self):
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()

    @property
    def draft_version(self):
        return self.versions.filter(published_at__isnull=True).order_by("-number").first()


class SurveyVersion(models.Model):
    """The questions as they were. Published versions never change; answers keep their version."""

    organisation_path = "survey__organisation"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    change_note = models.CharField(max_length=300, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["survey", "number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="voice_unique_version_number")]

    def __str__(self):
        return f"{self.survey} (version {self.number})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Section(models.Model):
    organisation_path = "version__survey__organisation"

    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField()

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["version", "order"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", "Agree or disagree (5 points)"
        SINGLE = "single", "Choose one"
        MULTIPLE = "multiple", "Choose any"
        TEXT = "text", "Free text"
        ETHNICITY = "ethnicity", "Ethnic group (ONS 2021, with 'prefer not to say')"

    organisation_path = "section__version__survey__organisation"

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(max_length=60, help_text="Stable across versions, so results can be compared.")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    options = models.JSONField(default=list, blank=True,
                               help_text="For choice questions: a list of {key, label}.")
    required = models.BooleanField(default=False)
    shown_if_question = models.SlugField(max_length=60, blank=True,
                                         help_text="Ask only when this earlier question ...")
    shown_if_answer = models.CharField(max_length=60, blank=True, help_text="... has this answer (an option key).")
    order = models.PositiveSmallIntegerField()

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["section__order", "order"]

    def __str__(self):
        return self.text


class SurveyLink(models.Model):
    """A public address for a survey: one per team, partner or place, so results can be seen by link."""

    organisation_path = "survey__organisation"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=120, help_text="e.g. 'Family Hub North' or 'Schools'.")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token = models.CharField(max_length=20, unique=True, default=new_token)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["survey", "label"]
        constraints = [models.UniqueConstraint(fields=["survey", "label"], name="voice_unique_link_label")]

    def __str__(self):
        return self.label


class Response(models.Model):
    """One anonymous set of answers. ``ethnicity`` is an ONS 2021 category key, 'prefer_not_to_say' or ''."""

    organisation_path = "survey__organisation"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(SurveyLink, null=True, on_delete=models.SET_NULL, related_name="responses")
    submitted_on = models.DateField(help_text="The day only: a time would help tell people apart.")
    language = models.CharField(max_length=10, default="en-gb")
    ethnicity = models.CharField(max_length=40, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["survey", "submitted_on"])]

    def __str__(self):
        return f"Response {self.pk} to {self.survey}"


class Theme(OrganisationOwned):
    """A theme staff code comments with, e.g. 'Felt listened to' or 'Interpreters'."""

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="voice_unique_theme_name")]

    def __str__(self):
        return self.name


class Answer(models.Model):
    organisation_path = "response__survey__organisation"

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=60, blank=True, help_text="Option key (Likert '1'-'5', choice, ethnicity).")
    choices = models.JSONField(default=list, blank=True, help_text="Option keys for 'choose any'.")
    text = models.TextField(blank=True, max_length=TEXT_ANSWER_LIMIT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="answers")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    coded_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["response", "question"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="voice_one_answer_per_question")]

    def __str__(self):
        return f"Answer to {self.question_id}"


class Action(OrganisationOwned):
    """'You said, we did': what we heard (a theme), what we are doing about it, and where it stands."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        UNDERWAY = "underway", "Under way"
        DONE = "done", "Done"

    survey = models.ForeignKey(Survey, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    you_said = models.TextField(max_length=1_000, help_text="What people told us, in their words as a group.")
    we_did = models.TextField(max_length=2_000, help_text="What we did or are doing about it.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    is_public = models.BooleanField(default=True, help_text="Show it to respondents on the survey's pages.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return self.you_said[:60]


class UsedSubmission(models.Model):
    """A form's one-time key, kept so pressing Submit twice (or going back and resending) counts once."""

    key_hash = models.CharField(max_length=64, unique=True)
    used_on = models.DateField(auto_now_add=True)

    def __str__(self):
        return self.key_hash[:12]
