"""Interventions and their review cycle: before, during and after.

An intervention (a support group, a practice pilot, a reverse-mentoring cycle, systems work with
partners) states its purpose, intended outcomes and STAR indicators, and how it will be measured:
a survey question, a count the team records, or a stage from the outcomes returns. Reviews at each
phase record what was expected, what happened, the evidence and whose perspectives were gathered.
"""

from django.conf import settings
from django.db import models

from star.core.scoping import OrganisationOwned, OrganisationScopedManager

NARRATIVE_LIMIT = 5_000


class Phase(models.TextChoices):
    BEFORE = "before", "Before"
    DURING = "during", "During"
    AFTER = "after", "After"


class Perspective(models.TextChoices):
    CHILDREN = "children", "Children and young people"
    PARENTS = "parents", "Parents and carers"
    FOSTER_CARERS = "foster_carers", "Foster carers"
    STAFF = "staff", "Staff"
    GLOBAL_MAJORITY_STAFF = "global_majority_staff", "Global Majority staff"
    PARTNERS = "partners", "Partner agencies"
    COMMUNITY = "community", "Community groups"
    LEADERS = "leaders", "Leaders"


class Intervention(OrganisationOwned):
    class Kind(models.TextChoices):
        SUPPORT_GROUP = "support_group", "Support group"
        PRACTICE_PILOT = "practice_pilot", "Practice pilot"
        REVERSE_MENTORING = "reverse_mentoring", "Reverse mentoring"
        SYSTEMS_WORK = "systems_work", "Systems work with partners"
        LEARNING = "learning", "Learning programme"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.TextField(max_length=NARRATIVE_LIMIT)
    intended_outcomes = models.TextField(max_length=NARRATIVE_LIMIT)
    indicator_keys = models.JSONField(default=list, blank=True, help_text="STAR indicator keys it works on.")
    partners = models.CharField(max_length=300, blank=True, help_text="e.g. 'Northbridge schools, NHS trust'.")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title


class Measure(models.Model):
    """How an intended outcome is measured. Exactly one source applies, by ``kind``."""

    class Kind(models.TextChoices):
        SURVEY = "survey", "A survey question (share agreeing)"
        COUNT = "count", "A count we record (x of n)"
        OUTCOME = "outcome", "An outcomes stage (share of children who are Global Majority)"

    organisation_path = "intervention__organisation"

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=200, help_text="What it shows, e.g. 'Families who felt listened to'.")
    higher_is_better = models.BooleanField(default=True)
    survey = models.ForeignKey("voice.Survey", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question_key = models.SlugField(max_length=60, blank=True, help_text="The survey question's stable key.")
    stage = models.CharField(max_length=20, blank=True, help_text="Outcomes stage id.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["intervention", "order", "pk"]

    def __str__(self):
        return self.label


class CountEntry(models.Model):
    """For a count measure: x of n in one phase (e.g. 14 of 20 group members felt safer)."""

    organisation_path = "measure__intervention__organisation"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="counts")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "phase"], name="evaluation_one_count_per_phase"),
            models.CheckConstraint(condition=models.Q(numerator__lte=models.F("denominator")),
                                   name="evaluation_numerator_within_denominator"),
        ]

    def __str__(self):
        return f"{self.measure}: {self.phase}"


class Review(models.Model):
    """A structured review at one phase, covering a period whose survey results and measures it uses."""

    organisation_path = "intervention__organisation"

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="reviews")
    phase = models.CharField(max_length=10, choices=Phase.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    expected = models.TextField("what we expected", max_length=NARRATIVE_LIMIT)
    happened = models.TextField("what happened", max_length=NARRATIVE_LIMIT)
    evidence = models.TextField(max_length=NARRATIVE_LIMIT, blank=True)
    perspectives = models.JSONField(default=list, blank=True, help_text="Perspective keys gathered.")
    perspectives_missing = models.TextField("whose perspectives are missing", max_length=NARRATIVE_LIMIT,
                                            blank=True)
    changes = models.TextField("what we will change", max_length=NARRATIVE_LIMIT, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["intervention", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "phase"], name="evaluation_one_review_per_phase"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="evaluation_review_period_in_order"),
        ]

    def __str__(self):
        return f"{self.intervention}: {self.get_phase_display()} review"

    @property
    def perspective_labels(self) -> list[str]:
        return [Perspective(key).label for key in self.perspectives if key in Perspective.values]
