"""Case audits against the anti-racist practice standards.

A council keeps versioned standards (draft, published, retired), runs audit programmes over a sample of
its case list, and audits each sampled case question by question. Cases are referred to by their
case-management reference: no case content is copied. The case list keeps, per case, only the team,
the allocated worker, the child's ethnicity category and the stage of involvement, which the sampler
and the "met equally?" report need.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from star.core.scoping import OrganisationOwned, OrganisationScopedManager

NOTE_LIMIT = 5_000


class StandardsVersion(OrganisationOwned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    is_starter = models.BooleanField(default=False, help_text="The starter set written by the STAR team.")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="audits_unique_version_number"),
            models.UniqueConstraint(fields=["organisation"], condition=Q(status="published"),
                                    name="audits_one_published_version"),
        ]

    def __str__(self):
        return f"Standards version {self.number}: {self.title}"


class Standard(models.Model):
    organisation_path = "version__organisation"

    version = models.ForeignKey(StandardsVersion, on_delete=models.CASCADE, related_name="standards")
    key = models.SlugField(max_length=60, help_text="Stable across versions.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    guidance = models.TextField(blank=True, help_text="Guidance for auditors.")
    indicator_keys = models.JSONField(default=list, blank=True, help_text="STAR indicator keys it links to.")
    order = models.PositiveSmallIntegerField()

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="audits_unique_standard_key")]

    def __str__(self):
        return self.title


class Question(models.Model):
    organisation_path = "standard__version__organisation"

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    order = models.PositiveSmallIntegerField()

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["standard__order", "order"]

    def __str__(self):
        return self.text


class AuditProgramme(OrganisationOwned):
    class Kind(models.TextChoices):
        ROUTINE = "routine", "Monthly routine"
        THEMATIC = "thematic", "Thematic"
        TARGETED = "targeted", "Targeted"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    theme = models.TextField(blank=True, help_text="For a thematic or targeted programme: what it looks at.")
    # Versions are never deleted from the pages; deleting an organisation removes everything of it.
    standards_version = models.ForeignKey(StandardsVersion, on_delete=models.CASCADE, related_name="programmes")
    period_start = models.DateField()
    period_end = models.DateField()
    auditors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="audit_programmes")
    moderation_share = models.PositiveSmallIntegerField(default=10, help_text="Per cent of audits moderated.")
    practitioner_can_respond = models.BooleanField(default=True)
    sample_seed = models.BigIntegerField(null=True, blank=True)
    sample_quota = models.PositiveSmallIntegerField(null=True, blank=True)
    sample_stratified = models.BooleanField(default=False)
    sampled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True,
                                     help_text="Closed: unsampled cases are removed from the case list.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "name"]

    def __str__(self):
        return self.name


class CaseListEntry(models.Model):
    """One case on a programme's imported case list."""

    organisation_path = "programme__organisation"

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="cases")
    case_reference = models.CharField(max_length=40)
    team = models.ForeignKey("core.Team", null=True, on_delete=models.SET_NULL, related_name="+")
    team_name = models.CharField(max_length=160)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", help_text="The allocated worker, when they have an account.")
    worker_email = models.CharField(max_length=254, blank=True)
    ethnicity = models.CharField(max_length=40, help_text="ONS 2021 detailed category key (from the DfE code).")
    stage = models.CharField(max_length=40)
    data_import = models.ForeignKey("core.DataImport", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="+")

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["team_name", "case_reference"]
        constraints = [models.UniqueConstraint(fields=["programme", "case_reference"], name="audits_case_once")]

    def __str__(self):
        return self.case_reference


class Grade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class Audit(OrganisationOwned):
    """One audit of one sampled case (or, with `moderation_of`, a second auditor's independent audit)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="audits")
    case = models.ForeignKey(CaseListEntry, on_delete=models.CASCADE, related_name="audits")
    # A deleted auditor account leaves the audit in place (accounts are usually deactivated, not deleted).
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="audits")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    manual_reason = models.TextField(blank=True, help_text="Why the case was added by hand, if it was.")
    needs_moderation = models.BooleanField(default=False)
    moderation_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.CASCADE,
                                         related_name="moderation")
    grade = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    grade_rationale = models.TextField(blank=True, max_length=NOTE_LIMIT)
    safeguarding_concern = models.BooleanField(default=False)
    safeguarding_note = models.TextField(blank=True, max_length=NOTE_LIMIT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0, help_text="Goes up with every save: detects lost updates.")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    practitioner_response = models.TextField(blank=True, max_length=NOTE_LIMIT)
    practitioner_responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case__team_name", "case__case_reference"]

    def __str__(self):
        return f"Audit of {self.case.case_reference}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    class Value(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly", "Partly met"
        NOT_MET = "not_met", "Not met"
        NOT_APPLICABLE = "na", "Not applicable"

    organisation_path = "audit__organisation"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    value = models.CharField(max_length=8, choices=Value.choices, blank=True)
    evidence = models.TextField(blank=True, max_length=NOTE_LIMIT)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["audit", "question"], name="audits_answer_once")]

    def __str__(self):
        return self.get_value_display() or "Not answered"


class AuditAddendum(models.Model):
    organisation_path = "audit__organisation"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(max_length=NOTE_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Addendum of {self.created_at:%d %B %Y}"


class LearningPoint(models.Model):
    organisation_path = "audit__organisation"

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="learning_points")
    text = models.TextField(max_length=NOTE_LIMIT)
    tags = models.JSONField(default=list, blank=True, help_text="Theme tags, lower case.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class AuditAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    organisation_path = "learning_point__audit__organisation"

    learning_point = models.ForeignKey(LearningPoint, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(max_length=2_000)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When the due-date reminder was sent.")

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["due_on"]

    def __str__(self):
        return self.text[:60]


class Moderation(models.Model):
    """How a moderated audit's disagreements were resolved."""

    organisation_path = "audit__organisation"

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="resolution")
    agreed_grade = models.CharField(max_length=24, choices=Grade.choices)
    notes = models.TextField(max_length=NOTE_LIMIT)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    def __str__(self):
        return f"Moderation resolved: {self.get_agreed_grade_display()}"
