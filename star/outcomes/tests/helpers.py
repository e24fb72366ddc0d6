"""Build returns and population for tests without going through a file."""

from star.core.models import DataImport, PopulationEstimate
from star.outcomes.cube import Cube
from star.outcomes.services import store_counts


def make_return(organisation, *, source="cin", year=2024, area="E09000001", cells=None, transitions=None):
    """``cells``: {stage: {ethnicity: children}}; ``transitions``: {(from, to): {ethnicity: children}}."""
    cube = Cube()
    for stage, by_ethnicity in (cells or {}).items():
        for ethnicity, count in by_ethnicity.items():
            cube.cells[stage, ethnicity, "5-9", "female"] += count
    for (before, after), by_ethnicity in (transitions or {}).items():
        for ethnicity, count in by_ethnicity.items():
            cube.transitions[before, after, ethnicity] += count
    cube.children = sum(sum(values.values()) for values in (cells or {}).values())
    data_import = DataImport.objects.create(organisation=organisation, kind=f"outcomes.{source}",
                                            filename=f"{source}-{year}.xml", content_hash=f"{source}{year}{area}")
    return store_counts(organisation=organisation, data_import=data_import, source=source, year=year, area=area,
                        cube=cube, summary={})


def make_population(area="E09000001", year=2021, counts=None, age_band="0-17", sex="all"):
    PopulationEstimate.objects.bulk_create(
        PopulationEstimate(area_code=area, area_name="Demo area", year=year, age_band=age_band, sex=sex,
                           ethnicity=ethnicity, count=count) for ethnicity, count in (counts or {}).items())
