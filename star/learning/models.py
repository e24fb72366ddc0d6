"""Continuous learning: the catalogue and records, action learning sets, communities of practice, events.

Three kinds of privacy live here:
* a person's learning records are theirs (and their line manager's to see); learning leads see
  aggregates by team and STAR lens or indicator;
* what is said in an action learning set (ground rules, meeting notes, presentations, commitments and
  their reviews) is visible only to the set's members and facilitator: administrators and learning
  leads see the set's metadata (membership, dates, attendance), never its content;
* communities of practice can span organisations: members from partner councils see the community's
  meetings and resources, and nothing else of the host council.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from star.core.scoping import OrganisationOwned, OrganisationScopedManager

TEXT_LIMIT = 5_000
SET_MIN_MEMBERS, SET_MAX_MEMBERS = 4, 8


class ActivityKind(models.TextChoices):
    TRAINING = "training", "Training course"
    E_LEARNING = "e_learning", "E-learning"
    EXPERT = "expert", "Session with an external expert"
    WORKSHOP = "workshop", "Workshop"
    SHOW_AND_TELL = "show_and_tell", "Show and Tell"
    JOINT_WORKING = "joint_working", "Joint working session with a partner"
    TEAM_VISIT = "team_visit", "Attending another team's meeting"
    COMMUNITY = "community", "Community of practice meeting"
    READING = "reading", "Reading"
    OTHER = "other", "Other"


class Activity(OrganisationOwned):
    """Something people can learn from, in the council's catalogue."""

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    description = models.TextField(max_length=TEXT_LIMIT, blank=True)
    provider = models.CharField(max_length=200, blank=True, help_text="Who runs it, e.g. 'In-house' or a trainer.")
    partners = models.CharField(max_length=300, blank=True, help_text="Partner organisations, e.g. schools, NHS.")
    lens_keys = models.JSONField(default=list, blank=True, help_text="STAR lens keys.")
    indicator_keys = models.JSONField(default=list, blank=True, help_text="STAR indicator keys.")
    link = models.URLField(blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True, help_text="Typical length in minutes.")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "activities"

    def __str__(self):
        return self.title


class Session(models.Model):
    """One dated occurrence of an activity, with a capacity (blank for no limit)."""

    organisation_path = "activity__organisation"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True, help_text="A room, or 'Online'.")
    capacity = models.PositiveIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    facilitator = models.CharField(max_length=200, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="learning_session_ends_after")]

    def __str__(self):
        return f"{self.activity} ({self.starts_at:%d %b %Y})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"
        CANCELLED = "cancelled", "Cancelled"

    organisation_path = "session__activity__organisation"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="learning_attendances")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="learning_one_attendance_per_person")]

    def __str__(self):
        return f"{self.user} at {self.session}: {self.status}"


class LearningRecord(OrganisationOwned):
    """A piece of learning a person did: from a session they attended, an import, or logged themselves."""

    class Source(models.TextChoices):
        SELF = "self", "Logged by the person"
        ATTENDANCE = "attendance", "Attendance at a session"
        IMPORT = "import", "Imported from the learning system"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_records")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="records")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="records")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    completed_on = models.DateField()
    minutes = models.PositiveIntegerField(null=True, blank=True)
    lens_keys = models.JSONField(default=list, blank=True)
    indicator_keys = models.JSONField(default=list, blank=True)
    reflection = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="What I took from it (private).")
    practice_reflection = models.ForeignKey("practice.Reflection", null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+", help_text="A fuller reflection in My STAR.")
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SELF)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "session"], condition=Q(session__isnull=False),
                                               name="learning_one_record_per_session")]

    def __str__(self):
        return f"{self.title} ({self.completed_on})"


class Suggestion(OrganisationOwned):
    """A learning need that flowed in from elsewhere, for one person."""

    class Reason(models.TextChoices):
        AUDIT_THEME = "audit_theme", "A theme from case audits"
        SUPERVISION_ACTION = "supervision_action", "An action agreed in supervision"
        INDICATOR_GAP = "indicator_gap", "A STAR indicator your team has not reflected on lately"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_suggestions")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    text = models.CharField(max_length=300)
    source_key = models.CharField(max_length=120, help_text="What it came from (stable), so it is made once.")
    indicator_key = models.CharField(max_length=80, blank=True)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "reason", "source_key"],
                                               name="learning_one_suggestion_per_source")]

    def __str__(self):
        return self.text


# --- action learning sets ---------------------------------------------------------------------------------

