"""Aggregate counts from statutory returns. No child identifier, name, postcode or birth date is stored."""

from django.db import models

from star.core.scoping import OrganisationOwned, OrganisationScopedManager

from .stages import AGE_BANDS, SEXES, SOURCES, STAGES


class OutcomeReturn(OrganisationOwned):
    """One statutory return for an area and collection year, reduced on import to counts.

    Importing the same source for the same area and year again replaces the earlier counts.
    """

    source = models.CharField(max_length=10, choices=list(SOURCES.items()))
    year = models.PositiveSmallIntegerField(help_text="Collection year: 1 April year-1 to 31 March year.")
    area_code = models.CharField(max_length=12, help_text="Area the counts describe, e.g. the ONS code.")
    data_import = models.OneToOneField("core.DataImport", on_delete=models.CASCADE, related_name="outcome_return")
    children = models.PositiveIntegerField(help_text="Children counted at one stage or more.")
    invalid_codes = models.JSONField(default=dict, blank=True, help_text="Ethnicity codes that are not DfE codes.")
    invalid_values = models.JSONField(default=dict, blank=True, help_text="Other unknown codes, by field.")
    notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "source"]
        constraints = [models.UniqueConstraint(fields=["organisation", "source", "year", "area_code"],
                                               name="one_return_per_source_year_area")]

    def __str__(self):
        return f"{self.get_source_display()} {self.year} ({self.area_code})"


class StageCount(models.Model):
    """Children at one stage, by detailed ethnicity, age band and sex."""

    outcome_return = models.ForeignKey(OutcomeReturn, on_delete=models.CASCADE, related_name="cells")
    stage = models.CharField(max_length=20, choices=[(stage.id, stage.label) for stage in STAGES])
    ethnicity = models.CharField(max_length=40, help_text="Analytics category key, or 'invalid'.")
    age_band = models.CharField(max_length=8, choices=[(band, band) for band in AGE_BANDS])
    sex = models.CharField(max_length=8, choices=[(sex, sex) for sex in SEXES])
    count = models.PositiveIntegerField()

    objects = OrganisationScopedManager()
    organisation_path = "outcome_return__organisation"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outcome_return", "stage", "ethnicity", "age_band", "sex"],
                                               name="unique_stage_cell")]

    def __str__(self):
        return f"{self.stage} {self.ethnicity} {self.age_band} {self.sex}: {self.count}"


class StageTransition(models.Model):
    """Children seen at ``from_stage`` who also reached ``to_stage`` in the same return, by ethnicity."""

    outcome_return = models.ForeignKey(OutcomeReturn, on_delete=models.CASCADE, related_name="transitions")
    from_stage = models.CharField(max_length=20)
    to_stage = models.CharField(max_length=20)
    ethnicity = models.CharField(max_length=40)
    count = models.PositiveIntegerField()

    objects = OrganisationScopedManager()
    organisation_path = "outcome_return__organisation"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["outcome_return", "from_stage", "to_stage", "ethnicity"],
                                               name="unique_stage_transition")]

    def __str__(self):
        return f"{self.from_stage}→{self.to_stage} {self.ethnicity}: {self.count}"
