"""Hostile case lists: whatever the file holds, the import ends in a clear result and never half-writes."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from star.audits.models import CaseListEntry
from star.core.imports import import_file

from .conftest import start_programme

pytestmark = pytest.mark.django_db

CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["NB-100001", "1234567", "BCRB", "WBRI", "Team A", "Child in need", "=1+1", "@SUM(A1)",
                     "<script>alert(1)</script>", "\x00", "", " ", "９９９９"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=8), st.booleans())
def test_any_case_list_is_imported_whole_or_not_at_all(world, rows, with_header):
    programme = world.programme or start_programme(world)
    before = set(CaseListEntry.objects.filter(programme=programme).values_list("case_reference", flat=True))
    lines = (["case_reference,team,worker,ethnicity,stage"] if with_header else []) + [
        ",".join('"' + cell.replace('"', '""') + '"' for cell in row) for row in rows]
    data_import = import_file(organisation=world.organisation, kind="audits.cases",
                              data="\n".join(lines).encode(), filename="cases.csv",
                              params={"programme": programme.pk})
    after = set(CaseListEntry.objects.filter(programme=programme).values_list("case_reference", flat=True))
    assert data_import.status in ("succeeded", "failed", "review")
    if data_import.noop:  # the same file again: nothing happens
        assert after == before
        return
    if data_import.status == "succeeded":
        assert len(after) == data_import.summary["created"]["cases"]
    else:
        assert after == before
        assert data_import.errors and all(error["message"] for error in data_import.errors)