class LearningSet(OrganisationOwned):
    """An action learning set: 4 to 8 members and a facilitator meeting every 4 to 12 weeks."""

    class Status(models.TextChoices):
        FORMING = "forming", "Forming"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    name = models.CharField(max_length=160)
    theme = models.CharField(max_length=300)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cadence_weeks = models.PositiveSmallIntegerField(validators=[MinValueValidator(4), MaxValueValidator(12)])
    committed_meetings = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(24)])
    starts_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.FORMING)
    ground_rules = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="Agreed at the first meeting. "
                                    "Content: members and the facilitator only.")
    evaluation_survey = models.ForeignKey("voice.Survey", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+", help_text="End-of-cycle evaluation.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [models.CheckConstraint(condition=Q(cadence_weeks__gte=4, cadence_weeks__lte=12),
                                              name="learning_set_cadence_4_to_12_weeks")]

    def __str__(self):
        return self.name


class SetMembership(models.Model):
    organisation_path = "learning_set__organisation"

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["learning_set", "user"], name="learning_one_membership")]

    def __str__(self):
        return f"{self.user} in {self.learning_set}"


class SetMeeting(models.Model):
    organisation_path = "learning_set__organisation"

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField()
    held_on = models.DateField()
    presenters = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    notes = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="Content: members and facilitator only.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["learning_set", "number"]
        constraints = [models.UniqueConstraint(fields=["learning_set", "number"],
                                               name="learning_unique_meeting_number")]

    def __str__(self):
        return f"{self.learning_set}: meeting {self.number}"


class SetAttendance(models.Model):
    organisation_path = "meeting__learning_set__organisation"

    meeting = models.ForeignKey(SetMeeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField()

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="learning_one_set_attendance")]

    def __str__(self):
        return f"{self.user} at {self.meeting}: {'attended' if self.attended else 'absent'}"


class SetCommitment(models.Model):
    """A member's action from one meeting, reviewed at the next."""

    class Review(models.TextChoices):
        OPEN = "open", "Not reviewed yet"
        DONE = "done", "Done"
        IN_PROGRESS = "in_progress", "In progress"
        CHANGED = "changed", "Changed"

    organisation_path = "meeting__learning_set__organisation"

    meeting = models.ForeignKey(SetMeeting, on_delete=models.CASCADE, related_name="commitments")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.TextField(max_length=1_000)
    review = models.CharField(max_length=12, choices=Review.choices, default=Review.OPEN)
    review_reflection = models.TextField(max_length=TEXT_LIMIT, blank=True)
    reviewed_at = models.ForeignKey(SetMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self):
        # Never the words: this is what the audit trail shows administrators.
        return f"Commitment {self.pk} at {self.meeting}"


# --- communities of practice and events ------------------------------------------------------------------

class Community(OrganisationOwned):
    """A community of practice hosted by ``organisation``; members may come from partner organisations."""

    name = models.CharField(max_length=160)
    purpose = models.TextField(max_length=TEXT_LIMIT)
    partner_organisations = models.ManyToManyField("core.Organisation", blank=True, related_name="+")
    lens_keys = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self):
        return self.name


class CommunityMembership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_memberships")
    is_coordinator = models.BooleanField(default=False)
    joined_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["community", "user"], name="learning_one_community_membership")]

    def __str__(self):
        return f"{self.user} in {self.community}"


class CommunityMeeting(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    summary = models.TextField(max_length=TEXT_LIMIT, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="learning_community_meeting_ends_after")]

    def __str__(self):
        return self.title


class Resource(models.Model):
    """A link or a file shared in a community (files: allowed types only, size-limited, stored by storage)."""

    class Kind(models.TextChoices):
        LINK = "link", "Link"
        DOCUMENT = "document", "Document"
        SLIDES = "slides", "Slides"
        SPREADSHEET = "spreadsheet", "Spreadsheet"
        IMAGE = "image", "Image"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    link = models.URLField(blank=True)
    file = models.FileField(upload_to="learning/resources/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


class Event(OrganisationOwned):
    """An event such as the Anti-Racism Summit, with its programme and the actions committed in the room."""

    name = models.CharField(max_length=200)
    description = models.TextField(max_length=TEXT_LIMIT, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    location = models.CharField(max_length=200, blank=True)
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="learning_events")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="learning_event_dates")]

    def __str__(self):
        return self.name


class EventSession(models.Model):
    organisation_path = "event__organisation"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    hosts = models.CharField(max_length=300, blank=True)
    description = models.TextField(max_length=TEXT_LIMIT, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                              name="learning_event_session_ends_after")]

    def __str__(self):
        return self.title


class CommittedAction(OrganisationOwned):
    """An action someone committed to (at an event, or otherwise): the organisation's action log."""

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    description = models.TextField(max_length=1_000)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    progress_note = models.TextField(max_length=2_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description[:60]
