"""Fixtures shared by every app's tests."""

import pytest

from star.core.tests.factories import OrganisationFactory, UserFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northbridge Council", slug="northbridge")


@pytest.fixture
def make_user(db, organisation):
    """make_user("manager") -> a signed-up user holding that role in the test organisation."""

    def make(*roles, **fields):
        fields.setdefault("organisation", organisation)
        return UserFactory(roles=list(roles), **fields)

    return make
