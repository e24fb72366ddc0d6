import pytest
from django.urls import reverse

from star.core.models import ColumnMapping

pytestmark = pytest.mark.django_db

URL = reverse("core:import_mapping_edit", args=["workforce.staff"])


def test_analyst_saves_a_mapping_and_can_change_it(client, make_user, organisation):
    client.force_login(make_user("equality_analyst"))
    response = client.post(URL, {"name": "iTrent extract", "column__staff_id": "Employee No",
                                 "column__ethnicity": "Ethnic Origin", "column__grade": ""})
    assert response.status_code == 302
    mapping = ColumnMapping.objects.get(organisation=organisation, kind="workforce.staff")
    assert mapping.columns == {"staff_id": "Employee No", "ethnicity": "Ethnic Origin"}
    listing = client.get(reverse("core:import_mappings")).content.decode()
    assert "iTrent extract" in listing and "Employee No" in listing
    page = client.get(URL, {"name": "iTrent extract"}).content.decode()
    assert 'value="Employee No"' in page and "Change the mapping" in page


def test_bad_mapping_is_explained_and_keeps_what_was_typed(client, make_user):
    client.force_login(make_user("equality_analyst"))
    page = client.post(URL, {"name": "", "column__staff_id": "Ref", "column__grade": "ref"}).content.decode()
    assert "Enter a name for the mapping" in page
    assert "Each heading can be used for one column only: ref" in page
    assert 'value="Ref"' in page
    assert not ColumnMapping.objects.exists()


def test_mappings_follow_import_permissions(client, make_user):
    client.force_login(make_user("practitioner"))
    assert client.get(reverse("core:import_mappings")).status_code == 403
    client.force_login(make_user("performance_analyst"))  # may import, but not workforce files
    assert client.get(URL).status_code == 404
    assert client.get(reverse("core:import_mapping_edit", args=["no.such-kind"])).status_code == 404
