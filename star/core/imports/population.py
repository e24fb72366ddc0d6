"""Resident population by ethnicity: one platform-wide table (``star population import FILE``)."""

from django.db import transaction

from ..models import PopulationEstimate
from .parsers import make_choice, make_int, make_text
from .spec import ETHNICITY, Column, ImportSpec, register

SEXES = {"female": "female", "f": "female", "male": "male", "m": "male", "all": "all", "persons": "all",
         "all persons": "all", "total": "all"}


class PopulationChecker:
    """Each cell (area, year, age band, sex, ethnicity) once; a label and its DfE code are the same cell."""

    def __init__(self, context):
        self.context = context
        self.seen: dict[tuple, int] = {}

    def row(self, number, values):
        key = (values["area_code"], values["year"], values["age_band"] or "all", values["sex"] or "all",
               values["ethnicity"])
        if None in key:
            return
        if key in self.seen:
            self.context.error(number, "ethnicity", f"This area, year, age band, sex and ethnicity are already "
                                                    f"on row {self.seen[key]}")
        else:
            self.seen[key] = number


@transaction.atomic
def population_estimates_replace(*, data_import, rows, params) -> dict:
    """Replace the figures for every (area, year) in the file with the file's figures."""
    pairs = {(row.area_code, row.year) for row in rows}
    replaced = 0
    for area_code, year in pairs:
        replaced += PopulationEstimate.objects.filter(area_code=area_code, year=year).delete()[0]
    PopulationEstimate.objects.bulk_create(
        (PopulationEstimate(area_code=row.area_code, area_name=row.area_name or row.area_code, year=row.year,
                            age_band=row.age_band or "all", sex=row.sex or "all", ethnicity=row.ethnicity,
                            count=row.count, data_import=data_import) for row in rows),
        batch_size=2000)
    return {"population cells": len(rows), "cells replaced": replaced}


POPULATION = register(ImportSpec(
    kind="core.population",
    label="Resident population",
    description="Resident population by ethnicity (for example from the Census), shared by every module.",
    columns=(
        Column("area_code", make_text(12), required=True, description="ONS area code, e.g. E06000001",
               aliases=("area",)),
        Column("area_name", make_text(120), description="Area name"),
        Column("year", make_int(minimum=1900, maximum=2100), required=True, description="Year of the estimate"),
        Column("age_band", make_text(20), description="e.g. 0-17, 18-64, 65+; blank means all ages"),
        Column("sex", make_choice(SEXES, allow_blank=True), description="female, male or all (blank means all)"),
        Column("ethnicity", ETHNICITY, required=True, description="ONS 2021 label or DfE code"),
        Column("count", make_int(minimum=0), required=True, description="Number of residents"),
    ),
    writer=population_estimates_replace,
    checker=PopulationChecker,
    roles=frozenset({"admin"}),
    platform_wide=True,
    template="docs/templates/population.csv",
))
