"""Practice records: reflections (how you think), commitments (how you act) and STAR supervision.

Each record keeps the framework version it was made under (`framework_version`, PROTECT) and points
at that version's indicators and lenses, so an old record still reads correctly after a new version
is published. `team` is the author's (or supervisee's) team when the record was made: team views
count records where they happened, not where people are now.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from star.core.scoping import OrganisationOwned, OrganisationScopedManager

TEXT_LIMIT = 10_000  # characters in one narrative field: about four pages


class Reflection(OrganisationOwned):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    framework_version = models.ForeignKey("framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    indicators = models.ManyToManyField("framework.Indicator", related_name="+")
    lenses = models.ManyToManyField("framework.Lens", blank=True, related_name="+")
    prompt = models.CharField(max_length=300, blank=True, help_text="The prompt question the author answered.")
    text = models.TextField(max_length=TEXT_LIMIT)
    case_reference = models.CharField(max_length=40, blank=True,
                                      help_text="An id from the case-management system; no case content.")
    learning_activity = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    sensitive = True

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["author", "created_at"]), models.Index(fields=["team", "created_at"])]

    def __str__(self):
        return f"Reflection of {self.created_at:%d %B %Y}"


class ReflectionShare(models.Model):
    """The author has shared a reflection with one person (their supervisor or a named colleague)."""

    class Kind(models.TextChoices):
        SUPERVISOR = "supervisor", "Supervisor"
        COLLEAGUE = "colleague", "Colleague"

    organisation_path = "reflection__organisation"

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="shares")
    shared_with = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    shared_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reflection", "shared_with"], name="practice_share_once")]

    def __str__(self):
        return f"Shared with {self.shared_with}"


class Commitment(OrganisationOwned):
    """What I will do, by when, and how I will know: an action tied to STAR indicators."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commitments")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    framework_version = models.ForeignKey("framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    indicators = models.ManyToManyField("framework.Indicator", related_name="+")
    action = models.TextField("what I will do", max_length=2_000)
    due_on = models.DateField("by when")
    measure = models.TextField("how I will know", max_length=2_000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    dropped_reason = models.TextField(max_length=2_000, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    supervision = models.ForeignKey("SupervisionRecord", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="agreed_actions",
                                    help_text="The supervision in which it was agreed, if any.")
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When the due-date reminder was sent.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "status", "due_on"]), models.Index(fields=["team", "due_on"])]

    def __str__(self):
        return f"Commitment due {self.due_on:%d %B %Y}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()


class SupervisionRecord(OrganisationOwned):
    """A STAR supervision: structured prompts, the manager's reflective feedback, agreed actions.

    Editable by the supervisor for `STAR["SUPERVISION_EDIT_HOURS"]` after it is recorded, then locked;
    later changes are addenda.
    """

    # A deleted supervisor account leaves the record with the supervisee (accounts are usually deactivated).
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="supervisions_given")
    supervisee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="supervisions_received")
    team = models.ForeignKey("core.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    framework_version = models.ForeignKey("framework.FrameworkVersion", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("date of supervision")
    case_references = models.JSONField(default=list, blank=True)
    race_identity_discussed = models.BooleanField("race, culture and identity discussed")
    trauma_considered = models.BooleanField("impact of trauma considered")
    wider_system_considered = models.BooleanField("wider-system factors considered")
    lenses = models.ManyToManyField("framework.Lens", blank=True, related_name="+")
    indicators = models.ManyToManyField("framework.Indicator", blank=True, related_name="+")
    summary = models.TextField("what was discussed", max_length=TEXT_LIMIT)
    feedback = models.TextField("reflective feedback", max_length=TEXT_LIMIT)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    supervisee_comment = models.TextField(max_length=TEXT_LIMIT, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    sensitive = True

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["supervisee", "held_on"]), models.Index(fields=["team", "held_on"])]

    def __str__(self):
        return f"Supervision of {self.held_on:%d %B %Y}"

    @property
    def locks_at(self):
        return self.created_at + timedelta(hours=settings.STAR["SUPERVISION_EDIT_HOURS"])

    @property
    def is_locked(self) -> bool:
        return timezone.now() >= self.locks_at


class SupervisionAddendum(models.Model):
    """A later note on a locked supervision record, by either party."""

    organisation_path = "record__organisation"

    record = models.ForeignKey(SupervisionRecord, on_delete=models.CASCADE, related_name="addenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(max_length=TEXT_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Addendum of {self.created_at:%d %B %Y}"
