"""Permission tests for every core page: anonymous, wrong role, right role, other organisation."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from star.core.roles import ROLE_NAMES

from .factories import OrganisationFactory, StaffProfileFactory

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = ["core:home", "core:api_tokens", "password_change"]


@pytest.mark.parametrize("name", [*SIGNED_IN_PAGES, "core:people", "core:audit_log"])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_each_role_lands_on_its_home_page(client, make_user, role):
    from star.core.roles import ROLE_BY_NAME

    client.force_login(make_user(role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert ROLE_BY_NAME[role].home_heading in response.content.decode()


@pytest.mark.parametrize("role", [r for r in ROLE_NAMES if r not in {"admin", "manager"}])
def test_people_page_is_refused_to_other_roles(client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("core:people")).status_code == 403


@pytest.mark.parametrize("role", [r for r in ROLE_NAMES if r != "admin"])
def test_audit_trail_is_for_admins_only(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get(reverse("core:audit_log"))
    assert response.status_code == 403
    assert "You do not have permission" in response.content.decode()


def test_admin_sees_everyone_in_their_organisation_only(client, make_user, organisation):
    ours = StaffProfileFactory(organisation=organisation, display_name="Ama Mensah")
    StaffProfileFactory(organisation=OrganisationFactory(), display_name="Elsewhere Person")
    client.force_login(make_user("admin"))
    page = client.get(reverse("core:people")).content.decode()
    assert ours.display_name in page
    assert "Elsewhere Person" not in page


def test_manager_sees_direct_reports_only_and_reads_are_audited(client, make_user, organisation):
    manager = make_user("manager")
    own = StaffProfileFactory(organisation=organisation, user=manager)
    report = StaffProfileFactory(organisation=organisation, line_manager=own, display_name="Direct Report")
    stranger = StaffProfileFactory(organisation=organisation, display_name="Not Managed")
    client.force_login(manager)

    listing = client.get(reverse("core:people")).content.decode()
    assert "Direct Report" in listing and "Not Managed" not in listing
    assert client.get(reverse("core:staff_profile", args=[report.pk])).status_code == 200
    assert client.get(reverse("core:staff_profile", args=[stranger.pk])).status_code == 403
    access = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(report.pk))
    assert access.count() == 1 and access.get().actor == manager


def test_profiles_of_other_organisations_are_not_found(client, make_user):
    elsewhere = StaffProfileFactory(organisation=OrganisationFactory())
    client.force_login(make_user("admin"))
    response = client.get(reverse("core:staff_profile", args=[elsewhere.pk]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_people_can_read_their_own_profile(client, make_user, organisation):
    user = make_user("practitioner")
    own = StaffProfileFactory(organisation=organisation, user=user)
    client.force_login(user)
    assert client.get(reverse("core:staff_profile", args=[own.pk])).status_code == 200


def test_regional_lead_sees_aggregates_for_the_whole_region_only(client, make_user, organisation):
    from star.core.models import Region

    from .factories import GradeFactory

    region = Region.objects.create(name="Riverside Regional Alliance")
    neighbour, outsider = OrganisationFactory(name="Eastmoor Council"), OrganisationFactory(name="Faraway Council")
    for org in (organisation, neighbour):
        org.region = region
        org.save()
    for org, count in ((organisation, 12), (neighbour, 9), (outsider, 20)):
        grade = GradeFactory(organisation=org)
        StaffProfileFactory.create_batch(count, organisation=org, grade=grade)
    StaffProfileFactory.create_batch(2, organisation=neighbour, grade=GradeFactory(organisation=neighbour,
                                                                                   tier="senior", rank=9))
    client.force_login(make_user("regional_lead"))
    page = client.get(reverse("core:overview")).content.decode()
    assert "Eastmoor Council" in page and "Northbridge Council" in page
    assert "Faraway Council" not in page
    assert ">12<" in page  # Northbridge practitioners
    assert 'title="confidential' in page  # Eastmoor's 2 senior leaders are never shown as 2
    assert ">2<" not in page
    assert "Person" not in page  # no names, only counts


def test_overview_is_refused_to_roles_without_aggregate_access(client, make_user):
    client.force_login(make_user("practitioner"))
    assert client.get(reverse("core:overview")).status_code == 403
