"""HR data for workforce race equality. Staff and applicant ids are stored only as keyed hashes.

Row-level records are visible to the equality analyst role only; everyone else sees aggregates
produced through ``star.analytics``. Each record belongs to the import that brought it, so
deleting an import removes exactly what it added.
"""

from django.db import models

from star.analytics.ethnicity import ALL_CATEGORIES
from star.core.scoping import OrganisationOwned


class LeadershipTier(models.TextChoices):
    SENIOR = "senior", "Senior leadership"
    MIDDLE = "middle", "Middle leadership"
    FIRST_LINE = "first_line", "First-line management"
    NONE = "", "Not in leadership"


class Contract(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"
    UNKNOWN = "", "Not recorded"


class StaffSnapshot(OrganisationOwned):
    """The workforce as it stood on one date."""

    as_at = models.DateField()
    data_import = models.ForeignKey("core.DataImport", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["organisation", "-as_at"]
        constraints = [models.UniqueConstraint(fields=["organisation", "as_at"], name="unique_snapshot_date")]

    def __str__(self):
        return f"Staff snapshot at {self.as_at:%d %B %Y}"


class StaffRecord(OrganisationOwned):
    organisation_path = "snapshot__organisation"
    organisation = None

    snapshot = models.ForeignKey(StaffSnapshot, on_delete=models.CASCADE, related_name="records")
    staff_key = models.CharField(max_length=64)
    ethnicity = models.CharField(max_length=40, help_text="Analytics category key (ONS 2021 or unknown).")
    grade = models.CharField(max_length=80)
    grade_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    leadership_tier = models.CharField(max_length=20, choices=LeadershipTier.choices, blank=True)
    service = models.CharField(max_length=160, blank=True)
    team = models.CharField(max_length=160, blank=True)
    job_family = models.CharField(max_length=120, blank=True)
    manager_key = models.CharField(max_length=64, blank=True)
    start_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=120, blank=True)
    fte = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    hourly_pay = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    bonus_paid = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    contract = models.CharField(max_length=20, choices=Contract.choices, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "staff_key"], name="unique_staff_in_snapshot")]
        indexes = [models.Index(fields=["snapshot", "ethnicity"])]

    def __str__(self):
        return f"Staff record in {self.snapshot}"

    @property
    def ethnicity_label(self) -> str:
        """The category's published label (ONS 2021), or the unknown reason."""
        category = ALL_CATEGORIES.get(self.ethnicity)
        return category.label if category else self.ethnicity


class Application(OrganisationOwned):
    data_import = models.ForeignKey("core.DataImport", on_delete=models.CASCADE, related_name="+")
    application_key = models.CharField(max_length=64)
    vacancy_id = models.CharField(max_length=60)
    grade = models.CharField(max_length=80)
    service = models.CharField(max_length=160, blank=True)
    ethnicity = models.CharField(max_length=40)
    shortlisted = models.BooleanField()
    appointed = models.BooleanField()
    decision_date = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "application_key"],
                                               name="unique_application")]
        indexes = [models.Index(fields=["organisation", "decision_date"])]

    def __str__(self):
        return f"Application to vacancy {self.vacancy_id}"


class FormalProcess(OrganisationOwned):
    class Kind(models.TextChoices):
        DISCIPLINARY = "disciplinary", "Disciplinary"
        CAPABILITY = "capability", "Capability"
        FITNESS_TO_PRACTISE = "fitness_to_practise", "Fitness to practise referral"

    data_import = models.ForeignKey("core.DataImport", on_delete=models.CASCADE, related_name="+")
    staff_key = models.CharField(max_length=64)
    date_opened = models.DateField()
    kind = models.CharField(max_length=30, choices=Kind.choices)

    def __str__(self):
        return f"{self.get_kind_display()} opened {self.date_opened}"


class DevelopmentActivity(OrganisationOwned):
    data_import = models.ForeignKey("core.DataImport", on_delete=models.CASCADE, related_name="+")
    staff_key = models.CharField(max_length=64)
    date = models.DateField()
    activity = models.CharField(max_length=200)
    mandatory = models.BooleanField()
    funded = models.BooleanField()

    def __str__(self):
        return self.activity


class Promotion(OrganisationOwned):
    data_import = models.ForeignKey("core.DataImport", on_delete=models.CASCADE, related_name="+")
    staff_key = models.CharField(max_length=64)
    date = models.DateField()
    from_grade = models.CharField(max_length=80)
    to_grade = models.CharField(max_length=80)

    def __str__(self):
        return f"Promotion on {self.date}"
