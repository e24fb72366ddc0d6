import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from .scoping import OrganisationOwned, OrganisationScopedManager


class Region(models.Model):
    """A regional alliance of councils sharing leadership cohorts and communities of practice."""

    name = models.CharField(max_length=120, unique=True)

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A council (local authority). Every domain record belongs to exactly one."""

    organisation_path = "pk"

    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    la_code = models.CharField("local authority code", max_length=9, blank=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations")
    global_majority_label = models.CharField(
        max_length=80,
        default="Global Majority",
        help_text="Label for the aggregate of Black, Asian, Mixed and other minority ethnic groups.",
    )
    is_demo = models.BooleanField(default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(OrganisationOwned):
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_service_name")]

    def __str__(self):
        return self.name


class Team(OrganisationOwned):
    organisation_path = "service__organisation"
    organisation = None  # a team reaches its organisation through its service

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=160)

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="unique_team_name")]

    def __str__(self):
        return self.name


class Grade(OrganisationOwned):
    """A pay grade in a council's structure, ordered by seniority."""

    class Tier(models.TextChoices):
        SUPPORT = "support", "Support and administration"
        PRACTITIONER = "practitioner", "Practitioner"
        MANAGER = "manager", "First-line manager"
        MIDDLE = "middle", "Middle leader"
        SENIOR = "senior", "Senior leader"

    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    rank = models.PositiveSmallIntegerField(help_text="Higher is more senior.")
    tier = models.CharField(max_length=20, choices=Tier.choices)

    class Meta:
        ordering = ["organisation", "rank"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_grade_code")]

    @property
    def is_leadership(self):
        return self.tier in {self.Tier.MANAGER, self.Tier.MIDDLE, self.Tier.SENIOR}

    def __str__(self):
        return self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    @cached_property
    def role_names(self) -> frozenset[str]:
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *names: str) -> bool:
        return bool(self.role_names.intersection(names))


def staff_key_for(hr_staff_id: str) -> str:
    """Keyed hash (HMAC-SHA256) of an HR staff id: equality data is joined on this, never on the id."""
    key = settings.STAR["STAFF_ID_KEY"].encode()
    return hmac.new(key, hr_staff_id.strip().upper().encode(), hashlib.sha256).hexdigest()


class StaffProfile(OrganisationOwned):
    """A member of staff as the organisation chart knows them (no equality data here)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_profile"
    )
    staff_key = models.CharField(max_length=64, help_text="Keyed hash of the HR staff id.")
    display_name = models.CharField(max_length=160)
    job_title = models.CharField(max_length=160)
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="staff")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff")
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="direct_reports"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["display_name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "staff_key"], name="unique_staff_key")]

    def __str__(self):
        return self.display_name


class StaffEqualityRecord(OrganisationOwned):
    """Self-declared equality monitoring, held apart from the profile and joined only by staff key.

    Row-level access is for the equality analyst role only; everyone else sees suppressed aggregates.
    """

    staff_key = models.CharField(max_length=64)
    ethnicity = models.CharField(max_length=40, help_text="ONS 2021 detailed category key, or unknown.")
    recorded_on = models.DateField(default=timezone.localdate)

    sensitive = True

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "staff_key"], name="unique_equality_key")]


class ApiToken(models.Model):
    """A personal token for the API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "star_" + secrets.token_urlsafe(32)

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()


class SitePage(models.Model):
    """Statutory pages (accessibility statement, privacy notice), editable per council."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        PRIVACY = "privacy", "Privacy notice"

    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    body = models.TextField(help_text="Plain text. Start a line with ## for a heading; blank lines split paragraphs.")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "kind"], name="unique_site_page")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.organisation or 'default'})"


class DemoRun(models.Model):
    """Marks that the demo council was built, so `star demo` can be re-run safely."""

    seed = models.IntegerField()
    size = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Demo (seed {self.seed}, {self.size})"


class DataImport(OrganisationOwned):
    """One file brought into STAR: all-or-nothing, with its row-level errors and progress."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "In progress"
        REVIEW = "review", "Ethnicity labels to check"
        SUCCEEDED = "succeeded", "Imported"
        FAILED = "failed", "Not imported"

    # Platform-wide tables (resident population) belong to no organisation.
    organisation = models.ForeignKey("core.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+")

    kind = models.CharField(max_length=40, help_text="What the file holds, e.g. workforce.staff.")
    filename = models.CharField(max_length=255)
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the file and its options: the same file with the same options twice "
                                 "is a no-op.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    params = models.JSONField(default=dict, blank=True, help_text="Options such as the as-at date or mapping name.")
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{row, field, message}] (first 1,000).")
    error_count = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    stored_file = models.FileField(upload_to="imports/%Y/%m/", blank=True,
                                   help_text="The uploaded file, kept only until the import succeeds or is deleted.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "content_hash"],
                                    condition=models.Q(status="succeeded"), name="unique_successful_import"),
        ]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display().lower()})"

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.RUNNING}

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.rows_done / self.rows_total)) if self.rows_total else 0


class EthnicityLabelMapping(OrganisationOwned):
    """A council's own answer for a label the normaliser could not map (e.g. an HR system's wording)."""

    label = models.CharField(max_length=200)
    category = models.CharField(max_length=40, help_text="Analytics category key, e.g. black_african or refused.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "label"], name="unique_ethnicity_label")]

    def __str__(self):
        return f"{self.label} → {self.category}"


class ColumnMapping(OrganisationOwned):
    """A saved mapping from STAR's column names to the headers in a council's own export."""

    kind = models.CharField(max_length=40)
    name = models.CharField(max_length=80)
    columns = models.JSONField(help_text="{star_column: header_in_the_file}")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "kind", "name"], name="unique_column_mapping")]

    def __str__(self):
        return self.name


class PopulationEstimate(models.Model):
    """Resident population by ethnicity: one table for the whole platform, shared by every module."""

    area_code = models.CharField(max_length=12)
    area_name = models.CharField(max_length=120)
    year = models.PositiveSmallIntegerField()
    age_band = models.CharField(max_length=20, help_text="e.g. 0-17, 18-64, 65+ or all")
    sex = models.CharField(max_length=10, help_text="female, male or all")
    ethnicity = models.CharField(max_length=40, help_text="Analytics category key.")
    count = models.PositiveIntegerField()
    data_import = models.ForeignKey(DataImport, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area_code", "year", "age_band", "sex", "ethnicity"],
                                               name="unique_population_cell")]
        indexes = [models.Index(fields=["area_code", "year"])]

    def __str__(self):
        return f"{self.area_name} {self.year}"


class Notification(models.Model):
    """An in-app message for one person, such as a reminder. It never carries sensitive detail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True, help_text="Where to go to act on it (a path in STAR).")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message
