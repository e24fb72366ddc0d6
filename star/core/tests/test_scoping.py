import pytest
from django.apps import apps

from star.core.models import Organisation, Service, StaffProfile, Team
from star.core.scoping import OrganisationScopedQuerySet

from .factories import OrganisationFactory, StaffProfileFactory, TeamFactory, UserFactory


def scoped_models():
    return [m for m in apps.get_models() if hasattr(m, "organisation_path")]


def test_every_organisation_owned_model_uses_the_scoped_queryset():
    models = scoped_models()
    assert {Organisation, Service, Team, StaffProfile} <= set(models)
    for model in models:
        assert isinstance(model.objects.all(), OrganisationScopedQuerySet), model


@pytest.mark.django_db
def test_people_see_only_their_own_organisation():
    north, east = OrganisationFactory(), OrganisationFactory()
    north_team, east_team = TeamFactory(service__organisation=north), TeamFactory(service__organisation=east)
    north_person, east_person = StaffProfileFactory(organisation=north), StaffProfileFactory(organisation=east)
    user = UserFactory(organisation=north)

    assert list(StaffProfile.objects.for_user(user)) == [north_person]
    assert list(Team.objects.for_user(user)) == [north_team]
    assert list(Organisation.objects.for_user(user)) == [north]
    assert east_team not in Team.objects.for_user(user)
    assert east_person not in StaffProfile.objects.for_user(user)


@pytest.mark.django_db
def test_unaffiliated_and_anonymous_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    StaffProfileFactory()
    nobody = UserFactory(organisation=None)
    for model in scoped_models():
        assert not model.objects.for_user(nobody).exists(), model
        assert not model.objects.for_user(AnonymousUser()).exists(), model


@pytest.mark.django_db
def test_every_role_exists_as_a_group_after_migrating():
    from django.contrib.auth.models import Group

    from star.core.roles import ROLE_NAMES

    assert set(ROLE_NAMES) <= set(Group.objects.values_list("name", flat=True))
