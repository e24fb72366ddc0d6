"""The STAR framework: versions of the practice model and what each one contains.

Framework versions are deployment-wide reference data, not per organisation. Records made
elsewhere point at the version they used with `ForeignKey("framework.FrameworkVersion",
on_delete=models.PROTECT)`, so a version that has been used cannot be deleted.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from .schema import LENS_KEYS, LEVEL_KEYS, STAGE_KEYS


class FrameworkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_current = models.BooleanField(default=False, help_text="The version in use. Exactly one once published.")
    source = models.TextField(blank=True, help_text="Where the content comes from.")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    loaded_from = models.CharField(max_length=255, blank=True, help_text="The file name it was loaded from.")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True),
                                    name="framework_one_current_version"),
            # Published means current: a superseded version is retired.
            models.CheckConstraint(
                condition=Q(is_current=True, status="published") | (Q(is_current=False) & ~Q(status="published")),
                name="framework_current_iff_published",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="framework_version_number_positive"),
        ]

    def __str__(self):
        return f"Version {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("framework:version", kwargs={"number": self.number})


class Lens(models.Model):
    """A way of seeing practice: systemic, trauma-informed or anti-racist."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="lenses")
    key = models.CharField(max_length=80, choices=[(key, key) for key in LENS_KEYS])
    name = models.CharField(max_length=120)
    short_definition = models.TextField()
    definition = models.TextField()
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        verbose_name_plural = "lenses"
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="framework_unique_lens_key")]

    def __str__(self):
        return self.name


class Stage(models.Model):
    """A practice stage: Think, Act, Evaluate or Learn."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="stages")
    key = models.CharField(max_length=80, choices=[(key, key) for key in STAGE_KEYS])
    name = models.CharField(max_length=120)
    question = models.CharField(max_length=200, help_text="For example 'How you think'.")
    has_levels = models.BooleanField(default=True, help_text="False when the stage applies at every level.")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="framework_unique_stage_key")]

    def __str__(self):
        return self.name


class Level(models.Model):
    """Where practice happens: yourself, those you work with, the wider system."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="levels")
    key = models.CharField(max_length=80, choices=[(key, key) for key in LEVEL_KEYS])
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="framework_unique_level_key")]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A behaviour that shows the framework in practice. Its key is stable across versions."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="indicators")
    key = models.CharField(max_length=80)
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="indicators")
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators",
                              help_text="Empty when the stage applies at every level.")
    text = models.TextField()
    guidance = models.TextField(blank=True)
    lenses = models.ManyToManyField(Lens, blank=True, related_name="indicators")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="framework_unique_indicator_key")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return reverse("framework:indicator", kwargs={"number": self.version.number, "key": self.key})
